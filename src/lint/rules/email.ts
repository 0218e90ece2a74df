import type { Rule } from '../types.js';
import clientSupport from './client-support.js';
import htmlSize from './html-size.js';
import imageAlt from './image-alt.js';
import lang from './lang.js';
import linkSafety from './link-safety.js';
import mjmlValid from './mjml-valid.js';
import preheader from './preheader.js';
import templateRenders from './template-renders.js';

/** Checks on the compiled email: size, images, links, preheader, lang, client support, MJML. */
export const emailRules: Rule<any>[] = [mjmlValid, templateRenders, htmlSize, imageAlt, linkSafety, preheader, lang, clientSupport];
