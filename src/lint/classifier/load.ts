import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LinearModel, type ModelFile, type SentenceModel } from './model.js';
import { features } from './features.js';
import { modelHash, precompiledModel } from './precompiled.js';
import { packagePath } from '../../util/package-root.js';
import { DunmailError } from '../../errors.js';

export const SHIPPED_MODELS = `${packagePath('rules', 'models')}/`;

const loaded = new Map<string, SentenceModel | undefined>();

/** The model file's JSON; a file that is not JSON is named, not thrown as a bare SyntaxError. */
function parseModel(file: string, bytes: Buffer): { binary: ModelFile; categories: ModelFile } {
  try {
    return JSON.parse(bytes.toString('utf8')) as { binary: ModelFile; categories: ModelFile };
  } catch (error) {
    throw new DunmailError('CONFIG_INVALID', `the sentence model is not valid JSON: ${(error as Error).message}`, {
      place: { file },
      hint: 'scripts/train-classifier.ts writes it: train it again, or restore the file from the dunmail package',
    });
  }
}

/** A shipped model by name (rules/models/<name>.json), read once per process and only when a rule asks. */
export function shippedModel(name: string): SentenceModel | undefined {
  if (loaded.has(name)) return loaded.get(name);
  const file = `${SHIPPED_MODELS}${name}.json`;
  const model = /^[a-z][a-z-]*$/.test(name) && existsSync(file) ? readModel(file) : undefined;
  loaded.set(name, model);
  return model;
}

/** A model file: its one-class weights as the build stored them where they were made from this very file. */
export function readModel(file: string): SentenceModel {
  const bytes = readFileSync(file);
  // The whole JSON is parsed only when it is needed: no stored binary model, or a category asked for.
  let parsed: { binary: ModelFile; categories: ModelFile } | undefined;
  const data = () => (parsed ??= parseModel(file, bytes));
  const binary = precompiledModel(path.basename(file, '.json'), modelHash(bytes)) ?? new LinearModel(data().binary);
  const { threshold = 0.5, locales } = binary.file;
  // The category model is read only when a sentence is reported (most messages have none).
  let categories: LinearModel | undefined;
  return {
    threshold,
    reads: (locale) => locales?.includes(locale) ?? true,
    judge: (text, locale, stem) => {
      // One feature vector for both models; the category only when a rule asks for it.
      const active = features(text, locale, stem);
      return {
        probability: binary.probability(active),
        get category() {
          return (categories ??= new LinearModel(data().categories)).classify(active);
        },
      };
    },
  };
}
