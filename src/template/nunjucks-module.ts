import type Nunjucks from 'nunjucks';
import { lazyModule } from '../util/lazy-module.js';

/** nunjucks, read on first use: linting a plain message or rendering from a bundle never needs its compiler. */
export const nunjucks = lazyModule<typeof Nunjucks>('nunjucks');
