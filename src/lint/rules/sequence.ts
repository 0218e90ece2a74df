import type { Rule } from '../types.js';

/** Rules on the sequence as a whole (stages.json and the set of templates). */
export const sequenceRules: Rule<any>[] = [];
