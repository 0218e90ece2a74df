import { DIMENSION, features } from './features.js';

/** What a rule asks of a trained sentence model. */
export interface SentenceModel {
  /**
   * Whether a sentence is aggressive, with the probability and the likeliest category
   * (read `category` only above the threshold: it is computed when read).
   */
  judge(text: string, locale: string, stem?: (word: string) => string): { probability: number; readonly category: string };
  /** The least probability at which a sentence is reported. */
  threshold: number;
  /** Whether it can judge sentences of this locale (it was trained on some). */
  reads(locale: string): boolean;
}

/** A trained linear model, as shipped in rules/models/ (scripts/train-classifier.ts writes it). */
export interface ModelFile {
  description: string;
  /** The classes, in the order of the weight rows: `aggressive` for the binary model, or categories. */
  classes: string[];
  biases: number[];
  /** Per class: the features with a weight, ascending, and their weights, base64 of Int32 and Float32 arrays. */
  indices: string[];
  weights: string[];
  /** The least probability at which a sentence is reported, chosen on held-apart training folds. */
  threshold?: number;
  /** The locales it was trained on: a sentence of another language is not judged (a weight learnt on none of its words means nothing). */
  locales?: string[];
}

interface Row {
  indices: Int32Array;
  weights: Float32Array;
}

/** Base64 to bytes in a buffer of their own, so typed arrays over it start aligned (a copy, not a byte loop). */
const decode = (text: string): Uint8Array => {
  const bytes = Buffer.from(text, 'base64');
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  return aligned;
};

/** The position of `index` in ascending `indices`, or -1: a sentence has ~100 features, a row ~100,000. */
function find(indices: Int32Array, index: number): number {
  let low = 0;
  let high = indices.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = indices[middle] ?? 0;
    if (value < index) low = middle + 1;
    else if (value > index) high = middle - 1;
    else return middle;
  }
  return -1;
}

/** A linear model over the sentence features: logistic (one class) or softmax (several). */
export class LinearModel {
  private readonly rows: Row[];
  /** One class (the binary model): its weights laid out by feature, read without a search (1 MB). */
  private readonly dense: Float32Array | undefined;

  /** `dense`: a one-class model's weights laid out by feature, as `denseWeights` gave them (the build stores them). */
  constructor(
    readonly file: ModelFile,
    dense?: Float32Array,
  ) {
    if (dense && file.classes.length === 1) {
      this.rows = [];
      this.dense = dense;
      return;
    }
    this.rows = file.classes.map((_, k) => {
      const indices = decode(file.indices[k] ?? '');
      const weights = decode(file.weights[k] ?? '');
      return { indices: new Int32Array(indices.buffer, indices.byteOffset, indices.byteLength / 4), weights: new Float32Array(weights.buffer, weights.byteOffset, weights.byteLength / 4) };
    });
    const [only] = this.rows;
    if (this.rows.length === 1 && only) {
      // A plain loop: this runs once per process, before V8 has optimised anything, over ~100,000 weights.
      const dense = new Float32Array(DIMENSION);
      const { indices, weights } = only;
      for (let j = 0; j < indices.length; j++) dense[indices[j] as number] = weights[j] ?? 0;
      this.dense = dense;
    }
  }

  /** A one-class model's weights by feature (DIMENSION of them), or undefined for several classes. */
  get denseWeights(): Float32Array | undefined {
    return this.dense;
  }

  /** The raw score of each class for a sentence's features. */
  scores(active: readonly number[]): number[] {
    if (this.dense) {
      let score = this.file.biases[0] ?? 0;
      for (const index of active) score += this.dense[index] ?? 0;
      return [score];
    }
    return this.rows.map((row, k) => {
      let score = this.file.biases[k] ?? 0;
      for (const index of active) {
        const at = find(row.indices, index);
        if (at >= 0) score += row.weights[at] ?? 0;
      }
      return score;
    });
  }

  /** The probability of the first class (binary model), of a sentence or of its features. */
  probability(text: string | readonly number[], locale = 'en'): number {
    const [score = 0] = this.scores(typeof text === 'string' ? features(text, locale) : text);
    return 1 / (1 + Math.exp(-score));
  }

  /** The likeliest class (several classes), of a sentence or of its features. */
  classify(text: string | readonly number[], locale = 'en'): string {
    const scores = this.scores(typeof text === 'string' ? features(text, locale) : text);
    let best = 0;
    scores.forEach((score, k) => {
      if (score > (scores[best] ?? -Infinity)) best = k;
    });
    return this.file.classes[best] ?? '';
  }
}
