import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { features, DIMENSION } from '../../../src/lint/classifier/features.js';
import { shippedModel } from '../../../src/lint/classifier/load.js';
import type { SentenceModel } from '../../../src/lint/classifier/model.js';
import { recommendedConfig, SHIPPED_CONFIG } from '../../../src/lint/config/load.js';
import { messageDocument } from '../../../src/lint/document/message.js';
import { lintDocument } from '../../../src/lint/engine.js';
import { LexiconSet } from '../../../src/lint/lexicon/load.js';
import { builtInRules } from '../../../src/lint/rules/index.js';

describe('the sentence classifier', () => {
  it('features are words, word pairs and character n-grams, hashed the same way every time', () => {
    const a = features('You never pay on time.', 'en');
    expect(a).toEqual(features('you NEVER pay on time', 'en'));
    expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < DIMENSION)).toBe(true);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    // Numbers are one feature: 5 days and 30 days read alike.
    expect(features('within 5 days', 'en')).toEqual(features('within 30 days', 'en'));
  });

  it('the shipped model reads as a probability and a category of the taxonomy', () => {
    const model = shippedModel('aggressive');
    expect(model).toBeDefined();
    const judged = model?.judge('We will take you to court and tell your employer.', 'en');
    expect(judged?.probability).toBeGreaterThan(0);
    expect(judged?.probability).toBeLessThan(1);
    expect(['threat-legal', 'threat-other', 'disclosure', 'harassment', 'accusation', 'shaming', 'insult', 'ultimatum']).toContain(judged?.category);
    expect(model?.threshold).toBeGreaterThan(0.5);
    // It judges the languages it learnt, not a team's new one (German has frames, no training).
    expect(['en', 'es', 'ro', 'ru', 'th'].every((locale) => model?.reads(locale))).toBe(true);
    expect(model?.reads('de')).toBe(false);
    expect(shippedModel('../secrets')).toBeUndefined();
  });

  it('no-aggressive reports a sentence no frame names, as a warning with the category, only when its option is on', () => {
    const stub: SentenceModel = { threshold: 0.8, reads: () => true, judge: (text) => ({ probability: text.includes('calendar') ? 0.9 : 0.1, category: 'shaming' }) };
    const rules = new Map([['no-aggressive', builtInRules.get('no-aggressive')!]]);
    const config = recommendedConfig(rules);
    const lexicons = new LexiconSet([path.join(path.dirname(SHIPPED_CONFIG), 'lexicons')]);
    const lint = (classifier: boolean) => {
      const setting = config.rules.get('no-aggressive')!;
      config.rules.set('no-aggressive', { ...setting, options: { ...setting.options, classifier } });
      const document = messageDocument({ subject: 'Invoice 7', body: 'Maybe a calendar would help you next month. Thank you.' });
      return lintDocument(document, { config, lexicons, rules, models: () => stub }).messages;
    };
    expect(lint(false)).toEqual([]);
    const [message, ...rest] = lint(true);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      messageId: 'classified',
      reason: 'This sentence reads as shaming to the sentence classifier (90% sure); say it firmly but politely',
      actual: 'Maybe a calendar would help you next month',
      fatal: false,
      line: 3,
      column: 1,
    });
  });

  it('a sentence a frame reads as a reassurance (a negation undid it) is not left to the classifier', () => {
    const stub: SentenceModel = { threshold: 0.5, reads: () => true, judge: () => ({ probability: 0.99, category: 'disclosure' }) };
    const rules = new Map([['no-aggressive', builtInRules.get('no-aggressive')!]]);
    const config = recommendedConfig(rules);
    const lexicons = new LexiconSet([path.join(path.dirname(SHIPPED_CONFIG), 'lexicons')]);
    const lint = (body: string) => lintDocument(messageDocument({ subject: 'Invoice 7', body }), { config, lexicons, rules, models: () => stub }).messages.map((m) => m.actual);
    expect(lint('We will never contact your family or your employer about this.')).toEqual([]);
    // The same stub reports a sentence no frame names, so the empty result above is the frame's doing.
    expect(lint('Your account is with us and the balance is open.')).toEqual(['Your account is with us and the balance is open']);
  });
});
