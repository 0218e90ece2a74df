import type { Rule } from '../types.js';
import amountDue from './amount-due.js';
import attachmentConsistency from './attachment-consistency.js';
import callToAction from './call-to-action.js';
import courtesy from './courtesy.js';
import daysOverdue from './days-overdue.js';
import dueDate from './due-date.js';
import greeting from './greeting.js';
import receiptCheck from './receipt-check.js';
import signOff from './sign-off.js';

/** Structure and facts of the copy: greeting, sign-off, due date, amount, a way to pay… */
export const copyRules: Rule<any>[] = [greeting, signOff, dueDate, amountDue, daysOverdue, callToAction, receiptCheck, attachmentConsistency, courtesy];
