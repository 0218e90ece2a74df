import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node.js';
import type { LintResult } from './lint.js';

const inside = (range: Range, at: Position): boolean => {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(at, range.start) && after(range.end, at);
};

/**
 * What the diagnostics at a position mean: each rule's id and description, the message,
 * the advice it rests on (seed ids, SEEDS.md) and its documentation.
 */
export function hoverAt(result: LintResult | undefined, position: Position): Hover | null {
  if (!result) return null;
  const sections: string[] = [];
  let range: Range | undefined;
  result.diagnostics.forEach((diagnostic, index) => {
    if (!inside(diagnostic.range, position)) return;
    range ??= diagnostic.range;
    const message = result.file?.messages[index];
    const id = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    const description = id ? result.rules?.get(id)?.meta.description : undefined;
    const lines = [`**${id ?? 'dunmail'}**${description ? `: ${description}` : ''}`, '', escape(diagnostic.message)];
    const sources = message?.sources ?? [];
    const links = [sources.length ? `Sources: ${sources.map((s) => `\`${s}\``).join(', ')}` : '', diagnostic.codeDescription ? `[Docs](${diagnostic.codeDescription.href})` : ''].filter(Boolean);
    if (links.length) lines.push('', links.join(' · '));
    sections.push(lines.join('\n'));
  });
  if (!sections.length || !range) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}

// Messages quote text in backticks, which Markdown shows as code; other Markdown is taken literally.
const escape = (text: string): string =>
  text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[\\*_[\]<>#]/g, (c) => `\\${c}`)))
    .join('')
    .replace(/\n/g, '  \n');
