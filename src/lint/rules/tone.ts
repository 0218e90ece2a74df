import type { Rule } from '../types.js';
import assumeGoodFaith from './assume-good-faith.js';
import lateFeeTerms from './late-fee-terms.js';
import plainLanguage from './plain-language.js';
import readability from './readability.js';

/** Tone and wording: plain language, good faith, late fees, readability. */
export const toneRules: Rule<any>[] = [plainLanguage, lateFeeTerms, assumeGoodFaith, readability];
