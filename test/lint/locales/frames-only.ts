import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';

/**
 * Whether no-aggressive's frames alone (the sentence classifier off) flag a body in a
 * late reminder: a frame test must not pass because the classifier caught the sentence.
 */
export function flaggedByFrames(locale: string): (body: string) => boolean {
  const config = recommendedConfig();
  config.rules.set('no-aggressive', { severity: 'error', options: { ...config.rules.get('no-aggressive')?.options, classifier: false } });
  const linter = createLinter({ config, only: ['no-aggressive'] });
  return (body) => linter.lintMessage({ locale, subject: 'Invoice 7', body, stage: 'overdue-late' }).messages.length > 0;
}
