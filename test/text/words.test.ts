import { describe, expect, it } from 'vitest';
import { countWords, words } from '../../src/text/words.js';

const texts = (text: string, locale?: string) => words(text, locale).map((w) => w.text);

describe('the one definition of a word', () => {
  it('is a token with a letter or digit, without the punctuation around it', () => {
    expect(texts('Pay $1,250.00 for INV-1042 by 3/4 — thanks!')).toEqual(['Pay', '1,250.00', 'for', 'INV-1042', 'by', '3/4', 'thanks']);
    expect(texts('“Quoted” (see §3), don’t e-mail.')).toEqual(['Quoted', 'see', '3', 'don’t', 'e-mail']);
  });

  it('keeps the last stop of an abbreviation with inner stops, not of a plain word', () => {
    expect(texts('30 d.f.f. y e.g. nr. 42.')).toEqual(['30', 'd.f.f.', 'y', 'e.g.', 'nr', '42']);
  });

  it('splits at a dash or a slash between letters, not between digits', () => {
    expect(texts('due—please pay and/or call on 12/05')).toEqual(['due', 'please', 'pay', 'and', 'or', 'call', 'on', '12/05']);
  });

  it('takes a URL or an e-mail address as one word, without the stop after it', () => {
    expect(texts('See (https://acme.example/pay?x=1&y=2). Or billing@acme.example.')).toEqual(['See', 'https://acme.example/pay?x=1&y=2', 'Or', 'billing@acme.example']);
  });

  it('gives offsets into the text for every word', () => {
    const text = '  ¿Recibió la factura n.º 77?  ';
    for (const word of words(text, 'es')) expect(text.slice(word.start, word.end)).toBe(word.text);
    expect(texts(text, 'es')).toEqual(['Recibió', 'la', 'factura', 'n.º', '77']);
  });

  it('segments Thai by its dictionary, and a change of script starts a word', () => {
    expect(texts('กรุณาชำระเงิน คุณSomchai', 'th')).toEqual(['กรุณา', 'ชำระ', 'เงิน', 'คุณ', 'Somchai']);
    expect(countWords('– — !!!')).toBe(0);
  });
});
