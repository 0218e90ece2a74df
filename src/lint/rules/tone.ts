import type { Rule } from '../types.js';
import assumeGoodFaith from './assume-good-faith.js';
import lateFeeTerms from './late-fee-terms.js';
import plainLanguage from './plain-language.js';
import readability from './readability.js';
import localeMatch from './locale-match.js';

/** Tone and wording: plain language, good faith, late fees, readability, the right language. */
export const toneRules: Rule<any>[] = [plainLanguage, lateFeeTerms, assumeGoodFaith, readability, localeMatch];
