import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const NEITHER =
  'Body says neither please nor thank you; ask with please (`Could you please let us know when to expect payment?`) and thank the client (`Thank you for your business.`)';
const NO_PLEASE = 'Body never says please; ask for payment politely (`Could you please let us know when to expect payment?`)';
const NO_THANKS = 'Body does not thank the client; add a thank-you (`Thank you for your business.`)';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;

runRuleTests('courtesy', {
  valid: [
    { name: 'please and thank you (T7)', subject: SUBJECT, body: 'Could you please confirm that payment is on track?\n\nThank you.' },
    { name: 'kindly and thanks', subject: SUBJECT, body: 'Kindly settle invoice INV-1042. Thanks!' },
    { name: 'we appreciate', subject: SUBJECT, body: 'Please settle invoice INV-1042. We appreciate your business.' },
    { name: 'grateful (N10)', subject: SUBJECT, body: 'Please settle invoice INV-1042; we would be grateful.' },
    { name: 'thank-you in one word', subject: SUBJECT, body: 'Please settle invoice INV-1042. A big thank-you in advance.' },
    { name: 'require: thanks only', subject: SUBJECT, body: 'Invoice INV-1042 is due. Thank you!', options: { require: ['thanks'] } },
    { name: 'no courtesy words for the locale: nothing to judge', locale: 'fi', subject: 'Lasku INV-1042', body: 'Laskunne eräpäivä lähestyy, maksu erääntyy pian' },
    { name: 'template: please and thank you in its copy', template: template({}, `${block('Could you please let us know when to expect payment?')}\n${block('Thank you for your help.')}`) },
  ],
  invalid: [
    {
      name: 'neither: one message at the end of the body',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due.\n',
      errors: [{ line: 3, column: 25, endLine: 3, endColumn: 25, messageId: 'no-courtesy-examples', message: NEITHER, severity: 'warning' }],
    },
    {
      name: 'no please',
      subject: SUBJECT,
      body: 'Pay invoice INV-1042 today.\n\nThank you.',
      errors: [{ line: 5, column: 11, endLine: 5, endColumn: 11, messageId: 'no-please-example', message: NO_PLEASE }],
    },
    {
      name: 'no thank-you',
      subject: SUBJECT,
      body: 'Please pay invoice INV-1042 today.',
      errors: [{ line: 3, column: 35, endLine: 3, endColumn: 35, messageId: 'no-thanks-example', message: NO_THANKS }],
    },
    {
      name: 'thanks in the subject are not in the body',
      subject: 'Thanks for paying invoice INV-1042',
      body: 'Please pay invoice INV-1042 today.',
      errors: ['3:35-3:35 no-thanks-example'],
    },
    {
      name: 'require: please only',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due. Thank you!',
      options: { require: ['please'] },
      errors: ['3:36-3:36 no-please-example'],
    },
    {
      name: 'template: no thank-you, reported after its last copy',
      template: template({}, `${block('Could you please let us know when to expect payment?')}\n<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>`),
      errors: ['10:64-10:64 no-thanks-example'],
    },
  ],
});
