import { describe, expect, it } from 'vitest';
import { messageDocument } from '../../../src/lint/document/message.js';
import { parsedForProfile } from '../../../src/lint/locale/apply.js';
import { LocaleProfiles } from '../../../src/lint/locale/load.js';
import type { LocaleProfile } from '../../../src/lint/locale/profile.js';

// A project's profile may name another parser than the shipped one (a language written without spaces).
const shipped = new LocaleProfiles([]).get('en');
const segmented: LocaleProfile = { ...shipped, parser: 'segmented' };
const input = { subject: 'Invoice 7 is due', body: 'Hello Dana. Please pay invoice 7 by Friday.' };

describe('documents are parsed once, as the linter’s profiles say', () => {
  it('a document built with the profile’s parser is used as built', () => {
    const document = messageDocument(input, undefined, undefined, { parser: () => 'segmented' });
    expect(document.body[0]?.parser).toBe('segmented');
    expect(parsedForProfile(document, segmented)).toBe(document);
  });

  it('a document built with the shipped parser is parsed again only where the profile differs', () => {
    const document = messageDocument(input);
    expect(document.body[0]?.parser).toBe('english');
    expect(parsedForProfile(document, shipped)).toBe(document);
    const again = parsedForProfile(document, segmented);
    expect(again.body[0]?.parser).toBe('segmented');
    expect(again.body[0]?.tree).not.toBe(document.body[0]?.tree);
    expect(again.subject?.parser).toBe('segmented');
  });
});
