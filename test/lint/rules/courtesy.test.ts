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
    // Polite forms without the word please, as each language asks (T7).
    { name: 'en: could you', subject: SUBJECT, body: 'Could you let us know when to expect payment? Thank you.' },
    { name: 'en: would you mind', subject: SUBJECT, body: 'Would you mind settling invoice INV-1042 this week? Thanks!' },
    { name: 'en: we would be grateful if', subject: SUBJECT, body: 'We would be grateful if you could settle invoice INV-1042 this week. Thank you.' },
    { name: "en: we'd be grateful if", subject: SUBJECT, body: "We'd be grateful if you could settle invoice INV-1042. Thanks!" },
    { name: 'en: we value your business is a thank-you', subject: SUBJECT, body: 'Please settle invoice INV-1042. We value your business.' },
    { name: 'es: le agradeceríamos', locale: 'es', subject: SUBJECT, body: 'Le agradeceríamos su pronto pago. Muchas gracias.' },
    { name: 'es: le rogamos', locale: 'es', subject: SUBJECT, body: 'Le rogamos que abone la factura. Gracias.' },
    { name: 'es: sería tan amable', locale: 'es', subject: SUBJECT, body: '¿Sería tan amable de abonar la factura esta semana? Gracias.' },
    { name: 'es: por favor', locale: 'es', subject: SUBJECT, body: 'Abone la factura, por favor. Gracias.' },
    { name: 'ro: vă rugăm', locale: 'ro', subject: SUBJECT, body: 'Vă rugăm să achitați factura. Mulțumim!' },
    { name: 'ro: vă rog', locale: 'ro', subject: SUBJECT, body: 'Vă rog să achitați factura. Mulțumesc!' },
    { name: 'ro: ați putea', locale: 'ro', subject: SUBJECT, body: 'Ați putea achita factura săptămâna aceasta? Vă mulțumim.' },
    { name: 'ro: ne-ați putea', locale: 'ro', subject: SUBJECT, body: 'Ne-ați putea spune când veți plăti? Mulțumim.' },
    { name: 'ru: просим', locale: 'ru', subject: SUBJECT, body: 'Просим оплатить счёт до пятницы. Спасибо!' },
    { name: 'ru: будем признательны', locale: 'ru', subject: SUBJECT, body: 'Будем признательны, если вы оплатите счёт до пятницы. Спасибо!' },
    { name: 'ru: пожалуйста', locale: 'ru', subject: SUBJECT, body: 'Пожалуйста, оплатите счёт. Благодарим вас!' },
    { name: 'ru: не могли бы вы', locale: 'ru', subject: SUBJECT, body: 'Не могли бы вы оплатить счёт на этой неделе? Спасибо!' },
    { name: 'ru: просьба', locale: 'ru', subject: SUBJECT, body: 'Просьба оплатить счёт до пятницы. Спасибо!' },
    { name: 'th: กรุณา', locale: 'th', subject: SUBJECT, body: 'กรุณาชำระเงินภายในวันศุกร์ ขอบคุณค่ะ' },
    { name: 'th: รบกวน', locale: 'th', subject: SUBJECT, body: 'รบกวนชำระเงินภายในสัปดาห์นี้ ขอบคุณครับ' },
    { name: 'th: โปรด', locale: 'th', subject: SUBJECT, body: 'โปรดชำระเงินภายในวันศุกร์ ขอบคุณค่ะ' },
    { name: 'th: ขอความกรุณา', locale: 'th', subject: SUBJECT, body: 'ขอความกรุณาชำระเงินภายในวันศุกร์ ขอบคุณค่ะ' },
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
      name: 'en: "you could" states a possibility, it does not ask',
      subject: SUBJECT,
      body: 'You could pay by card. Thank you.',
      errors: ['3:34-3:34 no-please-example'],
    },
    {
      name: 'en: grateful alone thanks; it does not ask',
      subject: SUBJECT,
      body: 'Invoice INV-1042 is due. We are grateful for your business.',
      errors: ['3:60-3:60 no-please-example'],
    },
    {
      name: 'es: agradecemos thanks; it does not ask',
      locale: 'es',
      subject: SUBJECT,
      body: 'Le agradecemos su confianza.',
      errors: ['3:29-3:29 no-please-example'],
    },
    {
      name: 'ro: ați putut is what happened, not a request',
      locale: 'ro',
      subject: SUBJECT,
      body: 'Nu ați putut plăti factura. Mulțumim.',
      errors: ['3:38-3:38 no-please-example'],
    },
    {
      name: 'ru: «по вашей просьбе» is their request, not ours',
      locale: 'ru',
      subject: SUBJECT,
      body: 'По вашей просьбе высылаем счёт повторно. Спасибо!',
      errors: ['3:50-3:50 no-please-example'],
    },
    {
      name: 'th: no polite marker',
      locale: 'th',
      subject: SUBJECT,
      body: 'ชำระเงินภายในวันศุกร์ ขอบคุณค่ะ',
      errors: ['3:32-3:32 no-please-example'],
    },
    {
      name: 'template: no thank-you, reported after its last copy',
      template: template({}, `${block('Could you please let us know when to expect payment?')}\n<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>`),
      errors: ['10:64-10:64 no-thanks-example'],
    },
  ],
});
