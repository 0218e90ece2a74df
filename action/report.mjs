#!/usr/bin/env node
// Reads `dunmail lint --format json` and reports it on GitHub Actions: workflow-command
// annotations (capped, as GitHub keeps only 10 errors and 10 warnings per step), the full
// list in the job summary, and the step's verdict as the exit code. Plain Node, no dependencies.
//
//   node report.mjs REPORT.json
//
// Environment: DUNMAIL_FAIL_ON (error | warning | never, default error), DUNMAIL_MAX_WARNINGS
// (default -1: no limit), DUNMAIL_ANNOTATIONS (per severity, default 10), and GitHub's own
// GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_WORKSPACE, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA.
// Exit: 0 pass, 1 the findings fail the step per fail-on and max-warnings, 2 bad input.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** GitHub keeps about 1 MiB of summary per step; past that the upload fails, so the table stops short of it. */
const SUMMARY_LIMIT = 1000 * 1024;

const FAIL_ON = ['error', 'warning', 'never'];

function main(argv, env) {
  const [reportFile] = argv;
  if (!reportFile) return usage('give the JSON report: node report.mjs dunmail-report.json');
  const failOn = (env.DUNMAIL_FAIL_ON || 'error').trim();
  if (!FAIL_ON.includes(failOn)) return usage(`fail-on is error, warning or never, not "${failOn}"`);
  const maxWarnings = integer('max-warnings', env.DUNMAIL_MAX_WARNINGS, -1);
  const cap = integer('annotations', env.DUNMAIL_ANNOTATIONS, 10);
  if (maxWarnings === undefined || cap === undefined || cap < 0) return usage(cap !== undefined && cap < 0 ? 'annotations is 0 or more' : undefined);

  let files;
  try {
    files = JSON.parse(readFileSync(reportFile, 'utf8'));
    if (!Array.isArray(files)) throw new Error('not an array of files');
  } catch (error) {
    return usage(`cannot read the dunmail report ${reportFile}: ${error.message}`);
  }

  const findings = files.flatMap((file) => (file.messages ?? []).map((message) => ({ ...message, path: workspacePath(file.path, env) })));
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity !== 'error');

  const shown = new Set([...errors.slice(0, cap), ...warnings.slice(0, cap)]);
  for (const finding of findings) if (shown.has(finding)) process.stdout.write(`${annotation(finding)}\n`);
  const leftOut = findings.length - shown.size;
  if (leftOut > 0) {
    process.stdout.write(`dunmail: ${leftOut} more finding(s) not annotated (at most ${cap} errors and ${cap} warnings per step); the job summary lists all ${findings.length}.\n`);
  }

  const failed = verdict(failOn, maxWarnings, errors.length, warnings.length);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary(findings, files.length, leftOut, failed, env));
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `errors=${errors.length}\nwarnings=${warnings.length}\n`);
  process.stdout.write(`dunmail: ${errors.length} error(s), ${warnings.length} warning(s) in ${files.length} file(s)${failed ? `: ${failed}` : ''}\n`);
  return failed ? 1 : 0;
}

/** Why the step fails, or '' when it passes. */
function verdict(failOn, maxWarnings, errors, warnings) {
  if (failOn === 'never') return '';
  if (failOn === 'warning' && errors + warnings > 0) return 'fail-on is warning';
  if (errors > 0) return 'there are errors';
  if (maxWarnings >= 0 && warnings > maxWarnings) return `more warnings than max-warnings ${maxWarnings}`;
  return '';
}

function integer(name, value, fallback) {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^-?\d+$/.test(value.trim())) {
    process.stdout.write(`::error title=dunmail::${escapeData(`${name} takes a whole number, not "${value}"`)}\n`);
    return undefined;
  }
  return Number(value);
}

function usage(message) {
  if (message) process.stdout.write(`::error title=dunmail::${escapeData(message)}\n`);
  return 2;
}

/** The report's paths are relative to the folder dunmail ran in; annotations need them relative to the repository. */
function workspacePath(file, env) {
  const absolute = path.resolve(process.cwd(), file);
  const root = env.GITHUB_WORKSPACE || process.cwd();
  return path.relative(root, absolute).split(path.sep).join('/');
}

function annotation(finding) {
  const props = [`file=${finding.path}`, `line=${finding.line ?? 1}`, `col=${finding.column ?? 1}`];
  if (finding.endLine != null) props.push(`endLine=${finding.endLine}`, `endColumn=${finding.endColumn ?? finding.column ?? 1}`);
  props.push(`title=dunmail ${finding.ruleId ?? 'error'}`);
  const level = finding.severity === 'error' ? 'error' : 'warning';
  return `::${level} ${props.map(escapeProperty).join(',')}::${escapeData(text(finding))}`;
}

/** What the finding says, with its sources and suggestion, as the github reporter words it. */
function text(finding) {
  const sources = finding.sources?.length ? ` (source: ${finding.sources.join(', ')})` : '';
  const suggestion = suggestionOf(finding);
  return `${finding.message}${sources}${suggestion ? ` Suggestion: ${suggestion}` : ''}`;
}

function suggestionOf(finding) {
  const expected = finding.expected ?? [];
  if (!expected.length) return '';
  const removal = finding.actual ? `remove \`${finding.actual}\`` : 'remove it';
  return [...new Set(expected.map((t) => (t.trim() === '' ? removal : t)))].join(' / ');
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property is `name=value`: only the value is escaped, its `:` and `,` too. */
function escapeProperty(prop) {
  const at = prop.indexOf('=');
  return `${prop.slice(0, at)}=${escapeData(prop.slice(at + 1)).replace(/:/g, '%3A').replace(/,/g, '%2C')}`;
}

function summary(findings, fileCount, leftOut, failed, env) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = [`## dunmail: ${errors} error(s), ${findings.length - errors} warning(s) in ${fileCount} file(s)`, ''];
  if (failed) lines.push(`The step fails: ${failed}.`, '');
  if (!findings.length) return `${lines.join('\n')}No findings.\n\n`;
  if (leftOut > 0) lines.push(`${leftOut} of ${findings.length} findings are not annotated on the diff (GitHub shows at most 10 errors and 10 warnings per step); all are listed here.`, '');
  lines.push('| | File | Line | Rule | Message |', '| --- | --- | --- | --- | --- |');
  let size = Buffer.byteLength(lines.join('\n'));
  let listed = 0;
  for (const finding of findings) {
    const row = `| ${finding.severity === 'error' ? '❌ error' : '⚠️ warning'} | ${cell(finding.path)} | ${where(finding, env)} | ${rule(finding)} | ${cell(text(finding))} |`;
    size += Buffer.byteLength(row) + 1;
    if (size > SUMMARY_LIMIT) break;
    lines.push(row);
    listed++;
  }
  if (listed < findings.length) lines.push('', `${findings.length - listed} more finding(s) do not fit in a job summary: run \`dunmail lint\` to see them.`);
  return `${lines.join('\n')}\n\n`;
}

/** The line, linked to the commit's file when GitHub says which commit this is. */
function where(finding, env) {
  const line = finding.line ?? 1;
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_SHA) return String(line);
  const file = finding.path.split('/').map(encodeURIComponent).join('/');
  return `[${line}](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/${file}#L${line})`;
}

function rule(finding) {
  if (!finding.ruleId) return '';
  return finding.url ? `[${cell(finding.ruleId)}](${finding.url})` : cell(finding.ruleId);
}

/**
 * A table cell: a pipe would end it and a line break the row; outside `code` spans, `<` and `&`
 * are escaped so quoted markup shows as written (inside a span they show as written anyway).
 */
function cell(value) {
  return String(value)
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n|\r/g, '<br>')))
    .join('')
    .replace(/\|/g, '\\|');
}

process.exitCode = main(process.argv.slice(2), process.env);
