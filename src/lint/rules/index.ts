import type { Rule } from '../types.js';
import { copyRules } from './copy.js';
import { coreRules } from './core.js';
import { emailRules } from './email.js';
import { sequenceRules } from './sequence.js';
import { toneRules } from './tone.js';

/** Every built-in rule, by id, in the order `dunmail rules` lists them. */
export const builtInRules: ReadonlyMap<string, Rule<any>> = new Map(
  [...coreRules, ...copyRules, ...toneRules, ...sequenceRules, ...emailRules].map((rule) => [rule.meta.id, rule]),
);
