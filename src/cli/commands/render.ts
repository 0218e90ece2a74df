import { statSync } from 'node:fs';
import path from 'node:path';
import { DunmailError, formatError } from '../../errors.js';
import { createRenderer, type Renderer } from '../../project/renderer.js';
import { fixtureFor } from '../../project/discover.js';
import { toEml, type EmlOptions } from '../../email/eml.js';
import { extractTemplateCopy } from '../../extract/copy.js';
import { countWords } from '../../text/words.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readDataFile } from '../data-file.js';
import { EXIT, type CliIo } from '../io.js';
import { table } from '../table.js';
import { outFolder, templatesFolder } from './options.js';
import type { CompiledTemplate } from '../../compile/template.js';
import { createLinter } from '../../lint/linter.js';
import { resolveConfigFile } from '../../project/workspace.js';

import type { RenderFormat } from './options.js';
export { FORMATS, type RenderFormat } from './options.js';

export interface RenderOptions {
  templates: string;
  locale: string;
  data?: string;
  format: RenderFormat;
  all?: boolean;
  out?: string;
  urlScheme?: string[];
  /** The folder attachment paths in the data are read from; without it they are refused. */
  attachments?: string;
}

export async function renderCommand(stage: string | undefined, options: RenderOptions, io: CliIo): Promise<number> {
  // Arguments first: a mistake in them should not wait for every template to compile.
  const templates = templatesFolder(options.templates, io.cwd);
  if (options.data !== undefined) assertDataFile(options.data, io.cwd);
  const out = options.all ? outFolder(options.out ?? 'out', io.cwd) : undefined;
  const eml = emlOptions(options, io.cwd);
  const renderer = await createRenderer({
    templates,
    ...(options.urlScheme ? { urlSchemes: options.urlScheme } : {}),
    // One email needs one template: a broken sibling must not stop it.
    ...(!options.all && stage ? { only: { stage, locale: options.locale } } : {}),
  });
  if (out) return renderAll(renderer, out, options, eml, io);
  if (!stage) throw new DunmailError('USAGE', 'name a stage to render, or pass --all', { hint: 'dunmail render overdue-early --locale en --data data.json' });

  const template = renderer.get(stage, options.locale);
  const dataFile = options.data ?? fixtureFor(renderer.templatesDir, stage, options.locale);
  if (!dataFile) {
    throw new DunmailError('USAGE', `no --data given and no fixture for ${stage} in ${options.locale}`, {
      hint: 'pass --data FILE with the render data as JSON',
    });
  }
  const data = readDataFile(dataFile, io.cwd, options.urlScheme);
  const email = renderer.render({ stage, locale: options.locale, data });
  switch (options.format) {
    case 'html':
      io.stdout(email.html);
      break;
    case 'text':
      io.stdout(`${email.text}\n`);
      break;
    case 'json':
      io.stdout(`${JSON.stringify({ stage: template.stage, locale: template.locale, ...email }, null, 2)}\n`);
      break;
    case 'eml':
      io.stdout((await toEml(email, data, new Date(), template.name, eml)).toString('utf8'));
      break;
  }
  return EXIT.ok;
}

/** Renders every template with its fixture into the out folder, then prints a summary table. */
async function renderAll(renderer: Renderer, out: string, options: RenderOptions, eml: EmlOptions, io: CliIo): Promise<number> {
  const rows: string[][] = [];
  let failures = 0;
  // The config `dunmail lint` reads, so the summary agrees with it.
  const linter = createLinter({ workspace: renderer.workspace, config: resolveConfigFile(renderer.templatesDir, io.cwd) });
  let lintErrors = 0;
  let lintWarnings = 0;
  for (const template of renderer.templates) {
    const fixture = fixtureFor(renderer.templatesDir, template.stage, template.locale);
    if (!fixture) {
      io.stderr(`${template.path}: no fixture at fixtures/${template.locale}/${template.stage}.json, skipped\n`);
      failures++;
      continue;
    }
    try {
      const data = readDataFile(fixture, io.cwd, options.urlScheme);
      const email = renderer.render({ stage: template.stage, locale: template.locale, data });
      const message = await toEml(email, data, new Date(), template.name, eml);
      const base = path.join(out, template.locale, template.stage);
      writeFileAtomic(`${base}.html`, email.html);
      writeFileAtomic(`${base}.txt`, `${email.text}\n`);
      writeFileAtomic(`${base}.eml`, message);
      const source = template.files.find((f) => f.path === template.path)?.text ?? '';
      const lint = linter.lintTemplate(template.path, source, { html: template.sources.html, sample: email });
      const errors = lint.messages.filter((m) => m.fatal).length;
      const warnings = lint.messages.length - errors;
      lintErrors += errors;
      lintWarnings += warnings;
      rows.push([
        template.stage,
        template.locale,
        email.subject,
        String(bodyWords(template)),
        String(Buffer.byteLength(email.html)),
        errors + warnings === 0 ? 'clean' : `${errors} error(s), ${warnings} warning(s)`,
      ]);
    } catch (error) {
      failures++;
      io.stderr(`${formatError(error)}\n`);
    }
  }
  io.stdout(`${table(['stage', 'locale', 'subject', 'body words', 'HTML bytes', 'lint'], rows)}\n`);
  io.stdout(`${rows.length} email(s) written to ${path.relative(io.cwd, out) || '.'}${failures ? `, ${failures} failed` : ''}\n`);
  io.stdout(`lint: ${lintErrors} error(s), ${lintWarnings} warning(s)${lintErrors + lintWarnings ? ' (run dunmail lint for details)' : ''}\n`);
  return failures ? EXIT.usage : EXIT.ok;
}

/** --attachments names the one folder attachment paths may be read from. */
function emlOptions(options: RenderOptions, cwd: string): EmlOptions {
  if (options.attachments === undefined) return {};
  const folder = path.resolve(cwd, options.attachments);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Reported below, with the path.
  }
  if (!isFolder) throw new DunmailError('USAGE', `--attachments ${options.attachments} is not a folder`, { hint: 'name the folder the attachment paths in the data are relative to' });
  return { attachmentRoot: folder };
}

/** --data names a file; the file's own content is checked when it is read. */
function assertDataFile(value: string, cwd: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(path.resolve(cwd, value)).isDirectory();
  } catch {
    // A missing file is reported by the reader, with the path.
  }
  if (isFolder) throw new DunmailError('USAGE', `--data ${value} is a folder, not a JSON file`);
}

/** Words of the template's own copy, as the linter counts them. */
function bodyWords(template: CompiledTemplate): number {
  const file = template.files.find((f) => f.path === template.path);
  if (!file) return 0;
  const copy = extractTemplateCopy(file.text);
  return copy.blocks.reduce((sum, block) => sum + countWords(block.text, template.locale), 0);
}
