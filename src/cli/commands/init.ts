import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import dataSchema from '../../schemas/data.schema.json' with { type: 'json' };
import { DunmailError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { closest } from '../../util/closest.js';
import { PRE_COMMIT_FILE, PRE_COMMIT_REPO, WORKFLOW_FILE, placeholderCompany, planScaffold, shippedLocales, type ScaffoldFile } from '../../project/scaffold.js';
import { EXIT, type CliIo } from '../io.js';

export interface InitOptions {
  /** Comma-separated shipped locales. Default en. */
  locale?: string;
  company?: string;
  /** The project folder. Default: the working folder. */
  dir?: string;
  dryRun?: boolean;
  /** False with --no-ci. */
  ci?: boolean;
  /** False with --no-pre-commit. */
  preCommit?: boolean;
}

/** A company name goes where the data schema's single lines go (a mail header): the schema says what one may hold. */
const SINGLE_LINE = new RegExp(dataSchema.definitions.singleLine.pattern, 'u');
const SINGLE_LINE_MAX = dataSchema.definitions.singleLine.maxLength;

/**
 * `dunmail init`: the templates, fixtures, lint config, CI workflow and pre-commit hook
 * a team starts from. Every option and every target path is checked before the first
 * write; an existing file is never overwritten, only reported as kept.
 */
export async function initCommand(options: InitOptions, io: CliIo): Promise<number> {
  const locales = localesOf(options.locale ?? 'en');
  const company = companyOf(options.company);
  const dir = projectFolder(options.dir, io.cwd);
  const plan = planScaffold({ locales, ...(company === undefined ? {} : { company }), ci: options.ci !== false, preCommit: options.preCommit !== false });
  const kept = plan.filter((file) => existing(dir, file, io.cwd));
  const written = plan.filter((file) => !kept.includes(file));
  const hadGithub = existsSync(path.join(dir, '.github'));

  const shown = (file: ScaffoldFile): string => path.relative(io.cwd, path.join(dir, file.path)) || file.path;
  const where = path.relative(io.cwd, dir) || '.';
  const lines = [`dunmail init${options.dryRun ? ' --dry-run' : ''}: ${locales.join(', ')} in ${where}`, ''];
  for (const file of plan) {
    if (kept.includes(file)) lines.push(`  ${options.dryRun ? 'would keep' : 'kept'} ${shown(file)} (exists)${keptNote(dir, file)}`);
    else lines.push(`  ${options.dryRun ? 'would write' : 'wrote'} ${shown(file)}`);
  }
  if (!options.dryRun) for (const file of written) writeFileAtomic(path.join(dir, file.path), file.content);

  lines.push('');
  if (written.length === 0) lines.push(`Nothing to write: all ${plan.length} files exist.`);
  else if (options.dryRun) lines.push(`Would write ${written.length} file(s)${kept.length ? `, keep ${kept.length}` : ''}; nothing written (--dry-run).`);
  else lines.push(`Wrote ${written.length} file(s)${kept.length ? `, kept ${kept.length}` : ''}.`);
  lines.push('', 'Next steps:', ...nextSteps({ dir, where, locales, company, written, hadGithub }));
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** `en,es` → ['en', 'es']: each a locale dunmail ships templates for, or a usage error naming the closest. */
function localesOf(value: string): string[] {
  const locales = [...new Set(value.split(',').map((locale) => locale.trim()).filter(Boolean))];
  const known = shippedLocales();
  if (locales.length === 0) throw new DunmailError('USAGE', '--locale needs at least one locale', { hint: `shipped locales: ${known.join(', ')}` });
  for (const locale of locales) {
    if (known.includes(locale)) continue;
    const guess = closest(locale, known);
    throw new DunmailError('USAGE', `--locale ${locale}: dunmail ships no templates for "${locale}"${guess ? `; did you mean "${guess}"?` : ''}`, {
      hint: `shipped locales: ${known.join(', ')} (a new locale: start from one of them, see docs/locales.md)`,
    });
  }
  return locales;
}

function companyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = value.trim();
  if (name === '') throw new DunmailError('USAGE', '--company needs a name, e.g. --company "Acme Ltd"');
  if (name.length > SINGLE_LINE_MAX || !SINGLE_LINE.test(name)) {
    throw new DunmailError('USAGE', `--company takes one line of up to ${SINGLE_LINE_MAX} characters, without control characters`, { hint: 'the name reaches the subject line and the footer of every email' });
  }
  return name;
}

/** The --dir folder: one that exists, or one that can be made because the nearest existing path above it is a folder. */
function projectFolder(value: string | undefined, cwd: string): string {
  const folder = path.resolve(cwd, value ?? '.');
  const blocker = fileInTheWay(folder);
  if (blocker) throw new DunmailError('USAGE', blocker === folder ? `--dir ${value} is a file, not a folder` : `--dir ${value}: ${path.relative(cwd, blocker) || blocker} is a file, not a folder`);
  return folder;
}

/** The nearest existing path at or above `target` when it is not a folder: what would stop mkdir. */
function fileInTheWay(target: string): string | undefined {
  for (let at = target; ; at = path.dirname(at)) {
    if (existsSync(at)) return statSync(at).isDirectory() ? undefined : at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** Whether the file is there already (and kept); a folder in its place or a file above it stops init before any write. */
function existing(dir: string, file: ScaffoldFile, cwd: string): boolean {
  const target = path.join(dir, file.path);
  if (existsSync(target)) {
    if (statSync(target).isFile()) return true;
    throw new DunmailError('USAGE', `cannot write ${path.relative(cwd, target)}: a folder of that name is in the way`, { hint: 'move it, then run dunmail init again; nothing was written' });
  }
  const blocker = fileInTheWay(path.dirname(target));
  if (blocker) throw new DunmailError('USAGE', `cannot write ${path.relative(cwd, target)}: ${path.relative(cwd, blocker)} is a file, not a folder`, { hint: 'move it, then run dunmail init again; nothing was written' });
  return false;
}

/** A kept pre-commit config that has no dunmail hook: say what to add to it. */
function keptNote(dir: string, file: ScaffoldFile): string {
  if (file.path !== PRE_COMMIT_FILE) return '';
  const text = readFileSync(path.join(dir, file.path), 'utf8');
  return text.includes(PRE_COMMIT_REPO) ? '' : `: add the hook to it (repo ${PRE_COMMIT_REPO}, hook id dunmail)`;
}

interface StepsContext {
  dir: string;
  where: string;
  locales: string[];
  company: string | undefined;
  written: ScaffoldFile[];
  hadGithub: boolean;
}

function nextSteps({ dir, where, locales, company, written, hadGithub }: StepsContext): string[] {
  const steps: string[] = [];
  if (where !== '.') steps.push(`cd ${where}`);
  const install = dependencyStep(dir);
  if (install) steps.push(install);
  if (written.some((file) => file.path.startsWith('templates/fixtures/'))) {
    const name = company ?? locales.map(placeholderCompany).join('", "');
    steps.push(`Fill in your details in the "company" and "sender" blocks of templates/fixtures/<locale>/*.json (now "${name}", placeholder address, .example links): preview and lint render with them; your app sends its own data.`);
  }
  steps.push('npx dunmail lint      check the copy of every reminder');
  steps.push('npx dunmail preview   see each reminder at desktop and mobile widths, updated on save');
  if (written.some((file) => file.path === WORKFLOW_FILE)) {
    steps.push(`Commit: ${WORKFLOW_FILE} runs the same lint on GitHub Actions${hadGithub ? '' : ' (there was no .github folder: delete it if you use another CI, or pass --no-ci)'}.`);
  }
  if (written.some((file) => file.path === PRE_COMMIT_FILE)) steps.push('pre-commit install    lint changed templates before each commit (pip install pre-commit)');
  return steps.map((step, i) => `  ${i + 1}. ${step}`);
}

/** `npx dunmail` and the workflow's `npm ci` need dunmail in package.json. */
function dependencyStep(dir: string): string | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return 'npm init -y && npm install --save-dev dunmail   (npx, CI and the hook then run the version in package.json)';
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    if (manifest.dependencies?.['dunmail'] || manifest.devDependencies?.['dunmail']) return undefined;
  } catch {
    return undefined;
  }
  return 'npm install --save-dev dunmail   (so npx, the workflow and the hook run the same version)';
}
