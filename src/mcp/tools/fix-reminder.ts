import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { fixText } from '../../lint/fix.js';
import { readTextFile } from '../../util/json-file.js';
import { reportOf, reportShape, summaryOf } from '../findings.js';
import type { McpProject } from '../project.js';
import { positionsNote, reminderOf, reminderShape, splitMessage } from '../reminder-input.js';
import { answer, guarded, READ_ONLY } from '../tool-result.js';
import { lintReminder, reminderName } from './lint-reminder.js';

export function registerFixReminder(server: McpServer, project: McpProject): void {
  server.registerTool(
    'fix_reminder',
    {
      title: 'Apply the safe fixes to a payment reminder',
      description:
        "Applies every safe fix dunmail's rules know (as `dunmail lint --fix`: URGENT where the stage does not call for it, " +
        'jargon, a formulaic greeting…) and returns the fixed text, a unified diff and the findings left to fix by hand. ' +
        'Same inputs as lint_reminder. Nothing is written to disk: a template is read, and the fixed text is returned.',
      inputSchema: reminderShape,
      outputSchema: {
        file: z.string(),
        changed: z.boolean(),
        fixed: z.number().int().describe('fixes applied'),
        passes: z.number().int().describe('lint passes that applied fixes (a fix can reveal another)'),
        output: z.string().describe('the whole fixed text: the message, the .eml or the template'),
        subject: z.string().optional().describe('for a subject and body: the fixed subject'),
        body: z.string().optional().describe('for a subject and body: the fixed body'),
        diff: z.string().describe('unified diff from the input to the output; empty when nothing changed'),
        ...reportShape,
      },
      annotations: READ_ONLY,
    },
    (input) =>
      guarded(async () => {
        const reminder = reminderOf(input, project);
        const original = reminder.text ?? readTextFile(reminder.file);
        const result = await fixText(original, (text) => lintReminder(project, reminder, text));
        const changed = result.output !== original;
        // Unchanged and saved: the full lint, compiled with its fixtures, says what is left.
        const file = !changed && reminder.kind === 'template' && reminder.text === undefined ? await lintReminder(project, reminder) : result.file;
        const parts = reminder.kind === 'message' ? splitMessage(result.output) : undefined;
        // The findings are of the output: its body starts where the fixed subject ends.
        const report = reportOf(file, parts ? { bodyOffset: result.output.length - parts.body.length } : undefined);
        const name = reminderName(project, reminder);
        // A message has no file: the diff names it by its kind.
        const shown = reminder.kind === 'template' ? name : path.basename(reminder.file);
        const diff = changed ? createTwoFilesPatch(`a/${shown}`, `b/${shown}`, original, result.output, undefined, undefined, { context: 3 }) : '';
        const head = changed
          ? `Applied ${result.fixed} fix${result.fixed === 1 ? '' : 'es'} to ${name}.${parts ? `\nSubject: ${parts.subject}` : ''}\n${diff}`
          : `No safe fix to apply to ${name}.`;
        const left = report.findings.length
          ? `\n${summaryOf(report, 'Left to fix by hand')}\n${positionsNote(reminder)}${changed ? ' They are positions in the output.' : ''}`
          : '\nNothing left to fix.';
        return answer({ file: name, changed, fixed: result.fixed, passes: result.passes, output: result.output, ...(parts ?? {}), diff, ...report }, head + left);
      }),
  );
}
