import type { Rule } from '../types.js';
import bodyLength from './body-length.js';
import invoiceNumber from './invoice-number.js';
import noAggressive from './no-aggressive.js';
import noLeftoverPlaceholder from './no-leftover-placeholder.js';
import subjectLength from './subject-length.js';
import urgentWhenLate from './urgent-when-late.js';

/** Every built-in rule, by id. */
export const builtInRules: ReadonlyMap<string, Rule<any>> = new Map(
  [subjectLength, bodyLength, invoiceNumber, urgentWhenLate, noAggressive, noLeftoverPlaceholder].map((rule) => [rule.meta.id, rule as Rule<any>]),
);
