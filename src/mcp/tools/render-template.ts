import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DunmailError } from '../../errors.js';
import { fixtureFor } from '../../project/discover.js';
import { createRenderer } from '../../project/renderer.js';
import { readTextFile } from '../../util/json-file.js';
import type { McpProject } from '../project.js';
import { answer, guarded, READ_ONLY } from '../tool-result.js';

/** HTML is long (tables, inline styles): this much by default, when asked for. */
const DEFAULT_HTML_CHARS = 20_000;

export function registerRenderTemplate(server: McpServer, project: McpProject): void {
  server.registerTool(
    'render_template',
    {
      title: 'Render a reminder template',
      description:
        "Renders the project's template for a stage and locale with the given data (default: the stage's fixture) and " +
        'returns the subject, preheader and plain-text part; the HTML only with includeHtml (cut at maxHtmlChars). ' +
        'Invalid data comes back as an error naming each field. Writes nothing.',
      inputSchema: {
        stage: z.string().max(100).describe('stage id from stages.json, e.g. before-due, overdue-early'),
        locale: z.string().max(35).default('en').describe('template locale, e.g. en, de'),
        data: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('render data (customer, invoice, sender, company: see src/schemas/data.schema.json); default the fixture'),
        includeHtml: z.boolean().default(false).describe('also return the HTML part'),
        maxHtmlChars: z.number().int().min(0).max(2_000_000).default(DEFAULT_HTML_CHARS).describe('cut the HTML after this many characters'),
      },
      outputSchema: {
        template: z.string().describe("the template's name in the templates folder"),
        stage: z.string(),
        locale: z.string(),
        data: z.string().describe('where the data came from: the fixture file, or "input"'),
        subject: z.string(),
        preheader: z.string(),
        text: z.string(),
        html: z.string().optional(),
        htmlLength: z.number().int().describe('characters of the whole HTML'),
        htmlTruncated: z.boolean(),
      },
      annotations: READ_ONLY,
    },
    ({ stage, locale, data, includeHtml, maxHtmlChars }) =>
      guarded(async () => {
        // One template compiled: a broken sibling must not stop it, and edits on disk are seen at once.
        const renderer = await createRenderer({ templates: project.templatesDir, only: { stage, locale } });
        const template = renderer.get(stage, locale);
        const [source, value] = data === undefined ? fixtureData(project.templatesDir, stage, locale) : ['input', data];
        const email = renderer.render({ stage, locale, data: value });
        const truncated = includeHtml && email.html.length > maxHtmlChars;
        const html = includeHtml ? email.html.slice(0, maxHtmlChars) : undefined;
        const structured = {
          template: template.name,
          stage,
          locale,
          data: source,
          subject: email.subject,
          preheader: email.preheader,
          text: email.text,
          ...(html === undefined ? {} : { html }),
          htmlLength: email.html.length,
          htmlTruncated: truncated,
        };
        const htmlNote = html === undefined ? `(HTML: ${email.html.length} characters; pass includeHtml to get it)` : `HTML${truncated ? ` (first ${maxHtmlChars} of ${email.html.length} characters)` : ''}:\n${html}`;
        const text = `Subject: ${email.subject}\nPreheader: ${email.preheader}\n\n${email.text}\n\n${htmlNote}`;
        return answer(structured, text);
      }),
  );
}

function fixtureData(templatesDir: string, stage: string, locale: string): [source: string, data: unknown] {
  const file = fixtureFor(templatesDir, stage, locale);
  if (!file) {
    throw new DunmailError('INVALID_OPTION', `no data given and no fixture for ${stage} in ${locale}`, {
      hint: `pass data, or add ${path.join('fixtures', locale, `${stage}.json`)} to the templates folder`,
    });
  }
  const source = path.relative(templatesDir, file).split(path.sep).join('/');
  try {
    return [source, JSON.parse(readTextFile(file))];
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new DunmailError('DATA_INVALID', `the fixture is not valid JSON: ${error.message}`, { place: { file } });
  }
}
