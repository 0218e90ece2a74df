import type * as HtmlParser2 from 'htmlparser2';
import { lazyModule } from './lazy-module.js';

export type { HtmlParser2 };

/** htmlparser2 and the DOM packages it loads, read by the first template, never by a run over plain messages. */
export const htmlparser2 = lazyModule<typeof HtmlParser2>('htmlparser2');
