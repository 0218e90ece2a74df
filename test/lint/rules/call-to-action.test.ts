import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const NO_WAY = 'Body gives no way to pay; add a link to pay the invoice, or say how to pay';
const TEMPLATE_NO_WAY = 'Body has no button or link to pay; add one, such as `<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>`';
const NO_OTHER = 'Body offers no other way to pay and no help; add, for example, `If something is holding up payment, let us know and we will help.`';
const TEMPLATE_NO_OTHER = 'Body offers no other way to pay and no help; add, for example, `You can also pay by {{ paymentMethods | join(", ", "label") }}.`';
const PAY = 'Pay online: https://pay.example.com/INV-1042';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;
const button = '<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>';

runRuleTests('call-to-action', {
  valid: [
    { name: 'a link to pay (C4)', subject: SUBJECT, body: `Invoice INV-1042 is due on Friday.\n\n${PAY}` },
    { name: 'late: a link and another method (N4, T3)', stage: 'overdue-early', subject: SUBJECT, body: `${PAY}\n\nYou can also pay by bank transfer.` },
    { name: 'late: a link and an offer of help (R5)', stage: 'overdue-late', subject: SUBJECT, body: `${PAY}\n\nLet us know if something is holding up payment.` },
    { name: 'late: a payment plan', stage: 'final-notice', subject: SUBJECT, body: `${PAY}\n\nPlease pay, or reply to agree a payment plan.` },
    { name: 'late: bank details in words and a second method, no link', stage: 'overdue-early', subject: SUBJECT, body: 'Please pay by bank transfer to IBAN GB00 0000 1042, or by card.' },
    { name: 'days late given, no stage: late too', businessDaysLate: 3, subject: SUBJECT, body: `${PAY}\n\nJust reply to this email if anything is wrong.` },
    { name: 'alternative: never', stage: 'overdue-late', subject: SUBJECT, body: PAY, options: { alternative: 'never' } },
    { name: 'template: a button, not late', template: template({ stage: 'before-due' }, `${block('Invoice {{ invoice.number }} is due soon.')}\n${button}`) },
    {
      name: 'template: late, a button and the payment methods',
      template: template({ stage: 'overdue-late' }, `${block('You can also pay by {{ paymentMethods | join(", ", "label") }}.')}\n${button}`),
    },
    {
      name: 'template: late, a link and an offer of help',
      template: template({ stage: 'overdue-early' }, block('If something is holding it up, just tell us and we will help. <a href="{{ payUrl }}">Pay now</a>')),
    },
  ],
  invalid: [
    {
      name: 'no link to pay: reported at the end of the body',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due on Friday.',
      errors: [{ line: 3, column: 35, endLine: 3, endColumn: 35, messageId: 'no-way-to-pay', message: NO_WAY, severity: 'warning' }],
    },
    {
      name: 'an email address or a phone number is not a way to pay',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due on Friday.\nQuestions? mailto:ar@example.com or tel:+14155550100',
      errors: ['4:53-4:53 no-way-to-pay'],
    },
    {
      name: 'late: a link alone, reported at the link',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: `Invoice INV-1042 is overdue. ${PAY}`,
      errors: [{ line: 3, column: 42, endLine: 3, endColumn: 42, messageId: 'no-alternative-example', message: NO_OTHER }],
    },
    {
      name: 'late: one method in words and nothing else',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Please pay invoice INV-1042 by bank transfer.',
      errors: ['3:46-3:46 no-alternative-example'],
    },
    {
      name: 'late: no way to pay at all',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is overdue.',
      errors: ['3:29-3:29 no-way-to-pay', '3:29-3:29 no-alternative-example'],
    },
    {
      name: 'template: no button, reported at the end of its copy',
      template: template({ stage: 'before-due' }, block('Invoice {{ invoice.number }} is due soon.')),
      errors: [{ line: 9, column: 54, endLine: 9, endColumn: 54, messageId: 'no-pay-button-example', message: TEMPLATE_NO_WAY }],
    },
    {
      name: 'template: a link to an anchor goes nowhere',
      template: template({ stage: 'before-due' }, block('Invoice {{ invoice.number }} is due. <a href="#pay">Pay</a>')),
      errors: ['9:68-9:68 no-pay-button-example'],
    },
    {
      name: 'template: late, a button alone, reported at the button',
      template: template({ stage: 'overdue-late' }, `${block('Invoice {{ invoice.number }} is overdue.')}\n${button}`),
      errors: [{ line: 10, column: 1, endLine: 10, endColumn: 1, messageId: 'no-alternative-example', message: TEMPLATE_NO_OTHER }],
    },
    {
      name: 'alternative: always',
      template: template({ stage: 'before-due' }, `${block('Invoice {{ invoice.number }} is due soon.')}\n${button}`),
      options: { alternative: 'always' },
      errors: ['10:1-10:1 no-alternative-example'],
    },
  ],
});
