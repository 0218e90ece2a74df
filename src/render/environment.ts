import type Nunjucks from 'nunjucks';
import { nunjucks } from '../template/nunjucks-module.js';
import { addRenderFilters } from './filters.js';

/**
 * The environment every per-recipient render runs in: HTML autoescaped, and an
 * error (not the word "undefined") when a template outputs a missing value.
 */
export function createRenderEnvironment(kind: 'html' | 'text', loader: Nunjucks.ILoader | null = null): Nunjucks.Environment {
  const env = new (nunjucks()).Environment(loader, { autoescape: kind === 'html', throwOnUndefined: true, dev: true });
  withoutGlobals(env);
  addRenderFilters(env as unknown as Parameters<typeof addRenderFilters>[0]);
  return env;
}

/**
 * nunjucks gives every environment `range`, `cycler` and `joiner`, and `range.constructor`
 * is `Function`. dunmail templates have no globals: the sandbox refuses them, and the
 * environment does not have them either.
 */
export function withoutGlobals<T extends object>(env: T): T {
  // The typings do not declare `globals`; nunjucks' Context reads it with `name in globals`.
  (env as { globals?: object }).globals = Object.create(null) as object;
  return env;
}
