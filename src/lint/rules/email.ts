import type { Rule } from '../types.js';

/** Checks on the compiled email: size, images, links, preheader, lang, client support, MJML. */
export const emailRules: Rule<any>[] = [];
