import { CATEGORIES, evaluateBlind, type Part } from '../test/eval/blind.js';
for (const locale of process.argv.slice(2)) {
  for (const classifier of [false, true]) {
    const r = evaluateBlind(locale, 'fresh' as Part, classifier);
    const cats = CATEGORIES.map((c) => { const m = r.categories.get(c); return m && m.total ? (m.flagged / m.total).toFixed(2) : '-'; }).join(' ');
    console.log(locale, classifier ? 'classifier' : 'frames    ', r.sentences, r.precision.toFixed(2), r.recall.toFixed(2), cats, 'FP', r.falsePositives.length);
  }
}
