import { existsSync, readFileSync } from 'node:fs';
import { LinearModel, type ModelFile, type SentenceModel } from './model.js';
import { features } from './features.js';
import { modelHash, precompiledModel } from './precompiled.js';
import { packagePath } from '../../util/package-root.js';

export const SHIPPED_MODELS = `${packagePath('rules', 'models')}/`;

const loaded = new Map<string, SentenceModel | undefined>();

/** A shipped model by name (rules/models/<name>.json), read once per process and only when a rule asks. */
export function shippedModel(name: string): SentenceModel | undefined {
  if (loaded.has(name)) return loaded.get(name);
  const file = `${SHIPPED_MODELS}${name}.json`;
  let model: SentenceModel | undefined;
  if (/^[a-z][a-z-]*$/.test(name) && existsSync(file)) {
    const bytes = readFileSync(file);
    // The whole JSON is parsed only when it is needed: no stored binary model, or a category asked for.
    let parsed: { binary: ModelFile; categories: ModelFile } | undefined;
    const data = () => (parsed ??= JSON.parse(bytes.toString('utf8')) as { binary: ModelFile; categories: ModelFile });
    const binary = precompiledModel(name, modelHash(bytes)) ?? new LinearModel(data().binary);
    const { threshold = 0.5, locales } = binary.file;
    // The category model is read only when a sentence is reported (most messages have none).
    let categories: LinearModel | undefined;
    model = {
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
  loaded.set(name, model);
  return model;
}
