import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { createLinter } from '../../../src/lint/linter.js';
import { englishProfileProject, removeProfileProjects } from './english-profile.js';
import { flaggedByFrames, framesOnly } from '../locales/frames-only.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
afterAll(removeProfileProjects);

/** A linter whose only aggressive lexicon is these entries. */
function linterWith(locale: string, entries: object[]) {
  const root = mkdtempSync(path.join(tmpdir(), 'dunmail-frames-'));
  roots.push(root);
  mkdirSync(path.join(root, locale));
  writeFileSync(path.join(root, locale, 'aggressive.json'), JSON.stringify({ locale, name: 'aggressive', entries }));
  const linter = createLinter({ config: framesOnly({ ...recommendedConfig(), lexiconFolders: [root] }), only: ['no-aggressive'] });
  return (body: string) => linter.lintMessage({ locale, subject: 'Invoice 7', body, stage: 'overdue-late' }).messages.map((m) => m.actual);
}

describe('frames: who acts, within one clause', () => {
  const en = linterWith('en', [{ pattern: '@we … (take|start|begin) … (measures|steps|action)', category: 'threat-legal' }]);

  it('a role names who acts: we take measures is a threat, a request that the reader take steps is not', () => {
    expect(en('Otherwise we will be forced to take further measures.')).toEqual(['we will be forced to take further measures']);
    expect(en('Our legal team will now take action.')).toEqual(['Our legal team will now take action']);
    expect(en('Please take the steps needed to pay by Friday.')).toEqual([]);
    expect(en('You can take action in the portal.')).toEqual([]);
  });

  it('a clause gap does not cross a semicolon, a colon or a comma before a conjunction', () => {
    expect(en('We are sorry for the delay; please take the steps needed to pay.')).toEqual([]);
    expect(en('We sent the invoice in May, but please take the steps below when you can.')).toEqual([]);
    expect(en('We, after three reminders and no reply, will take action.')).toEqual(['We, after three reminders and no reply, will take action']);
  });

  it('an unknown role is refused when the lexicon loads', () => {
    expect(() => linterWith('en', [{ pattern: '@nobody will sue', category: 'threat-legal' }])('x')).toThrow(/@nobody is not a role the locale profile defines/);
  });

  it('roles come from each locale’s profile', () => {
    const es = linterWith('es', [{ pattern: '@we … (tomar*|tomaremos) medidas', category: 'threat-legal' }]);
    expect(es('Nuestro despacho tomará medidas legales.')).toEqual(['Nuestro despacho tomará medidas']);
    expect(es('Nos veremos obligados a tomar medidas.')).toEqual(['Nos veremos obligados a tomar medidas']);
    expect(es('Por favor, tome las medidas necesarias para pagar.')).toEqual([]);
  });
});

/** A linter whose English profile is the shipped one plus these word classes, and whose only aggressive lexicon is these entries. */
function linterWithSets(sets: Record<string, string[]>, entries: object[], omit: string[] = []) {
  const lexicons = englishProfileProject({ sets }, entries, omit);
  // As a config's "lexicons" does: the project's folder beside the shipped one.
  const linter = createLinter({ config: framesOnly({ ...recommendedConfig(), lexiconFolders: [...recommendedConfig().lexiconFolders, lexicons] }), only: ['no-aggressive'] });
  return (body: string) => linter.lintMessage({ locale: 'en', subject: 'Invoice 7', body, stage: 'overdue-late' }).messages.map((m) => m.actual);
}

describe('sets: word classes written once in the profile', () => {
  const sets = {
    tell: ['tell', 'inform', 'let … know', 'get in touch with', 'be in touch with'],
    'third-party': ['[your] $family', 'your (employer|manager|managing director|clients)'],
    family: ['(wife|husband|parents|references|emergency contact)'],
  };
  const lint = linterWithSets(sets, [{ pattern: '@we … $tell … $third-party', category: 'disclosure' }]);

  it('a set stands for each of its patterns, and may name other sets', () => {
    expect(lint('We will inform your employer.')).toEqual(['We will inform your employer']);
    expect(lint('We will be in touch with the references you listed.')).toEqual(['We will be in touch with the references']);
    expect(lint('I will tell your wife.')).toEqual(['I will tell your wife']);
    expect(lint('Please tell your manager the invoice is due.')).toEqual([]);
  });

  it('an unknown set, or one that names itself, is refused when the lexicon loads', () => {
    expect(() => linterWithSets(sets, [{ pattern: '@we … $warn', category: 'disclosure' }])('x')).toThrow(/\$warn is not a set the locale profile defines/);
    expect(() => linterWithSets({ loop: ['a $loop'] }, [{ pattern: 'b $loop', category: 'disclosure' }])('x')).toThrow(/the set \$loop names itself/);
  });

  it('a project profile is laid over the shipped one: its sets and roles are merged by name', () => {
    // No roles, and one set of its own: the shipped lexicon still reads the shipped ones.
    const own = linterWithSets({ family: ['(cousin|godmother)'] }, [], ['roles']);
    expect(own('We will inform your employer about this debt.')).not.toEqual([]);
    // A name it gives replaces the shipped set of that name.
    const replaced = linterWithSets({ family: ['(cousin|godmother)'] }, [{ pattern: '@we … $tell … your $family', category: 'disclosure' }]);
    expect(replaced('We will tell your godmother.')).toEqual(['We will tell your godmother']);
  });

  it('a name no profile defines is refused at the pattern when its locale is first linted, with the profile files that were read', () => {
    // JSON.stringify writes … as is; the entry is written with the escape a tool may use (\u2026).
    const lexicons = englishProfileProject({}, [{ pattern: '@we … $warn', category: 'disclosure' }]);
    const file = path.join(lexicons, 'en', 'aggressive.json');
    writeFileSync(file, `{"locale": "en", "name": "aggressive",\n "entries": [\n  {"category": "disclosure", "pattern": "@we \\u2026 $warn"}]}`);
    const linter = createLinter({ config: framesOnly({ ...recommendedConfig(), lexiconFolders: [...recommendedConfig().lexiconFolders, lexicons] }), only: ['no-aggressive'] });
    // Lexicons compile for the locales in use: a Spanish message does not read the English patterns.
    expect(linter.lintMessage({ locale: 'es', subject: 'Factura 7', body: 'Hola.' }).messages).toBeDefined();
    const read = () => linter.lintMessage({ locale: 'en', subject: 'Invoice 7', body: 'Hello.' });
    expect(read).toThrow(
      expect.objectContaining({
        place: { file, line: 3, column: 41 },
        hint: expect.stringMatching(/the en profile was read from .*rules\/locales\/en\.json and then .*locales\/en\.json/),
      }),
    );
  });
});

describe('unlessNegated: a reassurance is no threat', () => {
  const entries = [
    { pattern: '@we … (contact|call|tell) … your (employer|family)', category: 'disclosure', unlessNegated: true },
    { pattern: '@we … hesitate to … action', category: 'threat-legal' },
  ];
  const en = linterWith('en', entries);

  it('an entry that asks for it does not match where the profile’s negation stands in its span or just before it', () => {
    expect(en('We will contact your employer.')).toEqual(['We will contact your employer']);
    expect(en('We will never contact your family or your employer.')).toEqual([]);
    expect(en('We won’t tell your employer.')).toEqual([]);
    expect(en("We won't tell your employer.")).toEqual([]);
  });

  it('a negation in another clause does not count, and an entry without the flag is not negated', () => {
    expect(en('We did not hear back, so we will contact your employer.')).toEqual(['we will contact your employer']);
    expect(en('We will not hesitate to take action.')).toEqual(['We will not hesitate to take action']);
  });

  it('negations come from each locale’s profile', () => {
    const th = linterWith('th', [{ pattern: '@we … ติดต่อ … ครอบครัว', category: 'disclosure', unlessNegated: true }]);
    expect(th('เราจะติดต่อครอบครัวของคุณ')).toHaveLength(1);
    expect(th('เราจะไม่ติดต่อครอบครัวของคุณ')).toEqual([]);
  });
});

describe('en disclosure frames: the reader’s business network and workplace, and copies sent to them', () => {
  const flagged = flaggedByFrames('en');

  it.each([
    "We intend to notify your company's suppliers that you are in arrears with us.",
    'We are copying this reminder to your business partner so that everyone is aware of the arrears.',
    'A copy of this letter has also gone to the HR department at your place of work.',
  ])('flags %s', (body) => expect(flagged(body)).toBe(true));

  it.each([
    'A copy of this invoice has gone to your accounts department as requested.',
    'We will let your accounts team know once the refund is processed.',
    'Please forward this invoice to your accountant if they handle your payments.',
  ])('does not flag %s', (body) => expect(flagged(body)).toBe(false));
});
