/**
 * The recommended rules on the real-copy corpus (test/corpus/real/): how many findings
 * a person judged right, per rule, and the findings nobody has judged yet (`--unjudged`
 * prints them, to judge and record in test/corpus/real/judgements.json).
 */
import { corpusFindings, judgements, WORDING_RULES } from '../test/corpus/corpus.js';

const findings = await corpusFindings();
const verdicts = new Map(judgements().map((j) => [j.finding, j]));
const byRule = new Map<string, { right: number; wrong: number; unjudged: number }>();
const unjudged: string[] = [];
for (const finding of findings) {
  const count = byRule.get(finding.ruleId) ?? { right: 0, wrong: 0, unjudged: 0 };
  const verdict = verdicts.get(finding.key)?.verdict;
  if (verdict) count[verdict]++;
  else {
    count.unjudged++;
    unjudged.push(`${finding.key}\n    ${finding.message}`);
  }
  byRule.set(finding.ruleId, count);
}
console.log('rule                       right  wrong  unjudged');
let right = 0;
let judged = 0;
for (const [rule, c] of [...byRule].sort()) {
  console.log(`${rule.padEnd(25)}  ${String(c.right).padStart(5)}  ${String(c.wrong).padStart(5)}  ${String(c.unjudged).padStart(8)}`);
  if (WORDING_RULES.has(rule)) {
    right += c.right;
    judged += c.right + c.wrong;
  }
}
console.log(`wording rules: ${right} of ${judged} judged findings right (${judged ? (right / judged).toFixed(2) : '-'}; target 0.90)`);
if (process.argv.includes('--unjudged')) for (const line of unjudged) console.log(line);
