import nunjucks from 'nunjucks';
import { filters } from './filters.js';

/**
 * The environment every per-recipient render runs in: HTML autoescaped, and an
 * error (not the word "undefined") when a template outputs a missing value.
 */
export function createRenderEnvironment(kind: 'html' | 'text', loader: nunjucks.ILoader | null = null): nunjucks.Environment {
  const env = new nunjucks.Environment(loader, { autoescape: kind === 'html', throwOnUndefined: true, dev: true });
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
  return env;
}
