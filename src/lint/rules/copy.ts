import type { Rule } from '../types.js';

/** Structure and facts of the copy: greeting, sign-off, due date, amount, a way to pay… */
export const copyRules: Rule<any>[] = [];
