import { runRuleTests, template, type ExpectedMessage, type InvalidCase } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const SPAM = 'Perhaps our email went to spam?';
const NOT_YET = 'Payment has not reached us yet';
const SLIPPED = 'Perhaps this slipped through the net';
const REMINDER = 'As a reminder';
const EARLIER = 'Perhaps our earlier reminders did not reach you';

const BAD_FAITH = 'presumes the reader acts in bad faith';
const BLAME = 'blames the reader';
const PRESUMPTION = 'presumes what the reader knew or received';

/** The exact place of `text` (its first occurrence) in a one-line message body, which starts at line 3. */
function at(body: string, text: string, kind: string, suggestion: string): ExpectedMessage {
  const index = body.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${body}`);
  return {
    line: 3,
    column: index + 1,
    endLine: 3,
    endColumn: index + 1 + text.length,
    message: `\`${text}\` ${kind}; try \`${suggestion}\``,
    expected: [suggestion],
    severity: 'warning',
  };
}

function flags(name: string, body: string, text: string, kind: string, suggestion: string): InvalidCase {
  return { name, subject: SUBJECT, body, errors: [at(body, text, kind, suggestion)] };
}

runRuleTests('assume-good-faith', {
  valid: [
    { name: 'R4: assume the email went astray', subject: SUBJECT, body: 'Perhaps our earlier email went to spam? Please ignore this note if you have already paid.' },
    { name: 'N2: a receipt check', subject: SUBJECT, body: 'You should have received the invoice on 1 May. Could you confirm that it arrived?' },
    { name: 'facts about the reminders, not about the reader', subject: SUBJECT, body: 'Invoice INV-1042 remains unpaid after our earlier reminders. Despite our reminders, the invoice remains open.' },
    { name: '"thank you, ignore…" is no accusation', subject: SUBJECT, body: 'Thank you, and ignore this note if payment is on its way.' },
    { name: '"make sure your" is not "surely you"', subject: SUBJECT, body: 'Please make sure your team has our new bank details.' },
    { name: 'a conditional "you are aware"', subject: SUBJECT, body: 'If you are aware of any problem with the invoice, just tell us.' },
    { name: '"we will not bother you"', subject: SUBJECT, body: 'We will not bother you again once it is settled.' },
    {
      name: 'the shipped final notice: "after our earlier reminders"',
      template: template(
        { stage: 'final-notice' },
        '<mj-text>\n  <p>Invoice {{ invoice.number }} for {{ invoice.amount | money(invoice.currency) }} was due on {{ invoice.dueDate | date }} and remains unpaid {{ daysOverdue }} days later, after our earlier reminders.</p>\n</mj-text>',
      ),
    },
  ],
  invalid: [
    // Bad faith (N3, R4).
    flags('you chose not to', 'You chose not to pay the invoice.', 'You chose not to', BAD_FAITH, SPAM),
    flags('you have decided not to', 'It seems you have decided not to reply.', 'you have decided not to', BAD_FAITH, SPAM),
    flags('you ignored', 'You ignored our emails.', 'You ignored', BAD_FAITH, SPAM),
    flags('you have been ignoring', 'You have been ignoring our messages.', 'You have been ignoring', BAD_FAITH, SPAM),
    flags('surely you', 'Surely you received our emails?', 'Surely you', BAD_FAITH, SPAM),
    // Blame (H4).
    flags('you failed to', 'You failed to pay on time.', 'You failed to', BLAME, NOT_YET),
    flags('you neglected', 'You neglected this invoice.', 'You neglected', BLAME, NOT_YET),
    flags('you forgot to (mild, still presumes)', 'Maybe you forgot to pay it.', 'you forgot', BLAME, SLIPPED),
    flags('you may have forgotten', 'You may have forgotten about it.', 'You may have forgotten', BLAME, SLIPPED),
    flags('you still haven\'t', 'You still haven\'t paid.', 'You still haven\'t', BLAME, NOT_YET),
    flags('you still haven’t, typographic apostrophe', 'You still haven’t paid.', 'You still haven’t', BLAME, NOT_YET),
    flags('you have yet to', 'You have yet to respond to us.', 'You have yet to', BLAME, NOT_YET),
    flags('your failure', 'Your failure to pay is noted.', 'Your failure', BLAME, NOT_YET),
    flags('did not even bother', 'You did not even bother to reply.', 'You did not even bother', BLAME, 'We have not heard back yet'),
    // Presumption (R4, N3).
    flags('despite repeated reminders, aimed at the reader', 'Despite repeated reminders, you have not paid.', 'Despite repeated reminders, you', PRESUMPTION, EARLIER),
    flags('despite our reminders, after the reader', 'You have not paid despite our many emails.', 'You have not paid despite our many emails', PRESUMPTION, EARLIER),
    flags('despite being reminded', 'The invoice is still open despite being reminded twice.', 'despite being reminded', PRESUMPTION, EARLIER),
    flags('as you know', 'As you know, payment was due on 1 May.', 'As you know', PRESUMPTION, REMINDER),
    flags('as you are aware', 'As you are aware, the invoice is overdue.', 'As you are aware', PRESUMPTION, REMINDER),
    flags('you were aware', 'You were aware of the due date.', 'You were aware', PRESUMPTION, REMINDER),
    {
      name: 'the subject too, and two in one sentence',
      subject: 'You ignored invoice INV-1042',
      body: 'As you know, you still have not paid.',
      errors: [
        { line: 1, column: 10, endLine: 1, endColumn: 21, message: `\`You ignored\` ${BAD_FAITH}; try \`${SPAM}\`` },
        { line: 3, column: 1, endLine: 3, endColumn: 12, message: `\`As you know\` ${PRESUMPTION}; try \`${REMINDER}\`` },
        { line: 3, column: 14, endLine: 3, endColumn: 32, message: `\`you still have not\` ${BLAME}; try \`${NOT_YET}\`` },
      ],
    },
    {
      name: 'template: in the copy, around placeholders',
      template: template({}, '<mj-text>\n  <p>Hello {{ customer.name }}, you still have not paid {{ invoice.number }}.</p>\n</mj-text>'),
      errors: [{ line: 10, column: 33, endLine: 10, endColumn: 51, message: `\`you still have not\` ${BLAME}; try \`${NOT_YET}\`` }],
    },
  ],
});
