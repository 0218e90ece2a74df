import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { locator, offsetsOf, textOf, utf8Length } from '../../../src/lint/reporters/shared.js';

describe('locator', () => {
  it('counts columns in UTF-16 units or in UTF-8 bytes, as reviewdog documents for a𐐀b', () => {
    const locate = locator('a𐐀b');
    expect(locate.position(3)).toEqual({ line: 1, column: 4 });
    expect(locate.position(3, 'utf8')).toEqual({ line: 1, column: 6 });
    expect(locate.position(1, 'utf8')).toEqual({ line: 1, column: 2 });
  });

  it('breaks lines at \\n, \\r\\n and \\r, as vfile-location does', () => {
    const locate = locator('one\r\ntwo\nthree\rfour');
    expect([5, 9, 15].map((offset) => locate.position(offset))).toEqual([
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
    expect(locate.offset({ line: 3, column: 3 })).toBe(11);
  });

  it('clamps offsets past either end to the text', () => {
    const locate = locator('ab\ncd');
    expect(locate.position(-4)).toEqual({ line: 1, column: 1 });
    expect(locate.position(99)).toEqual({ line: 2, column: 3 });
    expect(locate.offset({ line: 9, column: 9 })).toBe(5);
  });
});

describe('utf8Length', () => {
  it('matches TextEncoder, lone surrogates included', () => {
    for (const text of ['', 'plain', 'café', '₹ 1 200', '☕👍🏽', 'ไทย', 'x\ud800y', '\udc00']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('offsetsOf and textOf', () => {
  it('reads offsets from a place, or works them out from line and column', () => {
    const file = new VFile({ path: 'a.txt', value: 'one\ntwo three' });
    const withOffsets = file.message('a', { place: { start: { line: 2, column: 5, offset: 8 }, end: { line: 2, column: 10, offset: 13 } } });
    const withoutOffsets = file.message('b', { place: { start: { line: 2, column: 5 }, end: { line: 2, column: 10 } } });
    const point = file.message('c', { place: { line: 2, column: 1 } });
    const locate = locator(textOf(file) ?? '');
    expect(offsetsOf(withOffsets, locate)).toEqual({ start: 8, end: 13 });
    expect(offsetsOf(withoutOffsets, locate)).toEqual({ start: 8, end: 13 });
    expect(offsetsOf(point, locate)).toEqual({ start: 4, end: 4 });
    expect(offsetsOf(file.message('d'), locate)).toBeUndefined();
  });

  it('decodes a file read as bytes, and says when there is no text', () => {
    expect(textOf(new VFile({ value: new TextEncoder().encode('café') }))).toBe('café');
    expect(textOf(new VFile({ path: 'x' }))).toBeUndefined();
  });
});
