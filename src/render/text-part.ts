/**
 * Tidies a rendered text part: conditionals that rendered nothing leave blank
 * lines behind, so runs of blank lines become one; lines are trimmed and inner runs
 * of spaces become one (html-to-text writes no others).
 */
export function tidyText(text: string): string {
  return text
    .replace(/^[ \t]+|[ \t]+$/gm, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
