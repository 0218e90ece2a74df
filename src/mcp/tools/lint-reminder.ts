import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { VFile } from 'vfile';
import { reportOf, reportShape, summaryOf } from '../findings.js';
import type { McpProject } from '../project.js';
import { positionsNote, reminderOf, reminderShape, type Reminder } from '../reminder-input.js';
import { answer, guarded, READ_ONLY } from '../tool-result.js';

/** Lints a reminder as it is, or as the given text: a saved template is compiled too, so the email rules run. */
export async function lintReminder(project: McpProject, reminder: Reminder, text = reminder.text): Promise<VFile> {
  const linter = project.linter();
  if (reminder.kind === 'template') {
    return text === undefined ? linter.lintFile(reminder.file) : linter.lintSource(reminder.file, text);
  }
  return linter.lintSource(reminder.file, text ?? '', reminder.context);
}

/** The name a reminder goes by in answers: a template by its path from the working folder. */
export function reminderName(project: McpProject, reminder: Reminder): string {
  if (reminder.kind !== 'template') return reminder.kind === 'eml' ? 'the .eml message' : 'the message';
  return path.relative(project.cwd, reminder.file).split(path.sep).join('/');
}

export function registerLintReminder(server: McpServer, project: McpProject): void {
  server.registerTool(
    'lint_reminder',
    {
      title: 'Lint a payment reminder',
      description:
        "Checks a payment-reminder email's copy with dunmail's rules (tone, threats, urgency for the stage, invoice number, " +
        'amount, due date, call to action, sign-off, plain language, length…) and returns every finding with its position, ' +
        'the offending text, suggested replacements and the rule\'s docs. Give either subject and body, or a raw eml, or ' +
        "templatePath (a saved template is also compiled and rendered with its fixtures). Writes nothing.",
      inputSchema: reminderShape,
      outputSchema: { file: z.string().describe('what was linted'), ...reportShape },
      annotations: READ_ONLY,
    },
    (input) =>
      guarded(async () => {
        const reminder = reminderOf(input, project);
        const report = reportOf(await lintReminder(project, reminder), reminder.kind === 'message' ? reminder : undefined);
        const file = reminderName(project, reminder);
        const note = report.findings.length ? `\n${positionsNote(reminder)}` : '';
        return answer({ file, ...report }, `${summaryOf(report, file)}${note}`);
      }),
  );
}
