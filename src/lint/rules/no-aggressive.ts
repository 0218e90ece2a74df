import { regionsOf, type PhraseMatch } from '../phrases.js';
import { phraseLexicons, phraseMessages, runPhraseCheck, type PhraseCheck } from '../checks/phrase.js';
import { Lexicon } from '../lexicon/lexicon.js';
import { defineRule, type Finding, type LintDocument, type RuleContext, type TextRegion } from '../types.js';
import { inPlaceholder, sentenceWords } from '../words.js';

interface Options {
  /** Words in capitals that are not shouting (brand names, acronyms longer than maxAcronymLength). */
  allowCapitals: string[];
  /** All-capital words up to this many letters are taken as acronyms (INV, USD, IBAN). */
  maxAcronymLength: number;
  /**
   * Beside the frames, a sentence classifier trained on labelled sentences
   * (rules/models/aggressive.json) reports a sentence no frame names, with its likeliest
   * category, as a warning.
   */
  classifier: boolean;
}

const check: PhraseCheck = {
  lexicon: 'aggressive',
  // The categories of rules/frames.json (docs/tone.md).
  messages: {
    'threat-legal': '`{{text}}` threatens legal steps (threat-legal)',
    'threat-other': '`{{text}}` is threatening (threat-other)',
    disclosure: '`{{text}}` threatens to tell others about the debt (disclosure)',
    harassment: '`{{text}}` is harassing (harassment)',
    accusation: '`{{text}}` is accusatory (accusation)',
    shaming: '`{{text}}` is shaming (shaming)',
    insult: '`{{text}}` is insulting (insult)',
    ultimatum: '`{{text}}` is an ultimatum (ultimatum)',
  },
  // A legal step the stage's task allows: `debt collection` in a final notice with legal review.
  skip: ({ entry }, document) => (document.stage?.tasks ?? []).some((task) => task === entry.allowWithTask),
};

export default defineRule<Options>({
  meta: {
    id: 'no-aggressive',
    description: 'No threats, disclosure to others, harassment, accusations, shaming, insults, ultimatums or shouting.',
    sources: ['C1', 'C5', 'H4', 'R4', 'T10'],
    // Wording that is wrong in any email is wrong in the layout every email shows.
    appliesTo: { layouts: true },
    defaultSeverity: 'error',
    lexicons: { ...phraseLexicons(check), urgency: ['urgency'], capitals: ['emphasis', 'acronym'], dates: ['month', 'weekday'], 'payment-options': ['help', 'alternative'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        allowCapitals: { type: 'array', items: { type: 'string' }, default: [] },
        maxAcronymLength: { type: 'integer', minimum: 1, default: 4 },
        classifier: { type: 'boolean', default: true },
      },
    },
    messages: {
      ...phraseMessages(check),
      capitals: '`{{text}}` in capitals reads as shouting; write it in normal case',
      'repeated-marks': '`{{text}}` reads as shouting; use one mark',
      classified: 'This sentence reads as {{category}} to the sentence classifier ({{percent}}% sure); say it firmly but politely',
    },
    hasSuggestions: true,
  },
  check(document, given) {
    // Wording a tone rewrite would fix is the writer's to rewrite; what can be offered is
    // taking the sentence out, reviewed by a person (a suggestion, never a --fix).
    const context: RuleContext<Options> = { ...given, report: (finding) => given.report(withSentenceRemoval(finding)) };
    // A sentence a frame or the shouting check names, as a threat or as a reassurance a
    // negation undid ("we will never contact your family"), is not left to the classifier.
    const found: { region: TextRegion; start: number; end: number }[] = [];
    const noting: RuleContext<Options> = {
      ...context,
      report(finding) {
        if (finding.region) found.push({ region: finding.region, start: finding.start ?? 0, end: finding.end ?? 0 });
        context.report(finding);
      },
    };
    const reassurances: PhraseMatch[] = [];
    // A phrase the stage allows, or notice of the next step, is said on purpose: the
    // classifier does not judge its sentence again.
    const notices: PhraseCheck = {
      ...check,
      skip: (match, doc) => {
        const allowed = check.skip?.(match, doc) === true || isDatedNotice(match, context);
        if (allowed) found.push(match);
        return allowed;
      },
    };
    runPhraseCheck(notices, document, noting, reassurances);
    found.push(...reassurances);
    reportShouting(document, noting);
    if (context.options.classifier) reportClassified(document, context, found);
  },
});

/**
 * The next step named as notice, not as pressure: a referral to lawyers or collectors, legal
 * steps or a credit report, stated with the date it happens and an offer to agree first
 * ("we will refer the account to our solicitors on 1 August; to agree a plan before then,
 * please call Sarah"). Collection rules ask for exactly that notice (FCA CONC 7.3, 12 CFR
 * 1006.18(c)(5): a step that is really intended may be stated); enforcement, police and a
 * notice posing as a court never pass so.
 */
const NOTICE_FRAMES = new Set(['legal-referral', 'legal-action', 'passive-legal', 'credit-damage']);
const NUMERIC_DATE = /\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b/u;

function isDatedNotice(match: PhraseMatch, { lexicon }: RuleContext<Options>): boolean {
  if (!NOTICE_FRAMES.has(match.entry.frame ?? '')) return false;
  const sentence = sentenceWords(match.region).find((words) => (words[0]?.start ?? Infinity) <= match.start && match.start < (words.at(-1)?.end ?? -Infinity));
  if (!sentence) return false;
  const text = match.region.text.slice(sentence[0]?.start ?? 0, sentence.at(-1)?.end ?? 0);
  const found = (name: string, categories: readonly string[]): boolean => {
    const words = lexicon(name);
    return words.match(words.toWords(sentence)).some((m) => categories.includes(m.entry.category));
  };
  const dated = NUMERIC_DATE.test(text) || found('dates', ['month', 'weekday']);
  return dated && found('payment-options', ['help', 'alternative']);
}

// Per lexicon, not per message: the lexicon of its one-word entries.
const oneWordLexicons = new WeakMap<Lexicon, Lexicon>();

function oneWordLexicon(lexicon: Lexicon): Lexicon {
  let oneWord = oneWordLexicons.get(lexicon);
  if (!oneWord) {
    oneWord = lexicon.subset((e) => !/\s/.test(e.pattern.trim()));
    oneWordLexicons.set(lexicon, oneWord);
  }
  return oneWord;
}

/** Capitals and repeated `!` or `?` read as shouting; URGENT (where allowed) and acronyms do not. */
function reportShouting(document: LintDocument, { options, report, lexicon }: RuleContext<Options>): void {
  const urgency = lexicon('urgency');
  // URGENT and its kin are judged by urgent-when-late, not as shouting. Only one-word
  // entries count: the words of a phrase (NOW of `act now`, ONCE of `at once`) are
  // still shouting on their own.
  const urgencyWords = urgency.entries
    .filter((e) => !/\s/.test(e.pattern.trim()))
    .flatMap((e) => e.pattern.split(/[|()[\]]+/))
    .map((w) => w.replace(/[=*]/g, ''));
  const capitals = lexicon('capitals').entries;
  const acronyms = capitals.filter((e) => e.category === 'acronym').map((e) => e.pattern);
  const allowed = new Set([...options.allowCapitals, ...urgencyWords, ...acronyms].filter(Boolean).map((w) => w.toUpperCase()));
  // An urgency word is allowed in capitals in any of its forms (СРОЧНО for `срочн*`).
  const oneWordUrgency = oneWordLexicon(urgency);
  const isAllowed = (word: string): boolean =>
    allowed.has(word.toUpperCase()) || oneWordUrgency.match(oneWordUrgency.toWords([{ text: word, start: 0, end: word.length }])).length > 0;
  // Short words in capitals pass as acronyms (INV, USD), unless they are words like NOT or NOW.
  const emphatic = new Set(capitals.filter((e) => e.category === 'emphasis').map((e) => e.pattern.toUpperCase()));
  for (const region of regionsOf(document)) {
    for (const sentence of sentenceWords(region)) {
      let run: { start: number; end: number; words: string[] } | undefined;
      const flush = (): void => {
        if (run && !isLabel(region.text, run) && isShouting(run.words, isAllowed, emphatic, options.maxAcronymLength)) {
          const text = region.text.slice(run.start, run.end);
          report({
            region,
            start: run.start,
            end: run.end,
            actual: text,
            expected: [run.start === sentenceStart(sentence) ? sentenceCase(text) : text.toLowerCase()],
            messageId: 'capitals',
            data: { text },
          });
        }
        run = undefined;
      };
      for (const word of sentence) {
        const letters = word.text.replace(/[^\p{L}]/gu, '');
        const capitals = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && !/\d/.test(word.text);
        // A colon ends a run: a label (`AMOUNT:`) is not one with its value, nor with the line before it.
        const between = run ? region.text.slice(run.end, word.start) : '';
        if (between.includes(':') || (between.includes('\n') && startsLabel(region.text, word.start))) flush();
        if (capitals && !inPlaceholder(region, word.start, word.end)) {
          run = run ? { ...run, end: word.end, words: [...run.words, letters] } : { start: word.start, end: word.end, words: [letters] };
        } else {
          flush();
        }
      }
      flush();
    }
    reportRepeatedMarks(region, report);
  }
}

/**
 * A field label in capitals at the start of a line, before its value (`IMPORTE: 240,00 €`,
 * `АДРЕС БАНКА: г. Москва`), as statements and bank details print them, is typography.
 * Before a sentence (`AVISO IMPORTANTE: su servicio presenta un adeudo`) it is shouting.
 */
function isLabel(text: string, run: { start: number; end: number }): boolean {
  const after = /^[ \t]*:([^\n]*)/.exec(text.slice(run.end));
  return /(?:^|\n)[ \t]*$/.test(text.slice(0, run.start)) && after !== null && !/\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}/u.test(after[1] ?? '');
}

/** Whether a line starts here with a label in capitals (`ACCOUNT HOLDER:`). */
function startsLabel(text: string, start: number): boolean {
  return /^[\p{Lu}\p{M}][\p{Lu}\p{M} \t]*:/u.test(text.slice(start));
}

/**
 * A reference or bank code written in letters (KXJNWQZPT, BSCHESMMXXX) is no word to
 * shout: Latin letters with no vowel, or four consonants in a row, do not make a syllable.
 */
function isCode(word: string): boolean {
  if (word.length < 5 || !/^[A-Z]+$/.test(word)) return false;
  return !/[AEIOUY]/.test(word) || /[^AEIOUY]{4}/.test(word);
}

function isShouting(words: string[], allowed: (word: string) => boolean, emphatic: Set<string>, maxAcronym: number): boolean {
  const loud = words.filter((w) => !allowed(w) && !isCode(w));
  if (loud.length === 0) return false;
  // A long word in capitals, an emphatic word (NOT, PAY NOW), or three in a row is shouting;
  // two acronyms side by side (LLC, PO) are not.
  return loud.some((w) => w.length > maxAcronym || emphatic.has(w.toUpperCase())) || loud.length >= 3;
}

function reportRepeatedMarks(region: TextRegion, report: RuleContext<Options>['report']): void {
  for (const match of region.text.matchAll(/[!?¡¿]{2,}/g)) {
    const text = match[0];
    report({
      region,
      start: match.index,
      end: match.index + text.length,
      actual: text,
      // Spanish opening marks stay opening marks: ¡¡ becomes ¡, ¿¿ becomes ¿.
      expected: [text.startsWith('¡') || text.startsWith('¿') ? (text[0] ?? '') : text.includes('?') ? '?' : '.'],
      messageId: 'repeated-marks',
      data: { text },
    });
  }
}

const SHOUTING = new Set(['capitals', 'repeated-marks']);

/**
 * Aggressive wording gets one more suggestion: remove the sentence it is in, with the space
 * after it. A lexicon's calm alternative is a whole sentence (`Please let us know…`): put in
 * the middle of one ("If you do not pay, Please let us know…") it would not read, so there it
 * replaces the sentence.
 */
function withSentenceRemoval(finding: Finding): Finding {
  const { region, start } = finding;
  // Shouting is fixed by writing it calmly, not by taking the sentence out.
  if (!region || start === undefined || SHOUTING.has(finding.messageId)) return finding;
  const sentence = sentenceWords(region).find((words) => (words[0]?.start ?? Infinity) <= start && start < (words.at(-1)?.end ?? -1));
  const first = sentence?.[0];
  const last = sentence?.at(-1);
  if (!first || !last) return finding;
  const closing = /^[.!?…]*["'»”)]*/u.exec(region.text.slice(last.end))?.[0] ?? '';
  const space = /^[ \t]*/u.exec(region.text.slice(last.end + closing.length))?.[0] ?? '';
  const removal = { start: first.start, end: last.end + closing.length + space.length, text: '', description: 'Remove the sentence' };
  const calm = finding.expected?.[0];
  const partOfSentence = start > first.start || (finding.end ?? 0) < last.end;
  if (!calm || !/^\p{Lu}/u.test(calm) || !partOfSentence) return { ...finding, rewrites: [...(finding.rewrites ?? []), removal] };
  const sentenceText = /[.!?]$/u.test(calm) ? calm : `${calm}${closing || '.'}`;
  return {
    ...finding,
    // The CLI still shows the alternative; an editor offers it as the sentence's rewrite.
    expectedInPlace: false,
    rewrites: [...(finding.rewrites ?? []), { start: first.start, end: last.end + closing.length, text: sentenceText, description: `Rewrite the sentence: "${sentenceText}"` }, removal],
  };
}

function sentenceStart(sentence: { start: number }[]): number {
  return sentence[0]?.start ?? 0;
}

function sentenceCase(text: string): string {
  return text.charAt(0) + text.slice(1).toLowerCase();
}

/** The marks that close a sentence, read from where its last word ends (sticky: no copy of the text). */
const CLOSING_MARKS = /[!?.…]*/uy;

/** Sentences of at least this many words are judged by the classifier: a shorter one says too little. */
const CLASSIFIED_WORDS = 4;

/** Sentences no frame named that the classifier takes for aggressive, as warnings with its category. */
function reportClassified(document: LintDocument, { report, model, lexicon }: RuleContext<Options>, found: { region: TextRegion; start: number; end: number }[]): void {
  const classifier = model('aggressive');
  if (!classifier?.reads(document.locale)) return;
  // The classifier reads stems as the locale's lexicons do (its training read them so).
  const stem = lexicon('aggressive').stem;
  for (const region of regionsOf(document)) {
    for (const sentence of sentenceWords(region)) {
      const first = sentence[0];
      const last = sentence.at(-1);
      if (!first || !last || sentence.length < CLASSIFIED_WORDS) continue;
      // The sentence's closing marks are part of it: `unpaid??` is named by the shouting check.
      CLOSING_MARKS.lastIndex = last.end;
      const end = last.end + (CLOSING_MARKS.exec(region.text)?.[0].length ?? 0);
      if (found.some((f) => f.region === region && f.start < end && f.end > first.start)) continue;
      const text = region.text.slice(first.start, last.end);
      const judged = classifier.judge(withoutMasks(region, first.start, last.end), document.locale, stem);
      const probability = judged.probability;
      if (probability < classifier.threshold) continue;
      const category = judged.category;
      report({
        region,
        start: first.start,
        end: last.end,
        actual: text,
        severity: 'warn',
        messageId: 'classified',
        data: { category, percent: Math.round(probability * 100) },
      });
    }
  }
}

/**
 * A sentence as the classifier reads it: a template's masked placeholder becomes `0`, as
 * numbers and names do in its training sentences, so a mask's letters weigh nothing.
 */
function withoutMasks(region: TextRegion, start: number, end: number): string {
  let text = '';
  let at = start;
  for (const placeholder of [...region.placeholders].sort((a, b) => a.start - b.start)) {
    if (placeholder.printed || placeholder.end <= at || placeholder.start >= end) continue;
    text += `${region.text.slice(at, Math.max(at, placeholder.start))}0`;
    at = Math.min(end, placeholder.end);
  }
  return text + region.text.slice(at, end);
}
