import { builtInRules } from '../../lint/rules/index.js';
import { docsUrl } from '../../lint/types.js';
import { table } from '../table.js';
import { EXIT, type CliIo } from '../io.js';

/** `dunmail rules`: each rule with its default severity, sources, the edits it offers and a one-line description. */
export function rulesCommand(io: CliIo): number {
  const rows = [...builtInRules.values()].map((rule) => [
    rule.meta.id,
    rule.meta.defaultSeverity,
    rule.meta.sources.join(', '),
    [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggest' : ''].filter(Boolean).join(', '),
    rule.meta.description,
  ]);
  const legend = 'fix: `dunmail lint --fix` applies some of its findings; suggest: it offers edits to review (an editor\'s quick fixes).';
  io.stdout(`${table(['rule', 'severity', 'sources', 'edits', 'description'], rows)}\n\n${legend}\nDocs: ${docsUrl('<rule>')}\n`);
  return EXIT.ok;
}
