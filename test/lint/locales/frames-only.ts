import { recommendedConfig, type LintConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';

/**
 * Whether no-aggressive's frames alone (the sentence classifier off) flag a body in a
 * late reminder: a frame test must not pass because the classifier caught the sentence.
 */
export function flaggedByFrames(locale: string): (body: string) => boolean {
  const linter = createLinter({ config: framesOnly(recommendedConfig()), only: ['no-aggressive'] });
  return (body) => linter.lintMessage({ locale, subject: 'Invoice 7', body, stage: 'overdue-late' }).messages.length > 0;
}

/** A config whose no-aggressive runs its frames alone, without the sentence classifier. */
export function framesOnly(config: LintConfig): LintConfig {
  const rules = new Map(config.rules);
  rules.set('no-aggressive', { severity: 'error', options: { ...rules.get('no-aggressive')?.options, classifier: false } });
  return { ...config, rules };
}
