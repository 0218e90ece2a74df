import { runRuleTests, template, type ExpectedMessage, type InvalidCase } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const THREAT_REWRITE = 'If we cannot agree on payment, our terms set out the next step; we would much rather settle this with you';

interface Said {
  messageId: string;
  message: string | RegExp;
}

/** The exact place of `text` (its first occurrence) in a one-line message body, which starts at line 3. */
function at(body: string, text: string, said: Said, extra: Partial<ExpectedMessage> = {}): ExpectedMessage {
  const index = body.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${body}`);
  return { line: 3, column: index + 1, endLine: 3, endColumn: index + 1 + text.length, ...said, ...extra };
}

/** A message whose one finding is `text`, with the message for it. */
function flags(name: string, body: string, text: string, said: Said, context: Partial<InvalidCase> = {}): InvalidCase {
  return { name, subject: SUBJECT, body, ...context, errors: [at(body, text, said)] };
}

/** A lexicon phrase of the category, whose entry suggests a rewrite. */
const phrase = (category: string, message: string | RegExp): Said => ({ messageId: `${category}-suggestion`, message });
const shouting = (text: string): Said => ({ messageId: 'capitals', message: `\`${text}\` in capitals reads as shouting; write it in normal case` });
const marks = (text: string): Said => ({ messageId: 'repeated-marks', message: `\`${text}\` reads as shouting; use one mark` });

runRuleTests('no-aggressive', {
  valid: [
    // Firm but polite (N5, N12.3, C4).
    { name: 'N12.3: "now 12 days overdue and we need an update"', subject: SUBJECT, body: 'This invoice is now 12 days overdue and we need an update. Please let us know when payment will be made.' },
    { name: 'a neutral contractual late fee (R8, T10)', subject: SUBJECT, body: 'As set out in our terms, a late payment fee of 2% per month applies to overdue balances.' },
    { name: 'C4: a clear call to action', subject: SUBJECT, body: 'Could you confirm that the invoice email reached you, and let us know when to expect payment?' },
    { name: 'R4: assume the email went astray', subject: SUBJECT, body: 'Perhaps our earlier email went to spam? Please ignore this note if you have already paid.' },
    // Word boundaries: no substrings.
    { name: '"sued" inside "issued", "sue" inside "pursued", "court" inside "courier"', subject: SUBJECT, body: 'Invoice INV-1042 was issued on 1 November, pursued by our team and sent by courier.' },
    { name: '"legal entity" and "pseudo" are not threats', subject: SUBJECT, body: 'Our legal entity is Acme Ltd; the reference is a pseudo-random code.' },
    // A word whose stem an insult's or accusation's stem shares is not that word.
    { name: 'Spanish: "intereses de mora", "morosidad", "aprovechamos", "cuentas morosas"', locale: 'es', subject: 'Factura F-1001', body: 'Según el contrato se aplican intereses de mora; para evitar la morosidad, aprovechamos para recordarle la factura F-1001. Las cuentas morosas pasan a revisión.' },
    { name: 'Russian: "просим проигнорировать это письмо", "избегайте"', locale: 'ru', subject: 'Счёт 1042', body: 'Если вы уже оплатили счёт 1042, просим проигнорировать это письмо. Чтобы избежать пеней, избегайте задержек с оплатой.' },
    { name: 'English: "a shame we could not connect"', subject: SUBJECT, body: 'It was a shame we could not connect on Friday. Shall we try Tuesday at 10 am instead?' },
    { name: 'Spanish: "mano de obra", "tenemos hueco" (profanity the profile allows), CLABE', locale: 'es', subject: 'Factura F-1001', body: 'Adjuntamos la factura F-1001 con el desglose de mano de obra. Puede pagar por SPEI a la CLABE de la factura; para la revisión tenemos hueco el martes.' },
    // The next step given as notice: its date and an offer to agree first (CONC 7.3, 12 CFR 1006.18(c)(5)).
    { name: 'a dated referral with an offer to agree before then', subject: SUBJECT, body: 'Having heard nothing since our letter of 3 June, we will refer the account to our solicitors on 1 August; to agree a payment arrangement before then, please call Sarah on 0161 496 0732.' },
    // Capitals that are not shouting.
    { name: 'URGENT, INV-1042, USD, VAT, PDF, one "!"', subject: 'URGENT: invoice INV-1042', body: 'Payment of 500 USD plus VAT for INV-1042 is due; the PDF is attached. Thank you!' },
    { name: 'short acronyms side by side, bank details', subject: SUBJECT, body: 'Please pay GBP 500 to IBAN GB00 BARC 1234 by BACS or ACH.' },
    { name: 'a company suffix and a PO number', subject: 'Reminder: Northwind Wholesale LLC, PO 88314', body: 'Thank you.' },
    { name: 'a reference or bank code in letters is no word to shout', subject: SUBJECT, body: 'Your order KXJNWQZPT is confirmed; BIC: CAIXESBBXXX, or BIC BSCHESMMXXX.' },
    { name: 'field labels in capitals before their values', subject: SUBJECT, body: 'AMOUNT: 240.00 EUR\nACCOUNT HOLDER: Northwind Traders Ltd\nBANK ADDRESS: 1 High Street, London' },
    { name: 'one "?" and one "!"', subject: SUBJECT, body: 'Did the invoice arrive? Thanks so much!' },
    { name: 'allowCapitals for a longer acronym', subject: SUBJECT, body: 'You can pay by SWIFT transfer.', options: { allowCapitals: ['SWIFT'] } },
    { name: 'maxAcronymLength 5 takes CHAPS as an acronym', subject: SUBJECT, body: 'You can pay by CHAPS.', options: { maxAcronymLength: 5 } },
    // The legal step is allowed in a stage with the legal-review task (H6).
    { name: 'final-notice (legal-review): collections partner', stage: 'final-notice', subject: SUBJECT, body: 'We will refer the account to a debt collection agency.' },
    {
      name: 'template: final-notice may name legal action calmly',
      template: template({ stage: 'final-notice' }, '<mj-text><p>Otherwise we will take legal action, as our terms provide.</p></mj-text>'),
    },
    // Placeholders are masked as XXXX for the linter; they are never shouting.
    {
      name: 'template: placeholders in the subject, preheader, copy and button are not capitals',
      template: template(
        { subject: '{{ company.name | upper }} invoice {{ invoice.number }}', preheader: '{{ customer.name }}{{ invoice.number }} is due' },
        '<mj-text><p>{{ customer.name | upper }} {{ invoice.number }} {{ company.name }} is due.</p></mj-text>\n<mj-button href="{{ payUrl }}">{{ cta | upper }}</mj-button>',
      ),
    },
  ],
  invalid: [
    // One case per category, with inflections.
    flags('threat', 'If this is not paid by Friday, we will take legal action.', 'take legal action', phrase('threat-legal', `\`take legal action\` threatens legal steps (threat-legal); try \`${THREAT_REWRITE}\``)),
    flags('threat, inflected: taking legal actions', 'We are now taking legal actions.', 'taking legal actions', phrase('threat-legal', /^`taking legal actions` threatens legal steps \(threat-legal\)/)),
    flags('threat after "threatened"', 'We have already threatened legal action once.', 'legal action', phrase('threat-legal', /^`legal action` threatens legal steps \(threat-legal\)/)),
    flags('threat, inflected: suing', 'We are suing your company.', 'suing', phrase('threat-legal', /^`suing` threatens legal steps \(threat-legal\)/)),
    flags('accusation: ignoring', 'You have been ignoring our emails.', 'You have been ignoring', phrase('accusation', /^`You have been ignoring` is accusatory \(accusation\); try `.+`$/)),
    flags('accusation: ignored', 'You ignored our emails.', 'You ignored', phrase('accusation', /^`You ignored` is accusatory \(accusation\)/)),
    flags('shaming', 'This behaviour is unprofessional.', 'unprofessional', phrase('shaming', /^`unprofessional` is shaming \(shaming\)/)),
    flags('insult', 'Only an idiot would miss this.', 'idiot', phrase('insult', /^`idiot` is insulting \(insult\)/)),
    flags('ultimatum', 'This is your final warning.', 'This is your final warning', phrase('ultimatum', /^`This is your final warning` is an ultimatum \(ultimatum\)/)),
    flags('harassment: who keeps calling is named', 'We will keep calling you.', 'We will keep calling', phrase('harassment', /^`We will keep calling` is harassing \(harassment\)/)),
    flags('shaming: exasperation', 'We are sick and tired of waiting.', 'sick and tired', phrase('shaming', /^`sick and tired` is shaming \(shaming\)/)),
    {
      name: 'in the subject too',
      subject: 'Final warning: invoice INV-1042',
      body: 'Thank you.',
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 23, ...phrase('ultimatum', /^`Final warning` is an ultimatum \(ultimatum\)/) }],
    },
    {
      // Shown as the alternative; an editor offers it as the sentence's rewrite (test/lint/fix.test.ts), not in place of `take legal action`.
      name: 'the suggestion is offered as the alternative',
      subject: SUBJECT,
      body: 'We will take legal action.',
      errors: [{ line: 3, column: 9, endColumn: 26, ...phrase('threat-legal', /threatens legal steps/), severity: 'error', expected: [THREAT_REWRITE] }],
    },
    // The legal step outside a legal-review stage.
    flags('overdue-late has no legal-review task', 'We will refer the account to a debt collection agency.', 'We will refer the account to a debt collection', phrase('threat-legal', /^`We will refer the account to a debt collection` threatens legal steps \(threat-legal\)/), { stage: 'overdue-late' }),
    flags('the referral in the passive', 'Your account will be referred to a collection agency.', 'account will be referred to a collection agency', phrase('threat-legal', /threatens legal steps/), { stage: 'overdue-late' }),
    {
      name: 'template: overdue-late may not name legal action',
      template: template({ stage: 'overdue-late' }, '<mj-text><p>Otherwise we will take legal action, as our terms provide.</p></mj-text>'),
      errors: [{ line: 9, column: 31, endLine: 9, endColumn: 48, ...phrase('threat-legal', /^`take legal action` threatens legal steps \(threat-legal\)/) }],
    },
    // Shouting.
    flags('a long word in capitals', 'Please read this CAREFULLY.', 'CAREFULLY', shouting('CAREFULLY')),
    flags('a label before a sentence is shouting', 'IMPORTANT NOTICE: please read the enclosed statement.', 'IMPORTANT NOTICE', shouting('IMPORTANT NOTICE')),
    flags('NOT is emphatic, not an acronym', 'We did NOT receive it.', 'NOT', shouting('NOT')),
    flags('NOW on its own is shouting (only one-word urgency entries pass)', 'We need an update NOW.', 'NOW', shouting('NOW')),
    flags('a word of an urgency phrase in capitals is shouting', 'Please reply AT ONCE.', 'AT ONCE', shouting('AT ONCE')),
    flags('three short words in a row', 'GET IT DONE.', 'GET IT DONE', shouting('GET IT DONE')),
    flags('a longer acronym needs allowCapitals', 'You can pay through PAYFLOW.', 'PAYFLOW', shouting('PAYFLOW')),
    flags('maxAcronymLength 3: NOTE is a word', 'Please see the NOTE below.', 'NOTE', shouting('NOTE'), { options: { maxAcronymLength: 3 } }),
    {
      // A request to pay now is no ultimatum (it names no cut-off or consequence); in capitals it shouts.
      name: 'PAY NOW: shouting',
      subject: SUBJECT,
      body: 'Please PAY NOW.',
      errors: [{ line: 3, column: 8, endColumn: 15, ...shouting('PAY NOW'), expected: ['pay now'] }],
    },
    {
      name: '"!!" and "??"',
      subject: SUBJECT,
      body: 'Why is this still unpaid?? Please reply!!',
      errors: [
        { line: 3, column: 25, endColumn: 27, ...marks('??'), expected: ['?'] },
        { line: 3, column: 40, endColumn: 42, ...marks('!!'), expected: ['.'] },
      ],
    },
    {
      name: 'shouting in the subject',
      subject: 'PLEASE PAY invoice INV-1042!!!',
      body: 'Thank you.',
      errors: [
        { line: 1, column: 10, endLine: 1, endColumn: 20, ...shouting('PLEASE PAY'), expected: ['Please pay'] },
        { line: 1, column: 37, endLine: 1, endColumn: 40, ...marks('!!!') },
      ],
    },
    {
      name: 'template: capitals next to a placeholder are still shouting',
      template: template({}, '<mj-text><p>{{ customer.name }}, PLEASE reply about {{ invoice.number }}.</p></mj-text>'),
      errors: [{ line: 9, column: 34, endLine: 9, endColumn: 40, ...shouting('PLEASE') }],
    },
  ],
});
