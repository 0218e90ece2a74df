import { Command, CommanderError, Option } from 'commander';
import { DunmailError, formatError } from '../errors.js';
import { EXIT, type CliIo } from './io.js';
import type { RenderOptions } from './commands/render.js';
import type { LintOptions } from './commands/lint.js';
import type { PreviewCommandOptions } from './commands/preview.js';
import type { BuildCommandOptions } from './commands/build.js';
import type { InitOptions } from './commands/init.js';
import type { SendOptions } from './commands/send.js';
import type { SendBatchOptions } from './commands/send-batch.js';
import { DEFAULT_TEMPLATES, FORMATS, REPORT_FORMATS } from './commands/options.js';
import { packageInfo } from '../util/package-info.js';

// Each command is loaded when it runs: `--help`, `--version` and `lint` of a message never load mjml or the preview.

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The SMTP server, attachments folder and gate config of `send` and `send-batch`, said once. */
function withSmtpOptions(command: Command): Command {
  return command
    .option('--smtp <url>', 'SMTP server, smtp://user:pass@host:587 or smtps://…:465 (default: $DUNMAIL_SMTP_URL)')
    .option('--host <host>', 'SMTP host (instead of --smtp)')
    .option('--port <n>', 'SMTP port')
    .option('--secure', 'TLS from the start (port 465)')
    .option('--user <name>', 'SMTP user (the password: in the URL or $DUNMAIL_SMTP_PASS)')
    .option('--attachments <dir>', 'folder attachment paths in the data are read from (default: none, paths are refused)')
    .option('-c, --config <file>', 'lint config file of the send-time gate (default: rules/dunmail.config.json)');
}

/**
 * Runs the dunmail CLI on argv (without node and script) and returns the exit code:
 * 0 ok, 1 a check failed, 2 usage or input error. Never calls process.exit.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('dunmail')
    .description('Compile, render and lint payment-reminder email.')
    .version(packageInfo.version, '-V, --version', 'print the dunmail version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run dunmail --help for usage)');

  program
    .command('render')
    .description('render a reminder (or every template with --all) from a stage, a locale and data')
    .argument('[stage]', 'stage id, e.g. overdue-early')
    .option('--templates <dir>', 'templates folder', DEFAULT_TEMPLATES)
    .option('-l, --locale <locale>', 'template locale', 'en')
    .option('-d, --data <file>', 'render data as JSON (default: the fixture for the stage and locale)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('html'))
    .option('--all', 'render every template with its fixture into --out')
    .option('-o, --out <dir>', 'output folder for --all', 'out')
    .option('--url-scheme <scheme>', 'allow this URL scheme in data (repeatable; default https)', collect)
    .option('--attachments <dir>', 'folder attachment paths in the data are read from (default: none, paths are refused)')
    .action(async (stage: string | undefined, options: RenderOptions) => {
      code = await (await import('./commands/render.js')).renderCommand(stage, options, io);
    });

  program
    .command('lint')
    .description('lint templates (.mjml.njk) and messages (.eml, or text starting with "Subject:")')
    .argument('[paths...]', 'files, folders or globs (default: the --templates folder)')
    .option('--templates <dir>', 'templates folder linted when no paths are given', DEFAULT_TEMPLATES)
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('stylish'))
    .option('-o, --output-file <file>', 'write the --format report to this file (folders made); stdout gets the stylish report')
    .option('-c, --config <file>', 'config file (default: rules/dunmail.config.json)')
    .option('--only <rules>', 'run only these rules, comma-separated')
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .option('--stage <stage>', 'stage of plain messages, e.g. overdue-early')
    .option('--locale <locale>', 'locale of plain messages (default: en)')
    .option('--invoice-number <number>', 'invoice number plain messages must name; several, comma-separated, for a statement')
    .option('--days-late <n>', 'business days the invoice is late when a plain message is sent')
    .option('--fix', 'apply the safe fixes to the files (URGENT where it does not belong, jargon, a formulaic greeting)')
    .option('--fix-dry-run', 'print the safe fixes as a unified diff; write nothing')
    .option('-w, --watch', 'lint again whenever a file changes, until interrupted')
    .option('--cache', 'keep template compilations between runs; a template is compiled again when a file composed into it changes')
    .option('--cache-location <dir>', 'folder of the --cache, default node_modules/.cache/dunmail (implies --cache)')
    .action(async (paths: string[], options: LintOptions & { watch?: boolean }) => {
      if (options.fix && options.fixDryRun) throw new DunmailError('USAGE', '--fix and --fix-dry-run cannot be used together', { hint: 'run --fix-dry-run to see the diff, then --fix to write it' });
      if (options.watch && (options.fix || options.fixDryRun)) throw new DunmailError('USAGE', '--watch cannot be combined with --fix or --fix-dry-run', { hint: 'fix once with --fix, then watch' });
      // Each run of a watch lints only the changed files: the report file would hold only those.
      if (options.watch && options.outputFile !== undefined) throw new DunmailError('USAGE', '--watch cannot be combined with --output-file', { hint: 'write the report from a single run' });
      // Watching and previewing load chokidar and the server: only when asked for, to keep the CLI's start fast.
      code = options.watch
        ? await (await import('./commands/lint-watch.js')).lintWatchCommand(paths, options, io)
        : await (await import('./commands/lint.js')).lintCommand(paths, options, io);
    });

  program
    .command('preview')
    .description('serve every template rendered at desktop and mobile widths with its lint messages, updated on save')
    .option('-p, --port <n>', 'port (0: any free port)', '3300')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--templates <dir>', 'templates folder', DEFAULT_TEMPLATES)
    .option('-c, --config <file>', 'lint config file (default: rules/dunmail.config.json)')
    .action(async (options: PreviewCommandOptions) => {
      code = await (await import('./commands/preview.js')).previewCommand(options, io);
    });

  program
    .command('build')
    .description('compile every template once into an ESM bundle that dunmail/runtime renders from')
    .option('--templates <dir>', 'templates folder', DEFAULT_TEMPLATES)
    .option('-o, --out <dir>', 'output folder', 'dist/templates')
    .option('--url-scheme <scheme>', 'allow this URL scheme in data (repeatable; default https)', collect)
    .action(async (options: BuildCommandOptions) => {
      code = await (await import('./commands/build.js')).buildCommand(options, io);
    });

  program
    .command('lsp')
    .description('run the language server for editors: diagnostics as you type, quick fixes, hover, completion')
    .option('--stdio', 'talk over stdin and stdout (the one transport)')
    .action(async (options: { stdio?: boolean }) => {
      code = await (await import('./commands/lsp.js')).lspCommand(options, io);
    });

  program
    .command('mcp')
    .description('run the Model Context Protocol server over stdio: tools for assistants to lint, fix and render reminders (read-only)')
    .option('--templates <dir>', 'templates folder (default: ./templates, else the shipped templates)')
    .option('-c, --config <file>', 'lint config file (default: rules/dunmail.config.json)')
    .action(async (options: { templates?: string; config?: string }) => {
      code = await (await import('./commands/mcp.js')).mcpCommand(options, io);
    });

  program
    .command('init')
    .description('start a project: templates, fixtures, lint config, CI workflow and pre-commit hook (never overwrites a file)')
    .option('--locale <list>', 'shipped locales to start from, comma-separated', 'en')
    .option('--company <name>', "your company's name, written into the fixtures")
    .option('--dir <folder>', 'project folder (default: the working folder)')
    .option('--dry-run', 'list what would be written; write nothing')
    .option('--no-ci', 'no GitHub Actions workflow')
    .option('--no-pre-commit', 'no .pre-commit-config.yaml')
    .action(async (options: InitOptions) => {
      code = await (await import('./commands/init.js')).initCommand(options, io);
    });

  withSmtpOptions(program
    .command('send')
    .description('send one test email of a stage over SMTP, rendered with real data and checked by the copy rules first')
    .argument('<stage>', 'stage id, e.g. overdue-early')
    .option('--templates <dir>', 'templates folder', DEFAULT_TEMPLATES)
    .option('-l, --locale <locale>', 'template locale', 'en')
    .option('-d, --data <file>', 'render data as JSON')
    .option('--to <address>', 'the address the test email goes to')
  )
    .option('--dry-run', 'print the .eml that would be sent; send nothing')
    .action(async (stage: string, options: SendOptions) => {
      code = await (await import('./commands/send.js')).sendCommand(stage, options, io);
    });

  withSmtpOptions(program
    .command('send-batch')
    .description("send the day's plan (dunmail plan --format json|jsonl) over SMTP, each email once by the journal (at-least-once after a crash)")
    .argument('<plan>', 'plan file, as dunmail plan --format json or jsonl prints it')
    .option('--templates <dir>', 'templates folder', DEFAULT_TEMPLATES)
    .option('--journal <file>', 'append-only journal of every send', 'dunmail-journal.jsonl')
    .option('--rate <n>', 'at most this many messages per second')
    .option('--now <time>', 'the time entries are due against (ISO 8601; default: the clock)')
    .option('--ignore-send-at', 'send entries whose sendAt is still to come')
    .option('--no-resend-unconfirmed', 'do not resend an email started in a crashed run with no outcome (default: resend, at-least-once)')
  )
    .option('--dry-run', 'render and check every email; send nothing, write no journal')
    .action(async (plan: string, options: SendBatchOptions) => {
      code = await (await import('./commands/send-batch.js')).sendBatchCommand(plan, options, io);
    });

  program
    .command('rules')
    .description('list the lint rules with their severity, sources and description')
    .action(async () => {
      code = (await import('./commands/rules.js')).rulesCommand(io);
    });

  program
    .command('plan')
    .description("plan the day's reminders from invoices (.jsonl or .csv): send, wait, stop or task, with the reason")
    .argument('<file>', 'invoices, one JSON object per line (.jsonl) or a CSV with dotted headers (customer.timeZone)')
    .option('--today <date>', 'the day planned, YYYY-MM-DD')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'jsonl']).default('table'))
    .option('--templates <dir>', 'templates folder (stages.json and its policy)', DEFAULT_TEMPLATES)
    .option('--default-locale <locale>', 'the locale a customer falls back to last', 'en')
    .action(async (file: string, options: { today?: string; format: 'table' | 'json' | 'jsonl'; templates?: string; defaultLocale?: string }) => {
      code = (await import('./commands/plan.js')).planCommand(file, options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`${formatError(error)}\n`);
    return error instanceof DunmailError ? EXIT.usage : EXIT.failed;
  }
}
