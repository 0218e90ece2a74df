import type { Rule } from '../types.js';
import cadence from './cadence.js';
import sequenceConsistency from './sequence-consistency.js';

/** Rules on the sequence as a whole (stages.json and the set of templates). */
export const sequenceRules: Rule<any>[] = [cadence, sequenceConsistency];
