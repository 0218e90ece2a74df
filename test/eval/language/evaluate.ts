/**
 * The labelled short lines of reminder copy (lines.json) and how a language check is
 * measured on them: a line warns when the detector reads it as another language than
 * its template's, with enough letters and enough confidence; a warning is right when
 * the line's true language is not the template's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Line {
  id: number;
  text: string;
  /** The language the line is really in. */
  language: string;
  /** The locale of the template it is written under. */
  template: string;
  kind: string;
}

export type Half = 'dev' | 'test';

export function lines(): Line[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./lines.json', import.meta.url)), 'utf8')) as Line[];
}

/** The fixed split: lines at even positions (ids 1, 3, 5, …) choose, lines at odd positions report. */
export function half(all: readonly Line[], which: Half): Line[] {
  return all.filter((_, i) => (i % 2 === 0) === (which === 'dev'));
}

/** `{{ … }}` placeholders, as a template's region lists them. */
export function placeholdersOf(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** What a detector said about one line: the language it read and how sure it is that it is not the template's. */
export interface Reading {
  letters: number;
  language: string | undefined;
  /** 0 when it read the template's language (or nothing). */
  confidence: number;
}

export interface Figures {
  warnings: number;
  right: number;
  positives: number;
  precision: number;
  recall: number;
}

export interface Setting {
  minLetters: number;
  minConfidence: number;
}

export function warns(reading: Reading, template: string, setting: Setting): boolean {
  return reading.language !== undefined && reading.language !== template && reading.letters >= setting.minLetters && reading.confidence >= setting.minConfidence;
}

export function figures(set: readonly Line[], readings: readonly Reading[], setting: Setting): Figures {
  let warnings = 0;
  let right = 0;
  let positives = 0;
  set.forEach((line, i) => {
    const positive = line.language !== line.template;
    if (positive) positives++;
    const reading = readings[i];
    if (reading && warns(reading, line.template, setting)) {
      warnings++;
      if (positive) right++;
    }
  });
  return { warnings, right, positives, precision: warnings ? right / warnings : 1, recall: positives ? right / positives : 1 };
}

/** The least `minLetters` locale-match's option schema allows. */
export const MIN_LETTERS_FLOOR = 5;

/** A recall below this finds too few lines to be worth a rule. */
export const USEFUL_RECALL = 0.6;

/**
 * The setting chosen on the development half: the best precision among those with a
 * useful recall; then the best recall; then the fewest letters; then the middle of the
 * confidences that tie (so the threshold is not at the edge of what the half showed).
 */
export function choose(set: readonly Line[], readings: readonly Reading[]): { setting: Setting; figures: Figures } | undefined {
  const confidences = [...new Set([0, ...readings.map((r) => r.confidence)])].sort((a, b) => a - b);
  let best: { setting: Setting; figures: Figures; ties: number[] } | undefined;
  for (let minLetters = MIN_LETTERS_FLOOR; minLetters <= 60; minLetters++) {
    for (const minConfidence of confidences) {
      const f = figures(set, readings, { minLetters, minConfidence });
      if (f.recall < USEFUL_RECALL) continue;
      const better = !best || f.precision > best.figures.precision || (f.precision === best.figures.precision && f.recall > best.figures.recall);
      if (better) best = { setting: { minLetters, minConfidence }, figures: f, ties: [minConfidence] };
      else if (best && f.precision === best.figures.precision && f.recall === best.figures.recall && minLetters === best.setting.minLetters) best.ties.push(minConfidence);
    }
  }
  if (!best) return undefined;
  // A threshold in (the confidence below the lowest tie, the highest tie] warns on the same lines: its middle.
  const low = Math.min(...best.ties);
  const high = Math.max(...best.ties);
  const below = confidences.filter((c) => c < low).at(-1) ?? low;
  const middle = round((below + high) / 2);
  const minConfidence = middle > below && middle <= high ? middle : high;
  return { setting: { minLetters: best.setting.minLetters, minConfidence }, figures: figures(set, readings, { minLetters: best.setting.minLetters, minConfidence }) };
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
