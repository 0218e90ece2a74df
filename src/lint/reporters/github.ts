import { levelOf, relativePath, suggestionOf, withSources } from './shared.js';
import type { Reporter } from './types.js';

/** GitHub Actions workflow commands, which annotate the pull request's lines. */
export const github: Reporter = (files, { cwd }) => {
  const lines: string[] = [];
  for (const file of files) {
    for (const m of file.messages) {
      const place = m.place && 'start' in m.place ? m.place : undefined;
      const props = [
        `file=${escapeProperty(relativePath(file, cwd))}`,
        `line=${place?.start.line ?? m.line ?? 1}`,
        `col=${place?.start.column ?? m.column ?? 1}`,
        ...(place ? [`endLine=${place.end.line}`, `endColumn=${place.end.column}`] : []),
        `title=${escapeProperty(`dunmail ${m.ruleId ?? 'error'}`)}`,
      ];
      const suggested = suggestionOf(m);
      const suggestion = suggested === undefined ? '' : ` Suggestion: ${suggested}`;
      lines.push(`::${levelOf(m)} ${props.join(',')}::${escapeData(`${withSources(m)}${suggestion} (${m.url ?? ''})`)}`);
    }
  }
  return lines.join('\n');
};

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
