/**
 * Precision and recall of the wording rules on the blind sets (test/eval/blind/), per
 * locale and per category, for the development part and the test part. The test part
 * is measured, never read to write entries: `--verbose` prints misses of `dev` only.
 */
import { CATEGORIES, blindLocales, evaluateBlind, readBlindFile, type Part } from '../test/eval/blind.js';

const verbose = process.argv.includes('--verbose');
// Writing entries? Measure on the development part only: `--part dev`.
const partArg = process.argv.indexOf('--part');
const parts: Part[] = partArg >= 0 ? [process.argv[partArg + 1] as Part] : ['dev', 'test'];
// `--locale xx`: only that locale's lines.
const localeArg = process.argv.indexOf('--locale');
const only = localeArg >= 0 ? process.argv[localeArg + 1] : undefined;
// As shipped: the frames and no-aggressive's sentence classifier; `--frames`: the frames alone.
const classifier = !process.argv.includes('--frames');
// `--file a.json --file b.json`: a new writer's first read, before the file joins a part.
const fresh = process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--file' ? [readBlindFile(arg)] : []));
const pct = (n: number): string => n.toFixed(2).padStart(5);
console.log(`part  locale  sentences  precision  recall  ${CATEGORIES.map((c) => c.slice(0, 8).padStart(8)).join(' ')}`);
const rows: { part: Part | 'new'; locale: string; run: () => ReturnType<typeof evaluateBlind> }[] = fresh.length
  ? fresh.map((file) => ({ part: 'new', locale: file.locale, run: () => evaluateBlind(file.locale, [file], classifier) }))
  : parts.flatMap((part) => blindLocales(part).map((locale) => ({ part, locale, run: () => evaluateBlind(locale, part, classifier) })));
for (const { part, locale, run } of rows.filter((row) => !only || row.locale === only)) {
  const r = run();
  const cats = CATEGORIES.map((c) => {
    const m = r.categories.get(c);
    return (m && m.total ? pct(m.flagged / m.total) : '    -').padStart(8);
  }).join(' ');
  console.log(`${part.padEnd(4)}  ${locale.padEnd(6)}  ${String(r.sentences).padStart(9)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}  ${cats}`);
  // Misses of a new writer are not printed: its first figures are its unseen ones.
  if (verbose && part === 'dev') {
    for (const s of r.falsePositives) console.log(`    false positive: ${s.text}`);
    for (const s of r.falseNegatives) console.log(`    false negative (${s.category}): ${s.text}`);
  }
}
console.log('targets on the test part: precision ≥ 0.95, recall ≥ 0.90, every category ≥ 0.80');
