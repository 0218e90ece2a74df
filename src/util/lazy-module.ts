import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on its first use, not when the module naming it is imported: linting a
 * plain message never reads nunjucks, yaml or caniemail, and each costs tens of
 * milliseconds of every start. Node 20.19+ requires ES modules too (caniemail is one).
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
