import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from '../../src/lint/linter.js';

export interface LabelledSentence {
  text: string;
  label: 'aggressive' | 'polite';
  category?: string;
  note?: string;
}

export interface Evaluation {
  locale: string;
  total: number;
  precision: number;
  recall: number;
  falsePositives: LabelledSentence[];
  falseNegatives: LabelledSentence[];
}

const DATA = fileURLToPath(new URL('./data/', import.meta.url));
const HOLDOUT = fileURLToPath(new URL('./holdout/', import.meta.url));

/** `data/` was open while the lexicon was written; `holdout/` was written apart and never tuned on. */
export type Split = 'data' | 'holdout';

/**
 * Runs no-aggressive on every labelled sentence, as the body of a reminder in a
 * late stage without the legal step (overdue-late), and measures it.
 */
export function evaluate(locale: string, split: Split = 'data'): Evaluation {
  const { sentences } = JSON.parse(readFileSync(`${split === 'data' ? DATA : HOLDOUT}${locale}.json`, 'utf8')) as { sentences: LabelledSentence[] };
  const linter = createLinter({ only: ['no-aggressive'] });
  let truePositives = 0;
  const falsePositives: LabelledSentence[] = [];
  const falseNegatives: LabelledSentence[] = [];
  for (const sentence of sentences) {
    const file = linter.lintMessage({ subject: 'Invoice', body: sentence.text, stage: 'overdue-late', locale });
    const flagged = file.messages.length > 0;
    if (flagged && sentence.label === 'aggressive') truePositives++;
    else if (flagged) falsePositives.push(sentence);
    else if (sentence.label === 'aggressive') falseNegatives.push(sentence);
  }
  return {
    locale,
    total: sentences.length,
    precision: truePositives / (truePositives + falsePositives.length || 1),
    recall: truePositives / (truePositives + falseNegatives.length || 1),
    falsePositives,
    falseNegatives,
  };
}

export function labelledLocales(split: Split = 'data'): string[] {
  return readdirSync(split === 'data' ? DATA : HOLDOUT)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}
