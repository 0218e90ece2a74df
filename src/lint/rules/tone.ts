import type { Rule } from '../types.js';

/** Tone and wording: plain language, good faith, late fees, readability. */
export const toneRules: Rule<any>[] = [];
