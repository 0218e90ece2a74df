import type { Paragraph, Root, Sentence, SentenceContent } from 'nlcst';
import { wordSegmenter } from '../text/words.js';

/**
 * An nlcst tree for scripts written without spaces between words (Thai, Lao, Khmer,
 * Burmese), where retext's parsers see a whole phrase as one word: sentences and
 * words come from `Intl.Segmenter` for the locale, with offsets into the text.
 */
export function parseSegmented(text: string, locale: string): Root {
  const sentences = new Intl.Segmenter(locale, { granularity: 'sentence' });
  const words = wordSegmenter(locale);
  const point = pointer(text);
  const paragraph: Paragraph = { type: 'ParagraphNode', children: [], position: { start: point(0), end: point(text.length) } };
  for (const { segment, index } of sentences.segment(text)) {
    const children: SentenceContent[] = [];
    for (const word of words.segment(segment)) {
      const start = index + word.index;
      const end = start + word.segment.length;
      const position = { start: point(start), end: point(end) };
      if (word.isWordLike) {
        children.push({ type: 'WordNode', children: [{ type: 'TextNode', value: word.segment, position }], position });
      } else if (/^\s+$/u.test(word.segment)) {
        children.push({ type: 'WhiteSpaceNode', value: word.segment, position });
      } else {
        children.push({ type: 'PunctuationNode', value: word.segment, position });
      }
    }
    const sentence: Sentence = { type: 'SentenceNode', children, position: { start: point(index), end: point(index + segment.length) } };
    paragraph.children.push(sentence);
  }
  return { type: 'RootNode', children: [paragraph], position: { start: point(0), end: point(text.length) } };
}

function pointer(text: string): (offset: number) => { line: number; column: number; offset: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (starts[line] ?? 0) + 1, offset };
  };
}
