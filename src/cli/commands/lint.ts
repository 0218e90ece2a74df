import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { DunmailError, formatError } from '../../errors.js';
import { createLinter, type MessageContext } from '../../lint/linter.js';
import { DEFAULT_CACHE_LOCATION } from '../../project/compile-cache.js';
import { reporters, type ReporterName } from '../../lint/reporters/index.js';
import { countMessages } from '../../lint/reporters/shared.js';
import { closest } from '../../util/closest.js';
import { lintableTemplates, resolveConfigFile, unreadConfigFiles } from '../../project/workspace.js';
import { packageInfo } from '../../util/package-info.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { EXIT, type CliIo } from '../io.js';
import { templatesFolder, wholeNumber } from './options.js';
import { fixFile, fixSummary, type FileFix, type FixMode } from './lint-fix.js';
import { VFile as File } from 'vfile';

export interface LintOptions {
  format: ReporterName;
  /** The folder linted when no paths are given. Default ./templates. */
  templates?: string;
  config?: string;
  only?: string;
  maxWarnings?: string;
  stage?: string;
  locale?: string;
  invoiceNumber?: string;
  daysLate?: string;
  /** Apply the safe fixes to the files (`--fix`), or print them as a diff and write nothing (`--fix-dry-run`). */
  fix?: boolean;
  fixDryRun?: boolean;
  /** Write the --format report to this file (`-o`), parent folders made; stdout then gets the stylish report. */
  outputFile?: string;
  /** Keep template compilations across runs (`--cache`), in `cacheLocation` (default node_modules/.cache/dunmail). */
  cache?: boolean;
  cacheLocation?: string;
}

const LINTABLE = ['**/*.mjml.njk', '**/*.eml', '**/*.txt'];

/**
 * `dunmail lint [paths or globs]`: 0 clean, 1 lint errors (or too many warnings), 2 usage or config error.
 * `said`: the unread config files already named (`--watch` lints again and again, and says each once).
 */
export async function lintCommand(paths: string[], options: LintOptions, io: CliIo, said = new Set<string>()): Promise<number> {
  const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const maxWarnings = options.maxWarnings === undefined ? undefined : wholeNumber('--max-warnings', options.maxWarnings);
  const daysLate = options.daysLate === undefined ? undefined : wholeNumber('--days-late', options.daysLate);
  // Before the config loads: a wrong folder should be said at once.
  const targets = lintTargets(paths, options, io.cwd);
  const outputFile = options.outputFile === undefined ? undefined : reportFile(options.outputFile, io.cwd);
  const templatesDir = path.resolve(io.cwd, options.templates ?? 'templates');
  const configFile = options.config ? path.resolve(io.cwd, options.config) : resolveConfigFile(templatesDir, io.cwd);
  sayUnreadConfig(templatesDir, configFile, io, said);
  // The templates folder is also where an .eml's X-Dunmail-Template is looked up.
  const cacheLocation = options.cache || options.cacheLocation ? path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION) : undefined;
  const linter = createLinter({
    config: configFile,
    templates: templatesDir,
    ...(only ? { only } : {}),
    ...(cacheLocation ? { cacheLocation } : {}),
  });
  for (const id of only ?? []) {
    if (!linter.rules.has(id)) {
      const guess = closest(id, [...linter.rules.keys()]);
      throw new DunmailError('USAGE', `--only names an unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`, {
        hint: 'run `dunmail rules` for the list',
      });
    }
  }
  const context: MessageContext = {
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.invoiceNumber ? { invoiceNumber: options.invoiceNumber } : {}),
    ...(daysLate === undefined ? {} : { businessDaysLate: daysLate }),
  };

  const fixMode: FixMode | undefined = options.fixDryRun ? 'dry-run' : options.fix ? 'write' : undefined;
  const fixes: FileFix[] = [];
  const files: VFile[] = [];
  for (const root of sequenceRoots(targets, io.cwd)) {
    const result = linter.lintSequence(root);
    result.history = [path.relative(io.cwd, path.join(root, 'stages.json'))];
    files.push(result);
  }
  for (const file of await expand(targets, io.cwd)) {
    if (fixMode) {
      const fixed = await fixOne(linter, file, path.resolve(io.cwd, file), context, fixMode);
      if (fixed) fixes.push(fixed);
    }
    // After --fix the file is linted as written, by every rule; a dry run reports the file as it is.
    const result = await lintOne(linter, path.resolve(io.cwd, file), context);
    // Report the path as the user gave it (reporters read the first path in history).
    result.history = [file];
    files.push(result);
  }
  // With -o, stdout is the stylish report whatever --format says, so a dry run's diff may go there.
  if (fixMode) reportFixes(fixes, fixMode, outputFile ? 'stylish' : options.format, io);
  const reportContext = { cwd: io.cwd, rules: linter.rules, version: packageInfo.version };
  if (outputFile) {
    writeReport(outputFile, `${reporters[options.format](files, reportContext)}\n`, options.outputFile ?? '');
    io.stdout(`${reporters.stylish(files, reportContext)}\n`);
  } else {
    io.stdout(`${reporters[options.format](files, reportContext)}\n`);
  }
  const { errors, warnings } = countMessages(files);
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`dunmail found ${warnings} warning(s), more than --max-warnings ${maxWarnings}\n`);
    return EXIT.failed;
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * The --output-file path, checked before anything is linted: a folder there, or a file where a
 * parent folder should be, would fail only after the whole lint. Missing folders are made, as ESLint does.
 */
function reportFile(value: string, cwd: string): string {
  const file = path.resolve(cwd, value);
  if (existsSync(file) && statSync(file).isDirectory()) throw new DunmailError('USAGE', `--output-file ${value} is a folder`, { hint: 'name a file, e.g. -o reports/dunmail.sarif' });
  for (let at = path.dirname(file); !existsSync(at) || !statSync(at).isDirectory(); at = path.dirname(at)) {
    if (existsSync(at)) throw new DunmailError('USAGE', `--output-file ${value}: ${path.relative(cwd, at) || at} is a file, not a folder`);
    if (path.dirname(at) === at) break;
  }
  return file;
}

/** Writes the report whole (a reader never sees half of it); a file that cannot be written is a usage error. */
function writeReport(file: string, report: string, shown: string): void {
  try {
    writeFileAtomic(file, report);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new DunmailError('USAGE', `--output-file ${shown}: cannot write it (${reason})`, { cause: error });
  }
}

/** Fixes one file; one that cannot be parsed is left alone, and its lint says why. */
async function fixOne(linter: ReturnType<typeof createLinter>, shown: string, absolute: string, context: MessageContext, mode: FixMode): Promise<FileFix | undefined> {
  try {
    return await fixFile(linter, shown, absolute, context, mode);
  } catch (error) {
    if (!(error instanceof DunmailError) || error.code === 'CONFIG_INVALID' || (error.code === 'USAGE' && !error.place)) throw error;
    return undefined;
  }
}

/** The diffs of a dry run go to stdout before a stylish report, else to stderr, so a machine format stays parseable. */
function reportFixes(fixes: FileFix[], mode: FixMode, format: ReporterName, io: CliIo): void {
  const out = format === 'stylish' ? io.stdout : io.stderr;
  if (mode === 'dry-run') for (const fix of fixes) if (fix.diff) out(fix.diff);
  io.stderr(`${fixSummary(fixes, mode)}\n`);
}

/** A file that cannot be read as a template or message fails as a fatal message, as ESLint reports parse errors. */
async function lintOne(linter: ReturnType<typeof createLinter>, file: string, context: MessageContext): Promise<VFile> {
  try {
    return await linter.lintFile(file, context);
  } catch (error) {
    // A broken lexicon or profile, met when the first file of its locale is linted, is the run's error (exit 2), not that file's.
    if (!(error instanceof DunmailError) || (error.code === 'USAGE' && !error.place) || error.code === 'CONFIG_INVALID') throw error;
    const vfile = new File({ path: file });
    const message = vfile.message(formatError(error).replace(/^[^ ]+: error /, ''), {
      place: { line: error.place?.line ?? 1, column: error.place?.column ?? 1 },
      source: 'dunmail',
      ruleId: 'parse-error',
    });
    message.fatal = true;
    return vfile;
  }
}

/** The paths given, or else the templates folder, checked so that a project without one hears what to do. */
export function lintTargets(paths: string[], options: Pick<LintOptions, 'templates'>, cwd: string): string[] {
  if (paths.length) return paths;
  const folder = templatesFolder(options.templates, cwd);
  return [path.relative(cwd, folder) || '.'];
}

/** Folders whose stage definitions are linted as a sequence: given folders holding stages.json, or stages.json itself. */
function sequenceRoots(paths: string[], cwd: string): string[] {
  const roots: string[] = [];
  for (const entry of paths) {
    const absolute = path.resolve(cwd, entry);
    if (path.basename(absolute) === 'stages.json' && existsSync(absolute)) roots.push(path.dirname(absolute));
    else if (existsSync(path.join(absolute, 'stages.json')) && statSync(absolute).isDirectory()) roots.push(absolute);
  }
  return [...new Set(roots)];
}

async function expand(paths: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const entry of paths) {
    const absolute = path.resolve(cwd, entry);
    // A path that exists is that file or folder, even with glob characters in its name; the
    // glob library is read only for a path that does not.
    const globs = existsSync(absolute) ? undefined : await import('tinyglobby');
    if (globs?.isDynamicPattern(entry)) {
      const matches = await globs.glob(entry, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      // A mistyped glob would otherwise lint nothing and pass.
      if (!matches.length) throw new DunmailError('USAGE', `no file matches ${entry}`, { hint: 'quote the glob so dunmail expands it, e.g. "templates/**/*.mjml.njk"' });
      for (const match of matches) found.add(match);
      continue;
    }
    if (!existsSync(absolute)) {
      throw new DunmailError('USAGE', `no such file or folder: ${entry}`);
    }
    if (statSync(absolute).isDirectory()) {
      // The workspace's index says which files are templates, and which are layouts and partials.
      const matches = lintableTemplates(absolute);
      if (!matches.length && !existsSync(path.join(absolute, 'stages.json'))) {
        throw new DunmailError('USAGE', `the folder ${entry} holds no template (.mjml.njk outside layouts/ and partials/) and no stages.json`, {
          hint: 'name the templates folder, or the .eml and .txt messages themselves',
        });
      }
      for (const match of matches) found.add(match);
    } else if (path.basename(absolute) !== 'stages.json') {
      found.add(absolute);
    }
  }
  return [...found].sort().map((file) => path.relative(cwd, file));
}

export { LINTABLE };

/** A `dunmail.config.json` where dunmail does not look is named, with where it does, once (`said` holds those named). */
export function sayUnreadConfig(templatesDir: string, configFile: string, io: CliIo, said = new Set<string>()): void {
  for (const file of unreadConfigFiles(templatesDir, configFile, io.cwd)) {
    if (said.has(file)) continue;
    said.add(file);
    const reading = path.relative(io.cwd, configFile) || configFile;
    io.stderr(
      `dunmail: ${path.relative(io.cwd, file) || file} is not read: the config is ${reading.startsWith('..') ? configFile : reading}. ` +
        `Move it to rules/dunmail.config.json, or pass --config ${path.relative(io.cwd, file)}\n`,
    );
  }
}
