import { describe, expect, it } from 'vitest';
import { toString } from 'nlcst-to-string';
import { visit } from 'unist-util-visit';
import type { Root } from 'nlcst';
import { parseText } from '../../src/lint/parse.js';

function wordsOf(tree: Root): string[] {
  const words: string[] = [];
  visit(tree, 'WordNode', (node) => {
    words.push(toString(node));
  });
  return words;
}

function sentencesOf(tree: Root): number {
  let count = 0;
  visit(tree, 'SentenceNode', () => {
    count++;
  });
  return count;
}

/** Which retext parser fits which script: checked, not assumed. */
describe('parseText', () => {
  it('retext-latin splits Spanish words, accents and ñ kept', () => {
    expect(wordsOf(parseText('Le recordamos que la factura vence mañana. ¿Podría confirmarlo?', 'es'))).toEqual([
      'Le', 'recordamos', 'que', 'la', 'factura', 'vence', 'mañana', 'Podría', 'confirmarlo',
    ]);
  });

  it('retext-latin splits Romanian words with comma-below letters', () => {
    expect(wordsOf(parseText('Vă rugăm să efectuați plata facturii.', 'ro'))).toEqual(['Vă', 'rugăm', 'să', 'efectuați', 'plata', 'facturii']);
  });

  it('retext-latin splits Cyrillic words and sentences', () => {
    const tree = parseText('Напоминаем, что счёт не оплачен. Подскажите, пожалуйста, когда ждать оплату?', 'ru');
    expect(wordsOf(tree)).toEqual(['Напоминаем', 'что', 'счёт', 'не', 'оплачен', 'Подскажите', 'пожалуйста', 'когда', 'ждать', 'оплату']);
    expect(sentencesOf(tree)).toBe(2);
  });

  it('Thai, written without spaces between words, is split by Intl.Segmenter', () => {
    const words = wordsOf(parseText('กรุณาชำระเงินภายในวันนี้ ขอบคุณค่ะ', 'th'));
    expect(words).toEqual(['กรุณา', 'ชำระ', 'เงิน', 'ภายใน', 'วัน', 'นี้', 'ขอบคุณ', 'ค่ะ']);
  });

  it('keeps offsets true to the text in every script', () => {
    const checked: string[] = [];
    for (const [text, locale] of [['Factura 42: vă mulțumim.', 'ro'], ['ขอบคุณค่ะ', 'th'], ['Счёт № 15', 'ru']] as const) {
      visit(parseText(text, locale), 'WordNode', (node) => {
        const { start, end } = node.position ?? {};
        expect(text.slice(start?.offset, end?.offset)).toBe(toString(node));
        checked.push(toString(node));
      });
    }
    // Every word was visited, so the check above ran on each.
    expect(checked).toEqual(['Factura', '42', 'vă', 'mulțumim', 'ขอบคุณ', 'ค่ะ', 'Счёт', '15']);
  });
});
