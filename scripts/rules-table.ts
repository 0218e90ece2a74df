import { builtInRules } from '../src/lint/rules/index.js';

const START = '| rule | default severity | sources | what it checks |';

/** docs/rules/README.md with its table of rules made from the rules' metadata. */
export function rulesTable(readme: string): string {
  const rows = [...builtInRules.values()].map(
    (rule) => `| [${rule.meta.id}](${rule.meta.id}.md) | ${rule.meta.defaultSeverity} | ${rule.meta.sources.join(', ')} | ${rule.meta.description} |`,
  );
  const table = [START, '| --- | --- | --- | --- |', ...rows].join('\n');
  const start = readme.indexOf(START);
  if (start < 0) return `${readme.trimEnd()}\n\n${table}\n`;
  const rest = readme.slice(start).split('\n');
  const end = rest.findIndex((line, i) => i > 1 && !line.startsWith('|'));
  return readme.slice(0, start) + table + '\n' + rest.slice(end < 0 ? rest.length : end).join('\n');
}
