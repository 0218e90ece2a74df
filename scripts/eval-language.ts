/**
 * Which language detector locale-match uses, and from how many letters and what
 * confidence it warns: measured on test/eval/language/lines.json, short lines of
 * reminder copy in en, es, ro, ru and th, each labelled with its language and the
 * locale of the template it is written under.
 *
 * Every candidate reads the same text, the copy without names, addresses, amounts and
 * placeholders (src/lint/language/judged-text.ts), told apart among the five languages.
 * Its setting (fewest letters, least confidence that the line is not in the template's
 * language) is chosen on the development half (lines at even positions) by the rule in
 * test/eval/language/evaluate.ts; both halves are printed with that setting. The
 * candidate kept is the best precision on the development half; the test half is
 * reported, not used to choose.
 *
 * Only eld is a dependency: install the other candidates to compare them
 * (`npm install --no-save franc@6 franc-min@6 franc-all@7 tinyld@1 cld3-asm@4`); a
 * candidate that is not installed is listed as such.
 *
 *   npx tsx scripts/eval-language.ts [--verbose]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { judgedText } from '../src/lint/language/judged-text.js';
import { templateDocument } from '../src/lint/document/template.js';
import { detectLanguage, MIN_CONFIDENCE, MIN_LETTERS } from '../src/lint/language/detect.js';
import { USEFUL_RECALL, choose, figures, half, lines, placeholdersOf, type Figures, type Line, type Reading, type Setting } from '../test/eval/language/evaluate.js';

const verbose = process.argv.includes('--verbose');

/** The shipped profiles' languages: their tags and franc's codes. */
const profiles = readdirSync('rules/locales').map((file) => JSON.parse(readFileSync(`rules/locales/${file}`, 'utf8')) as { locale: string; franc?: string });
const TAGS = profiles.map((p) => p.locale);
const FRANC = new Map(profiles.flatMap((p) => (p.franc ? [[p.franc, p.locale] as const] : [])));

/** Reads the judged text of a line under a template of the given locale. */
type Detector = (text: string, template: string) => { language: string | undefined; confidence: number };

/** Confidence that the text is not in the template's language, from per-language scores (higher is likelier). */
function margin(scores: readonly (readonly [string, number])[], template: string): { language: string | undefined; confidence: number } {
  const [top] = scores;
  if (!top || !(top[1] > 0)) return { language: undefined, confidence: 0 };
  if (top[0] === template) return { language: top[0], confidence: 0 };
  const declared = scores.find(([tag]) => tag === template)?.[1] ?? 0;
  return { language: top[0], confidence: 1 - Math.max(0, declared) / top[1] };
}

// Loaded by name so the comparison runs with whichever candidates are installed.
const load = async (name: string): Promise<any> => import(name as string);

// In order of the size of what they load (franc's trigrams, eld's four databases, tinyld, cld3's model).
const candidates: { name: string; make: () => Promise<Detector> }[] = [
  ...(['franc-min', 'franc', 'franc-all'] as const).map((pkg) => ({
    name: pkg,
    make: async (): Promise<Detector> => {
      const { francAll } = (await load(pkg)) as { francAll: (text: string, options: object) => [string, number][] };
      const only = [...FRANC.keys()];
      return (text, template) =>
        margin(
          francAll(text, { only, minLength: 1 }).flatMap(([code, score]) => (FRANC.has(code) ? [[FRANC.get(code) ?? code, score] as const] : [])),
          template,
        );
    },
  })),
  // eld reads among all its languages; the scores are cut to the five. Its own reading (the
  // best of all its languages) and reliability flag can also be asked to agree.
  ...(['extrasmall', 'small', 'medium', 'large'] as const).flatMap((size) =>
    (['', 'reliable', 'known'] as const).map((variant) => ({
      name: `eld (${size})${variant === 'reliable' ? ', reliable' : variant === 'known' ? ', own reading known' : ''}`,
      make: async (): Promise<Detector> => {
        const { eld } = (await load(`eld/${size}`)) as { eld: any };
        return (text, template) => {
          const result = eld.detect(text);
          if (variant === 'reliable' && !result.isReliable()) return { language: undefined, confidence: 0 };
          if (variant === 'known' && !TAGS.includes(result.language)) return { language: undefined, confidence: 0 };
          const scores = Object.entries(result.getScores() as Record<string, number>).filter(([tag]) => TAGS.includes(tag));
          return margin(scores.sort((a, b) => b[1] - a[1]), template);
        };
      },
    })),
  ),
  {
    name: 'tinyld',
    make: async (): Promise<Detector> => {
      const { detectAll } = (await load('tinyld')) as { detectAll: (text: string, options: object) => { lang: string; accuracy: number }[] };
      return (text, template) => margin(detectAll(text, { only: TAGS }).map((r) => [r.lang, r.accuracy] as const), template);
    },
  },
  ...([false, true] as const).map((reliable) => ({
    name: `cld3-asm${reliable ? ', reliable only' : ''}`,
    make: async (): Promise<Detector> => {
      const { loadModule } = (await load('cld3-asm')) as { loadModule: () => Promise<any> };
      const identifier = (await loadModule()).create(0, 1000);
      // cld3 cannot be told which languages to choose from: a language outside them is no reading.
      return (text, template) => {
        const r = identifier.findLanguage(text) as { language: string; probability: number; is_reliable: boolean };
        if (!TAGS.includes(r.language) || (reliable && !r.is_reliable)) return { language: undefined, confidence: 0 };
        return { language: r.language, confidence: r.language === template ? 0 : r.probability };
      };
    },
  })),
];

const all = lines();
const dev = half(all, 'dev');
const test = half(all, 'test');

/**
 * The copy of the shipped templates (templates/<locale>/), every stretch a rule reads:
 * all in their template's language, so any warning there is a wrong one.
 */
const shippedCopy: Line[] = TAGS.flatMap((locale) =>
  readdirSync(`templates/${locale}`)
    .filter((name) => name.endsWith('.mjml.njk'))
    .flatMap((name) => {
      const file = `templates/${locale}/${name}`;
      const document = templateDocument(file, readFileSync(file, 'utf8'), undefined);
      return [document.subject, document.preheader, ...document.body].flatMap((region) =>
        region ? [{ id: 0, text: region.text, placeholders: region.placeholders, language: locale, template: document.locale, kind: region.kind }] : [],
      );
    }),
);

function read(set: readonly (Line & { placeholders?: { start: number; end: number }[] })[], detect: Detector): Reading[] {
  return set.map((line) => {
    const judged = judgedText(line.text, line.placeholders ?? placeholdersOf(line.text));
    if (judged.letters === 0 || !/\p{L}/u.test(judged.text)) return { letters: 0, language: undefined, confidence: 0 };
    return { letters: judged.letters, ...detect(judged.text, line.template) };
  });
}

const pct = (n: number): string => n.toFixed(3);
const row = (name: string, setting: string, d: Figures, t: Figures, shipped?: Figures): string =>
  `${name.padEnd(37)} ${setting.padEnd(11)} ${pct(d.precision)}  ${pct(d.recall)}  ${String(d.warnings).padStart(4)}   ${pct(t.precision)}  ${pct(t.recall)}  ${String(t.warnings).padStart(4)}   ${shipped ? String(shipped.warnings).padStart(4) : '   -'}`;

console.log(`${all.length} lines: dev ${dev.length} (${dev.filter((l) => l.language !== l.template).length} not in their template's language), test ${test.length} (${test.filter((l) => l.language !== l.template).length})`);
console.log(`setting chosen on dev: best precision with recall ≥ ${USEFUL_RECALL}, then best recall, fewest letters, middle of the tied confidences`);
console.log('');
console.log(`shipped templates: ${shippedCopy.length} stretches of copy, all in their template's language`);
console.log('');
console.log(`${'detector'.padEnd(37)} ${'letters,'.padEnd(11)} dev: P      R      warn   test: P    R      warn   shipped`);
console.log(`${''.padEnd(37)} ${'confidence'.padEnd(11)} ${''.padEnd(25)} ${''.padEnd(25)} wrong`);

// Before: franc as locale-match used it (placeholders, numbers and punctuation left out, 20 letters, any reading).
try {
  const { franc } = (await load('franc')) as { franc: (text: string, options: object) => string };
  const only = [...FRANC.keys()];
  const before = (set: readonly (Line & { placeholders?: { start: number; end: number }[] })[]): Reading[] =>
    set.map((line) => {
      let text = line.text;
      for (const p of [...(line.placeholders ?? placeholdersOf(text))].reverse()) text = text.slice(0, p.start) + ' '.repeat(p.end - p.start) + text.slice(p.end);
      text = text.replace(/[\p{N}\p{P}\p{S}]+/gu, ' ');
      const code = franc(text, { only, minLength: 1 });
      return { letters: (text.match(/\p{L}/gu) ?? []).length, language: code === 'und' ? undefined : FRANC.get(code), confidence: 1 };
    });
  const setting = { minLetters: 20, minConfidence: 0 };
  console.log(row('franc, before (whole text)', '20, any', figures(dev, before(dev), setting), figures(test, before(test), setting), figures(shippedCopy, before(shippedCopy), setting)));
} catch {
  console.log(`${'franc, before (whole text)'.padEnd(37)} not installed`);
}

interface Result {
  name: string;
  setting: Setting;
  dev: Figures;
  test: Figures;
  shipped: Figures;
}
const results: Result[] = [];
for (const candidate of candidates) {
  let detect: Detector;
  try {
    detect = await candidate.make();
  } catch {
    console.log(`${candidate.name.padEnd(37)} not installed`);
    continue;
  }
  const devReadings = read(dev, detect);
  const chosen = choose(dev, devReadings);
  if (!chosen) {
    console.log(`${candidate.name.padEnd(37)} no setting reaches recall ${USEFUL_RECALL} on dev`);
    continue;
  }
  const testFigures = figures(test, read(test, detect), chosen.setting);
  const shippedFigures = figures(shippedCopy, read(shippedCopy, detect), chosen.setting);
  results.push({ name: candidate.name, setting: chosen.setting, dev: chosen.figures, test: testFigures, shipped: shippedFigures });
  console.log(row(candidate.name, `${chosen.setting.minLetters}, ${chosen.setting.minConfidence}`, chosen.figures, testFigures, shippedFigures));
}

// Kept: no wrong warning on the shipped templates (they must lint clean), then the best precision
// and recall on dev; ties go to the candidate listed first (smaller database, faster to load).
const kept = results.filter((r) => r.shipped.warnings === 0).sort((a, b) => b.dev.precision - a.dev.precision || b.dev.recall - a.dev.recall)[0];
console.log('');
if (kept) console.log(`best on dev: ${kept.name} from ${kept.setting.minLetters} letters at confidence ${kept.setting.minConfidence}`);

// The rule as shipped: src/lint/language/detect.ts with its constants.
const shipped: Detector = (text, template) => {
  const found = detectLanguage(text, template, TAGS);
  return { language: found?.code, confidence: found?.confidence ?? 0 };
};
const setting = { minLetters: MIN_LETTERS, minConfidence: MIN_CONFIDENCE };
const shippedDev = read(dev, shipped);
const shippedTest = read(test, shipped);
console.log(row('locale-match as shipped', `${MIN_LETTERS}, ${MIN_CONFIDENCE}`, figures(dev, shippedDev, setting), figures(test, shippedTest, setting), figures(shippedCopy, read(shippedCopy, shipped), setting)));

// Why that many letters: the shipped confidence with more letters asked for, on the development half.
console.log(`  dev with more letters: ${[5, 10, 15, 20, 25, 30].map((minLetters) => {
  const f = figures(dev, shippedDev, { minLetters, minConfidence: MIN_CONFIDENCE });
  return `${minLetters}: P ${pct(f.precision)} R ${pct(f.recall)}`;
}).join('; ')}`);

// Where the shipped rule goes wrong, by template: of the lines not in their template's language, how many it finds.
for (const [name, set, readings] of [['dev', dev, shippedDev], ['test', test, shippedTest]] as const) {
  const byTemplate = new Map<string, { positives: number; found: number; falseWarnings: number }>();
  set.forEach((line, i) => {
    const entry = byTemplate.get(line.template) ?? { positives: 0, found: 0, falseWarnings: 0 };
    const reading = readings[i];
    const warned = reading !== undefined && reading.language !== undefined && reading.language !== line.template && reading.letters >= MIN_LETTERS && reading.confidence >= MIN_CONFIDENCE;
    if (line.language !== line.template) {
      entry.positives++;
      if (warned) entry.found++;
    } else if (warned) entry.falseWarnings++;
    byTemplate.set(line.template, entry);
  });
  console.log(`  ${name} by template: ${[...byTemplate].map(([t, e]) => `${t} ${e.found}/${e.positives} found, ${e.falseWarnings} wrong`).join('; ')}`);
  if (verbose && name === 'dev') {
    set.forEach((line, i) => {
      const reading = readings[i];
      if (!reading) return;
      const warned = reading.language !== undefined && reading.language !== line.template && reading.letters >= MIN_LETTERS && reading.confidence >= MIN_CONFIDENCE;
      const positive = line.language !== line.template;
      if (warned !== positive) console.log(`    ${warned ? 'wrong warning' : 'missed'} (${line.language} in ${line.template}, read ${reading.language} ${reading.confidence.toFixed(3)}, ${reading.letters} letters): ${line.text}`);
    });
  }
}
