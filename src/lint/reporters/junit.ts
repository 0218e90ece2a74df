import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { countMessages, levelOf, relativePath, suggestionOf, withSources } from './shared.js';
import type { Reporter } from './types.js';

/**
 * JUnit XML, for CI systems that show test results (Jenkins, GitLab's test report, Azure):
 * one `<testsuite>` per file and one failed `<testcase>` per message, `type="error"` or
 * `type="warning"`, as ESLint's junit formatter reports warnings; a clean file is one
 * passing test case, so it is counted too.
 */
export const junit: Reporter = (files, { cwd }) => {
  const { errors, warnings } = countMessages(files);
  const tests = files.reduce((sum, file) => sum + Math.max(1, file.messages.length), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dunmail" tests="${tests}" failures="${errors + warnings}" errors="0" time="0">`,
    ...files.flatMap((file) => suite(file, relativePath(file, cwd))),
    '</testsuites>',
  ];
  return lines.join('\n');
};

function suite(file: VFile, path: string): string[] {
  const header = (tests: number, failures: number): string =>
    `  <testsuite name="${attribute(path)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0" file="${attribute(path)}">`;
  if (!file.messages.length) return [header(1, 0), `    <testcase name="dunmail" classname="${attribute(path)}" time="0"/>`, '  </testsuite>'];
  return [header(file.messages.length, file.messages.length), ...file.messages.map((m) => testcase(m, path)), '  </testsuite>'];
}

function testcase(message: VFileMessage, path: string): string {
  const { line, column } = startOf(message);
  const rule = message.ruleId ?? 'dunmail';
  const suggestion = suggestionOf(message);
  const body = [
    `${path}:${line}:${column}: ${withSources(message)}`,
    ...(suggestion === undefined ? [] : [`Suggestion: ${suggestion}`]),
    ...(message.note ? [message.note] : []),
    ...(message.url ? [message.url] : []),
  ].join('\n');
  return [
    `    <testcase name="${attribute(`${rule} at ${line}:${column}`)}" classname="${attribute(path)}" time="0">`,
    `      <failure type="${levelOf(message)}" message="${attribute(message.reason)}">${text(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function startOf(message: VFileMessage): { line: number; column: number } {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  return { line: start?.line ?? message.line ?? 1, column: start?.column ?? message.column ?? 1 };
}

// XML 1.0 allows no other control characters, and no lone surrogate: a parser stops at one.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; line breaks and tabs as references, or a parser turns them into spaces. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
