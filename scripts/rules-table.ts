import { builtInRules } from '../src/lint/rules/index.js';

const START = '| rule | default severity | sources | fix | what it checks |';

/** docs/rules/README.md with its table of rules made from the rules' metadata. */
export function rulesTable(readme: string): string {
  const rows = [...builtInRules.values()].map(
    (rule) => `| [${rule.meta.id}](${rule.meta.id}.md) | ${rule.meta.defaultSeverity} | ${rule.meta.sources.join(', ')} | ${fixKind(rule.meta)} | ${rule.meta.description} |`,
  );
  const table = [START, '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  // The table of an earlier version (without the fix column) is replaced too.
  const start = [START, '| rule | default severity | sources | what it checks |'].map((header) => readme.indexOf(header)).find((at) => at >= 0) ?? -1;
  if (start < 0) return `${readme.trimEnd()}\n\n${table}\n`;
  const rest = readme.slice(start).split('\n');
  const end = rest.findIndex((line, i) => i > 1 && !line.startsWith('|'));
  return readme.slice(0, start) + table + '\n' + rest.slice(end < 0 ? rest.length : end).join('\n');
}

/** 🔧 `lint --fix` applies some of its findings; 💡 it suggests edits an editor offers as quick fixes. */
function fixKind(meta: { fixable?: boolean; hasSuggestions?: boolean }): string {
  return [meta.fixable ? '🔧' : '', meta.hasSuggestions ? '💡' : ''].join('') || ' ';
}
