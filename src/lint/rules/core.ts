import type { Rule } from '../types.js';
import bodyLength from './body-length.js';
import invoiceNumber from './invoice-number.js';
import noAggressive from './no-aggressive.js';
import noLeftoverPlaceholder from './no-leftover-placeholder.js';
import subjectLength from './subject-length.js';
import urgentWhenLate from './urgent-when-late.js';

/** The core rules: what every reminder must get right (errors by default). */
export const coreRules: Rule<any>[] = [subjectLength, bodyLength, invoiceNumber, urgentWhenLate, noAggressive, noLeftoverPlaceholder];
