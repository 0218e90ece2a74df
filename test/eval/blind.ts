import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter, type Linter } from '../../src/lint/linter.js';
import { recommendedConfig } from '../../src/lint/config/load.js';

/** A sentence of a blind set: written by someone who saw only test/eval/blind/CATEGORIES.md. */
export interface BlindSentence {
  text: string;
  label: 'aggressive' | 'polite';
  category?: string;
  nearMiss?: boolean;
}

interface BlindFile {
  locale: string;
  writer: string;
  sentences: BlindSentence[];
}

/** `dev` was open while frames and entries were written; `test` is measured, never read to write entries. */
export type Part = 'dev' | 'test';

export const CATEGORIES = [
  'threat-legal',
  'threat-other',
  'disclosure',
  'harassment',
  'accusation',
  'shaming',
  'insult',
  'ultimatum',
  'false-urgency',
  'shouting',
] as const;

export interface Measure {
  flagged: number;
  total: number;
}

export interface BlindResult {
  locale: string;
  part: Part;
  writers: string[];
  sentences: number;
  precision: number;
  recall: number;
  /** Recall per category of the aggressive sentences. */
  categories: Map<string, Measure>;
  falsePositives: BlindSentence[];
  falseNegatives: BlindSentence[];
}

const ROOT = fileURLToPath(new URL('./blind/', import.meta.url));

function files(part: Part): BlindFile[] {
  return readdirSync(`${ROOT}${part}`)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readBlindFile(`${ROOT}${part}/${name}`));
}

/** A writer's file, wherever it is: a new writer is measured once before it joins a part. */
export function readBlindFile(file: string): BlindFile {
  return JSON.parse(readFileSync(file, 'utf8')) as BlindFile;
}

export function blindLocales(part: Part): string[] {
  return [...new Set(files(part).map((f) => f.locale))].sort();
}

let linters: { aggressive: Linter; urgency: Linter; classifier: boolean } | undefined;

/** A linter of one rule, with its recommended options and these. */
function linterOf(rule: string, options: Record<string, unknown> = {}): Linter {
  const config = recommendedConfig();
  const base = config.rules.get(rule);
  config.rules.set(rule, { severity: base?.severity ?? 'error', options: { ...base?.options, ...options } });
  return createLinter({ config, only: [rule] });
}

/**
 * Whether the wording rules flag a sentence: no-aggressive as the body of a late reminder
 * without the legal step (overdue-late), where firmness is fair, and urgent-when-late as
 * the body of a reminder sent before the due date, where urgency is out of proportion.
 * Every sentence goes through the same two checks; the label is only compared after.
 */
export function flags(sentence: string, locale: string, classifier = false): boolean {
  if (linters?.classifier !== classifier) {
    linters = { aggressive: linterOf('no-aggressive', { classifier }), urgency: linterOf('urgent-when-late'), classifier };
  }
  const subject = 'Invoice';
  return (
    linters.aggressive.lintMessage({ subject, body: sentence, stage: 'overdue-late', locale }).messages.length > 0 ||
    linters.urgency.lintMessage({ subject, body: sentence, stage: 'before-due', locale }).messages.length > 0
  );
}

/** `classifier`: with no-aggressive's sentence classifier on, beside the frames. */
export function evaluateBlind(locale: string, part: Part | BlindFile[], classifier = false): BlindResult {
  const chosen = (typeof part === 'string' ? files(part) : part).filter((f) => f.locale === locale);
  const categories = new Map<string, Measure>(CATEGORIES.map((c) => [c, { flagged: 0, total: 0 }]));
  const falsePositives: BlindSentence[] = [];
  const falseNegatives: BlindSentence[] = [];
  let truePositives = 0;
  let sentences = 0;
  for (const file of chosen) {
    for (const sentence of file.sentences) {
      sentences++;
      const flagged = flags(sentence.text, locale, classifier);
      if (sentence.label === 'aggressive') {
        const measure = categories.get(sentence.category ?? '') ?? { flagged: 0, total: 0 };
        measure.total++;
        if (flagged) measure.flagged++;
        categories.set(sentence.category ?? '', measure);
        if (flagged) truePositives++;
        else falseNegatives.push(sentence);
      } else if (flagged) {
        falsePositives.push(sentence);
      }
    }
  }
  return {
    locale,
    part: typeof part === 'string' ? part : 'dev',
    writers: chosen.map((f) => f.writer),
    sentences,
    precision: truePositives / (truePositives + falsePositives.length || 1),
    recall: truePositives / (truePositives + falseNegatives.length || 1),
    categories,
    falsePositives,
    falseNegatives,
  };
}
