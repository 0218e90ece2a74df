import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { features } from '../../../src/lint/classifier/features.js';
import { readModel, SHIPPED_MODELS } from '../../../src/lint/classifier/load.js';
import { dunmailError } from '../../helpers.js';
import { LinearModel, type ModelFile } from '../../../src/lint/classifier/model.js';
import { modelHash, precompiledModel, writePrecompiledModels } from '../../../src/lint/classifier/precompiled.js';
import { ROOT } from '../../helpers.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const json = readFileSync(path.join(SHIPPED_MODELS, 'aggressive.json'));
const fromJson = new LinearModel((JSON.parse(json.toString('utf8')) as { binary: ModelFile }).binary);
const sentences = (JSON.parse(readFileSync(path.join(ROOT, 'test/eval/language/lines.json'), 'utf8')) as { text: string }[]).map((l) => l.text);

describe('sentence models precompiled at build time', () => {
  it('the build stored the shipped model, and it scores every sentence exactly as the JSON does (run npm run build when this fails)', () => {
    const stored = precompiledModel('aggressive', modelHash(json));
    expect(stored).toBeDefined();
    expect(stored?.file.threshold).toBe(fromJson.file.threshold);
    expect(stored?.file.locales).toEqual(fromJson.file.locales);
    expect(sentences.length).toBeGreaterThan(500);
    for (const text of [...sentences, 'We will take legal action against you.', 'Please pay by Friday.']) {
      const active = features(text, 'en');
      expect(stored?.probability(active), text).toBe(fromJson.probability(active));
    }
  });

  it('a model whose JSON changed has another hash, and nothing stored is read for it', () => {
    const edited = Buffer.concat([json, Buffer.from(' ')]);
    expect(modelHash(edited)).not.toBe(modelHash(json));
    expect(precompiledModel('aggressive', modelHash(edited))).toBeUndefined();
  });

  it('a stored pair that is cut short or of another layout is not used', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-models-'));
    roots.push(folder);
    writePrecompiledModels(new Map([['aggressive', json]]), folder);
    const hash = modelHash(json);
    expect(readdirSync(folder).sort()).toEqual([`aggressive.${hash}.bin`, `aggressive.${hash}.json`]);
    expect(precompiledModel('aggressive', hash, folder)?.probability(features('Pay now or else.', 'en'))).toBe(fromJson.probability(features('Pay now or else.', 'en')));
    writeFileSync(path.join(folder, `aggressive.${hash}.bin`), new Uint8Array(16));
    expect(precompiledModel('aggressive', hash, folder)).toBeUndefined();
    writePrecompiledModels(new Map([['aggressive', json]]), folder);
    const header = path.join(folder, `aggressive.${hash}.json`);
    writeFileSync(header, readFileSync(header, 'utf8').replace('dunmail-model-1', 'dunmail-model-0'));
    expect(precompiledModel('aggressive', hash, folder)).toBeUndefined();
  });

  it('a model file that is not JSON is named with what to do, not thrown as a bare SyntaxError', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dunmail-models-'));
    roots.push(folder);
    const file = path.join(folder, 'aggressive.json');
    writeFileSync(file, '{"binary": ');
    const error = dunmailError(() => readModel(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^the sentence model is not valid JSON: /);
    expect(error.place).toEqual({ file });
    expect(error.hint).toContain('scripts/train-classifier.ts');
  });
});
