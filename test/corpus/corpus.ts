import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter, type Linter } from '../../src/lint/linter.js';

/** One email of the real-copy corpus (test/corpus/real/manifest.json). */
export interface CorpusEmail {
  file: string;
  product: string;
  repository: string;
  license: string;
  stage: string;
  locale: string;
  daysLate: number | null;
}

/** A finding on the corpus, as a person judged it once. */
export interface Judgement {
  /** `file:line:column rule/messageId excerpt`: what identifies the finding. */
  finding: string;
  verdict: 'right' | 'wrong';
  why: string;
  /** A wrong finding still produced: a known false alarm, kept in view with its reason. */
  open?: true;
}

export interface CorpusFinding {
  key: string;
  file: string;
  ruleId: string;
  message: string;
}

export const REAL = fileURLToPath(new URL('./real/', import.meta.url));

/** The rules that judge wording, which the issue measures (the others check that something is there). */
export const WORDING_RULES = new Set(['locale-match', 'no-aggressive', 'no-leftover-placeholder', 'readability', 'assume-good-faith', 'urgent-when-late', 'plain-language', 'late-fee-terms']);

export function corpus(): CorpusEmail[] {
  return JSON.parse(readFileSync(`${REAL}manifest.json`, 'utf8')) as CorpusEmail[];
}

export function judgements(): Judgement[] {
  return (JSON.parse(readFileSync(`${REAL}judgements.json`, 'utf8')) as { judgements: Judgement[] }).judgements;
}

let linter: Linter | undefined;

/** Every finding of the recommended rules on every email, linted as the message it is, at its stage and days late. */
export async function corpusFindings(): Promise<CorpusFinding[]> {
  linter ??= createLinter();
  const found: CorpusFinding[] = [];
  for (const email of corpus()) {
    const file = await linter.lintFile(`${REAL}${email.file}`, {
      locale: email.locale,
      stage: email.stage,
      ...(email.daysLate !== null && email.daysLate > 0 ? { businessDaysLate: email.daysLate } : {}),
    });
    const lines = String(file.value).split('\n');
    for (const m of file.messages) {
      const place = m.place && 'start' in m.place ? m.place : undefined;
      const line = place?.start.line ?? m.line ?? 1;
      const column = place?.start.column ?? m.column ?? 1;
      const excerpt = m.actual ?? (lines[line - 1] ?? '').slice(column - 1, column + 39);
      found.push({ key: `${email.file}:${line}:${column} ${m.ruleId}/${m.messageId ?? ''} ${excerpt.replace(/\s+/g, ' ').trim()}`, file: email.file, ruleId: m.ruleId ?? '', message: m.reason });
    }
  }
  return found;
}
