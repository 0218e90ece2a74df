import { runRuleTests, template, type ExpectedMessage, type InvalidCase } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
/** template() puts the copy after 8 lines of frontmatter and tags. */
const COPY_LINE = 9;

const inMessage = (text: string): string =>
  `\`${text}\` is mentioned, but this message has no contractual late-fee terms: mention late fees only where the contract provides for them`;
const inTemplate = (text: string, field = 'lateFee'): string =>
  `\`${text}\` is mentioned outside \`{% if ${field} %}\`: mention late fees only when the data carries the contractual terms`;

/** The exact place of `text` (its first occurrence) in a one-line message body, which starts at line 3. */
function at(body: string, text: string): ExpectedMessage {
  const index = body.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${body}`);
  return { line: 3, column: index + 1, endLine: 3, endColumn: index + 1 + text.length, messageId: 'no-contract', message: inMessage(text), severity: 'error' };
}

/** The exact place of `text` (its first occurrence) in the copy of a template() case. */
function inCopy(copy: string, text: string, field?: string): ExpectedMessage {
  const lines = copy.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} is not in ${copy}`);
  const column = (lines[line] ?? '').indexOf(text) + 1;
  return { line: COPY_LINE + line, column, endLine: COPY_LINE + line, endColumn: column + text.length, messageId: 'unguarded', message: inTemplate(text, field) };
}

function flags(name: string, body: string, ...texts: string[]): InvalidCase {
  return { name, subject: SUBJECT, body, errors: texts.map((text) => at(body, text)) };
}

function flagsCopy(name: string, copy: string, ...texts: string[]): InvalidCase {
  return { name, template: template({}, copy), errors: texts.map((text) => inCopy(copy, text)) };
}

runRuleTests('late-fee-terms', {
  valid: [
    { name: 'no fee named', subject: SUBJECT, body: 'Payment of 1,250 USD was due on 27 November. Could you let us know when to expect it?' },
    { name: 'interest of the other kind', subject: SUBJECT, body: 'Thank you for your interest in our services. In the interest of time, the invoice is attached.' },
    { name: 'an early-payment discount is no penalty (T6)', subject: SUBJECT, body: 'We offer a 2% discount for payment within 10 days.' },
    {
      name: 'R8: the caller says the contract provides for it',
      subject: SUBJECT,
      body: 'As set out in clause 7 of our agreement, a late fee of 2% per month applies to overdue balances.',
      options: { contractualTerms: true },
    },
    {
      name: 'template: inside {% if lateFee %}',
      template: template({}, '<mj-text>\n  <p>{% if lateFee %}A late fee applies under our terms: {{ lateFee.terms }}.{% endif %}</p>\n</mj-text>'),
    },
    {
      name: 'template: a whole paragraph guarded, whitespace control and a nested test',
      template: template({}, '<mj-text>\n  {%- if lateFee.terms -%}\n  <p>{% if invoice.url %}See the invoice.{% endif %} Interest will be charged on overdue balances.</p>\n  {%- endif %}\n</mj-text>'),
    },
    {
      name: 'template: the block quotes the terms with {{ lateFee.terms }} (rendering fails without them)',
      template: template({}, '<mj-text>\n  <p>A late payment fee applies, as agreed: {{ lateFee.terms }}.</p>\n</mj-text>'),
    },
    {
      name: 'template: the else-branch of {% if not lateFee %}',
      template: template({}, '<mj-text>\n  {% if not lateFee %}<p>Thank you.</p>{% else %}<p>A late fee applies.</p>{% endif %}\n</mj-text>'),
    },
    {
      name: 'template: both alternatives need the field',
      template: template({}, '<mj-text>\n  {% if lateFee.amount or lateFee.terms %}<p>A penalty applies.</p>{% endif %}\n</mj-text>'),
    },
    {
      name: 'template: a custom data path',
      template: template({}, '<mj-text>\n  {% if contract.lateFee %}<p>Statutory interest applies.</p>{% endif %}\n</mj-text>'),
      options: { field: 'contract.lateFee' },
    },
    {
      name: 'template: contractualTerms is for messages; a template shows its guard',
      template: template({}, '<mj-text>\n  {% if lateFee %}<p>A surcharge applies.</p>{% endif %}\n</mj-text>'),
      options: { contractualTerms: true },
    },
  ],
  invalid: [
    flags('late fee', 'A late fee of 2% per month applies to overdue balances.', 'late fee'),
    flags('late payment charge, inflected', 'Late payment charges will be added next week.', 'Late payment charges'),
    flags('penalties and a surcharge', 'Penalties apply, and a surcharge will be added.', 'Penalties', 'surcharge'),
    flags('interest on overdue amounts', 'We will charge interest on overdue amounts.', 'charge interest'),
    flags('interest will be added', 'Interest will be added from Monday.', 'Interest will be added'),
    flags('collection costs', 'Collection costs will be passed on to you.', 'Collection costs'),
    flags('citing the contract in the sentence is not enough: the caller knows the terms', 'As agreed, a late-payment fee applies.', 'late-payment fee'),
    {
      name: 'the subject, at its place',
      subject: 'Late fee added: invoice INV-1042',
      body: 'Thank you.',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 18, messageId: 'no-contract', message: inMessage('Late fee'), severity: 'error' }],
    },
    flagsCopy('template: no guard', '<mj-text>\n  <p>A late fee of 2% per month applies to overdue balances.</p>\n</mj-text>', 'late fee'),
    {
      name: 'template: exact place of an unguarded mention',
      template: template({}, '<mj-text>\n  <p>Hello {{ customer.name }}, statutory interest applies.</p>\n</mj-text>'),
      errors: [{ line: 10, column: 33, endLine: 10, endColumn: 51, messageId: 'unguarded', message: inTemplate('statutory interest') }],
    },
    flagsCopy(
      'template: the else-branch of {% if lateFee %}',
      '<mj-text>\n  {% if lateFee %}<p>Thank you.</p>{% else %}<p>A late fee applies.</p>{% endif %}\n</mj-text>',
      'late fee',
    ),
    flagsCopy(
      'template: {% if not lateFee %}',
      '<mj-text>\n  {% if not lateFee %}<p>A late fee applies.</p>{% endif %}\n</mj-text>',
      'late fee',
    ),
    flagsCopy(
      'template: one alternative does without the field',
      '<mj-text>\n  {% if lateFee or invoice.url %}<p>A penalty applies.</p>{% endif %}\n</mj-text>',
      'penalty',
    ),
    flagsCopy(
      "template: a loop's {% else %} is not an if's",
      '<mj-text>\n  {% if invoice.url %}{% for m in paymentMethods %}{{ m.label }}{% else %}<p>A late fee applies.</p>{% endfor %}{% endif %}\n</mj-text>',
      'late fee',
    ),
    flagsCopy(
      'template: terms quoted with a fallback may be missing',
      '<mj-text>\n  <p>A late fee applies: {{ lateFee.terms | default("see our terms") }}.</p>\n</mj-text>',
      'late fee',
    ),
    flagsCopy(
      'template: terms quoted in another block do not cover this one',
      '<mj-text>\n  <p>{{ lateFee.terms }}</p>\n  <p>Interest will be charged.</p>\n</mj-text>',
      'Interest will be charged',
    ),
    {
      name: 'template: the preheader too',
      template: template({ preheader: 'A late fee now applies to {{ invoice.number }}.' }, '<mj-text><p>Hello</p></mj-text>'),
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 23, messageId: 'unguarded', message: inTemplate('late fee') }],
    },
  ],
});
