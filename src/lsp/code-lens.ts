import type { CodeLens } from 'vscode-languageserver/node.js';

/**
 * "Subject: N words · Body: M words" over a template's first line, counted as the
 * subject-length and body-length rules count (a placeholder is one word; the body is the
 * template's own copy). None while the frontmatter cannot be read.
 */
export async function wordCountLens(file: string, text: string): Promise<CodeLens[]> {
  const [{ templateDocument }, { regionWordCount }, { bodyWordCount }] = await Promise.all([
    import('../lint/document/template.js'),
    import('../lint/words.js'),
    import('../lint/rules/body-length.js'),
  ]);
  let document;
  try {
    document = templateDocument(file, text, undefined);
  } catch {
    return [];
  }
  const subject = document.subject ? regionWordCount(document.subject) : 0;
  const body = bodyWordCount(document);
  const words = (n: number) => `${n} word${n === 1 ? '' : 's'}`;
  // A lens without a command id is a label: there is nothing to run.
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: `Subject: ${words(subject)} · Body: ${words(body)}`, command: '' } }];
}
