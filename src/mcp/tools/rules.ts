import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DunmailError } from '../../errors.js';
import { defaultOptions, ruleUrl, type Rule, type Severity } from '../../lint/types.js';
import { closest } from '../../util/closest.js';
import type { McpProject } from '../project.js';
import { answer, guarded, READ_ONLY } from '../tool-result.js';
import { packagePath } from '../../util/package-root.js';

// The installed package's docs/ (one folder above src/ and dist/), as util/package-info.ts finds package.json.
const RULE_DOCS = pathToFileURL(`${packagePath('docs', 'rules')}/`);

const ruleSchema = z.object({
  id: z.string(),
  description: z.string(),
  severity: z.enum(['off', 'warn', 'error']).describe("as the project's config sets it"),
  defaultSeverity: z.enum(['warn', 'error']),
  sources: z.array(z.string()).describe('seed ids (SEEDS.md) the rule puts into practice'),
  url: z.string(),
  fixable: z.boolean().describe('some findings are safe fixes fix_reminder applies'),
  hasSuggestions: z.boolean().describe('findings may carry replacements to review'),
  custom: z.boolean().describe("a check of the project's config, not a built-in rule"),
});

type RuleInfo = z.infer<typeof ruleSchema>;

function infoOf(rule: Rule<any>, project: McpProject): RuleInfo {
  const { meta } = rule;
  const linter = project.linter();
  const severity: Severity = linter.config.rules.get(meta.id)?.severity ?? meta.defaultSeverity;
  return {
    id: meta.id,
    description: meta.description,
    severity,
    defaultSeverity: meta.defaultSeverity,
    sources: meta.sources,
    url: ruleUrl(meta),
    fixable: meta.fixable === true,
    hasSuggestions: meta.hasSuggestions === true,
    custom: linter.config.checks.has(meta.id),
  };
}

/** A built-in rule's page, or undefined for a team's own check (its docs are its url). */
function docsPage(id: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  const file = fileURLToPath(new URL(`${id}.md`, RULE_DOCS));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function registerRuleTools(server: McpServer, project: McpProject): void {
  server.registerTool(
    'list_rules',
    {
      title: 'List the lint rules',
      description:
        "Every rule dunmail's lint runs for this project: id, description, severity (as configured, and by default), " +
        'the seed ids it rests on, its docs url, and whether it has safe fixes or suggestions.',
      inputSchema: {},
      outputSchema: { rules: z.array(ruleSchema) },
      annotations: READ_ONLY,
    },
    () =>
      guarded(() => {
        const rules = [...project.linter().rules.values()].map((rule) => infoOf(rule, project));
        const lines = rules.map((r) => `- ${r.id} (${r.severity}${r.fixable ? ', fixable' : ''}): ${r.description}`);
        return answer({ rules }, `${rules.length} rules:\n${lines.join('\n')}`);
      }),
  );

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a lint rule',
      description: "A rule's metadata, the defaults of its options and its documentation page: why it exists, what it flags, how to fix it.",
      inputSchema: { ruleId: z.string().max(100).describe('a rule id, e.g. no-aggressive (list_rules has them all)') },
      outputSchema: {
        ...ruleSchema.shape,
        messages: z.record(z.string(), z.string()).describe('what it reports, by messageId'),
        options: z.record(z.string(), z.unknown()).describe('its options and their defaults'),
        docs: z.string().nullable().describe('the text of its documentation page (Markdown)'),
      },
      annotations: READ_ONLY,
    },
    ({ ruleId }) =>
      guarded(() => {
        const rules = project.linter().rules;
        const rule = rules.get(ruleId);
        if (!rule) {
          const guess = closest(ruleId, [...rules.keys()]);
          throw new DunmailError('INVALID_OPTION', `there is no rule "${ruleId}"${guess ? `; did you mean "${guess}"?` : ''}`, {
            hint: 'list_rules lists every rule',
          });
        }
        const info = infoOf(rule, project);
        const docs = info.custom ? undefined : docsPage(ruleId);
        const structured = { ...info, messages: { ...rule.meta.messages }, options: defaultOptions<Record<string, unknown>>(rule.meta), docs: docs ?? null };
        const head = `${info.id} (${info.severity}; sources: ${info.sources.join(', ') || 'none'}): ${info.description}\nDocs: ${info.url}`;
        return answer(structured, docs ? `${head}\n\n${docs}` : head);
      }),
  );
}
