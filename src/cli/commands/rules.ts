import { builtInRules } from '../../lint/rules/index.js';
import { docsUrl } from '../../lint/types.js';
import { table } from '../table.js';
import { EXIT, type CliIo } from '../io.js';

/** `dunmail rules`: each rule with its default severity, sources and a one-line description. */
export function rulesCommand(io: CliIo): number {
  const rows = [...builtInRules.values()].map((rule) => [
    rule.meta.id,
    rule.meta.defaultSeverity,
    rule.meta.sources.join(', '),
    rule.meta.description,
  ]);
  io.stdout(`${table(['rule', 'severity', 'sources', 'description'], rows)}\n\nDocs: ${docsUrl('<rule>')}\n`);
  return EXIT.ok;
}
