import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const NO_WAY = 'Body gives no way to pay; add a link to pay the invoice, or say how to pay';
const TEMPLATE_NO_WAY = 'Body has no button or link to pay; add one, such as `<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>`';
const NO_OTHER = 'Body offers no other way to pay and no help; add, for example, `If something is holding up payment, let us know and we will help.`';
const TEMPLATE_NO_OTHER = 'Body offers no other way to pay and no help; add, for example, `You can also pay by {{ paymentMethods | join(", ", "label") }}.`';
const PAY = 'Pay online: https://pay.example.com/INV-1042';
const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;
const button = '<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>';

/** Offers of help (the `help` category), in each locale: questions by reply, contact us, call us, a problem. */
const HELP: Record<string, string[]> = {
  en: [
    'If you have any questions, reply to this email.',
    'Contact us if anything is unclear.',
    'Please contact our billing team.',
    'You can call us on 020 7946 0000.',
    'Let us know if there is a problem.',
    'If there is a problem with the invoice, let us know.',
    'Feel free to reach out.',
  ],
  es: [
    'Si tiene alguna pregunta, responda a este correo.',
    'Contáctenos si algo no está claro.',
    'Puede llamarnos al 900 123 456.',
    'Llámenos al 900 123 456.',
    'Díganos si hay algún problema.',
    'Quedamos a su disposición para cualquier consulta.',
  ],
  ro: [
    'Dacă aveți întrebări, răspundeți la acest e-mail.',
    'Vă rugăm să ne contactați.',
    'Nu ezitați să ne contactați.',
    'Ne puteți suna la 021 123 4567.',
    'Anunțați-ne dacă există o problemă.',
  ],
  ru: [
    'Если у вас есть вопросы, ответьте на это письмо.',
    'Свяжитесь с нашей службой поддержки.',
    'Обратитесь в службу поддержки.',
    'Позвоните нам по телефону 8 800 123-45-67.',
    'По всем вопросам пишите на support@example.com.',
    'Сообщите нам, если возникла проблема.',
  ],
  th: ['หากมีข้อสงสัย ตอบกลับอีเมลนี้ได้เลย', 'หากมีคำถาม กรุณาติดต่อเรา', 'ติดต่อได้ที่ 02 123 4567', 'โทร 02 123 4567', 'แจ้งให้เราทราบหากมีปัญหา'],
};

/** Several payment channels named in one sentence, without a link: several ways to pay. */
const CHANNELS: Record<string, string[]> = {
  en: ['You can pay by card, bank transfer or PayPal.', 'Pay by card or in cash.', 'Payments can be made via credit card, Electronic Fund Transfer (EFT), or PayPal.'],
  es: ['Puede pagar con tarjeta, transferencia bancaria o PayPal.', 'Puede pagar con tarjeta o en efectivo.'],
  ro: ['Puteți plăti cu cardul, prin transfer bancar sau PayPal.', 'Puteți plăti cu cardul sau în numerar.'],
  ru: ['Оплатить можно банковской картой, банковским переводом или через PayPal.', 'Оплатить можно картой или переводом.'],
  th: ['ชำระได้ด้วยบัตรเครดิต โอนเงิน หรือ PayPal', 'ชำระผ่านบัตรหรือโอนเงิน'],
};

runRuleTests('call-to-action', {
  valid: [
    ...Object.entries(HELP).flatMap(([locale, offers]) =>
      offers.map((offer) => ({ name: `late: a link and an offer of help, ${locale}: ${offer}`, locale, stage: 'overdue-early', subject: SUBJECT, body: `https://pay.example.com/INV-1042\n\n${offer}` })),
    ),
    ...Object.entries(CHANNELS).flatMap(([locale, sentences]) =>
      sentences.map((sentence) => ({ name: `late: several channels in one sentence, no link, ${locale}: ${sentence}`, locale, stage: 'overdue-early', subject: SUBJECT, body: sentence })),
    ),
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
      name: 'late: a request to tell us when to pay is not an offer of help',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: `${PAY}\n\nLet us know when to expect payment.`,
      errors: ['3:13-3:13 no-alternative-example'],
    },
    {
      name: 'late: cash flow is not a way to pay',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'We know cash flow can be tight. Please pay invoice INV-1042 by card.',
      errors: ['3:69-3:69 no-alternative-example'],
    },
    {
      name: 'late, es: one channel only, no link',
      locale: 'es',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'Puede pagar la factura mediante transferencia bancaria.',
      errors: ['3:56-3:56 no-alternative-example'],
    },
    {
      name: 'late, ro: one channel only, no link',
      locale: 'ro',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'Puteți plăti factura prin transfer bancar.',
      errors: ['3:43-3:43 no-alternative-example'],
    },
    {
      name: 'late, ru: one channel only, no link; a signature of the support team is not an offer of help',
      locale: 'ru',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'Оплатить счёт можно банковским переводом.\n\nС уважением,\nслужба поддержки',
      errors: ['6:17-6:17 no-alternative-example'],
    },
    {
      name: 'late, th: one channel only, no link',
      locale: 'th',
      stage: 'overdue-early',
      subject: SUBJECT,
      body: 'ชำระด้วยการโอนเงิน',
      errors: ['3:19-3:19 no-alternative-example'],
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
