import { describe, expect, it } from 'vitest';
import { tidyText } from '../../src/render/text-part.js';

describe('tidyText', () => {
  it('trims lines, joins runs of spaces and of blank lines', () => {
    expect(tidyText('  Hello  there \t\n\n\n\n  \tPay  by Friday.  \n')).toBe('Hello there\n\nPay by Friday.');
  });

});
