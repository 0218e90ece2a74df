import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { profanityEntries } from '../../../src/lint/lexicon/profanity.js';
import { englishProfileProject, removeProfileProjects } from './english-profile.js';

afterAll(removeProfileProjects);

/** A project whose English profile names a profanity list (its other fields the shipped ones). */
function linterWithProfanity(profanity: object) {
  const lexicons = englishProfileProject({ profanity });
  const config = recommendedConfig();
  const linter = createLinter({ config: { ...config, lexiconFolders: [...config.lexiconFolders, lexicons] }, only: ['no-aggressive'] });
  return (body: string) => linter.lintMessage({ subject: 'Invoice 7', body, stage: 'overdue-late' }).messages.map((m) => `${m.messageId}: ${m.actual}`);
}

describe('profanity from a maintained list (cuss, the data behind retext-profanities)', () => {
  it('takes the words rated at least the least rating, as insults of the profanity frame', () => {
    const entries = profanityEntries('cuss', 2);
    expect(entries.length).toBeGreaterThan(1000);
    // As written (no stem), in lower case, with a capital or in capitals.
    expect(entries).toContainEqual({ pattern: '(=asshole|=Asshole|=ASSHOLE)', category: 'insult', frame: 'profanity' });
    expect(entries.every((e) => /^\(=[^\s|()]+(?:\|=[^\s|()]+)*\)(?: =[^\s|()]+)*$/u.test(e.pattern))).toBe(true);
    expect(profanityEntries('cuss', 2).length).toBeLessThan(profanityEntries('cuss', 0).length);
    expect(profanityEntries('no-such-list', 2)).toEqual([]);
  });

  it('a profile that names the list gets its words as insults, whole words only', () => {
    const lint = linterWithProfanity({ list: 'cuss' });
    expect(lint('Pay up, you asshole.')).toEqual(['insult: asshole']);
    expect(lint('Please pass the invoice to your assistant.')).toEqual([]);
    expect(lint('ASSHOLE.')).toEqual(['insult: ASSHOLE', 'capitals: ASSHOLE']);
  });

  it('matches a listed word as written, never by its stem (Spanish `pedo` is not in `pedimos`)', () => {
    const entries = profanityEntries('cuss/es', 2);
    expect(entries.some((e) => e.pattern.startsWith('(=pedo|'))).toBe(true);
    // The shipped Spanish profile names cuss/es.
    const linter = createLinter({ only: ['no-aggressive'] });
    const lint = (body: string) => linter.lintMessage({ locale: 'es', subject: 'Factura 7', body, stage: 'overdue-late' }).messages.map((m) => `${m.messageId}: ${m.actual}`);
    expect(lint('Le pedimos con gusto que nos indique la fecha de pago.')).toEqual([]);
    expect(lint('Gracias por nada, pendejo.')).toEqual(['insult: pendejo']);
  });
});
