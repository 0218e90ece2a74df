import { runRuleTests, template } from '../rule-tester.js';

const body = (text: string) => `<mj-text><p>${text}</p></mj-text>`;

runRuleTests('locale-match', {
  valid: [
    { subject: 'Invoice INV-1042 is due on Friday', body: 'Hello Dana, just a friendly reminder that the invoice is due on Friday. Thank you!' },
    { locale: 'es', subject: 'La factura INV-1042 vence el viernes', body: 'Estimada Ana, le recordamos que la factura vence el viernes. Muchas gracias.' },
    { locale: 'ro', subject: 'Factura INV-1042 este scadentă vineri', body: 'Bună ziua, vă reamintim că factura este scadentă vineri. Vă mulțumim.' },
    { locale: 'ru', subject: 'Счёт INV-1042: срок оплаты в пятницу', body: 'Здравствуйте! Напоминаем, что срок оплаты счёта наступает в пятницу. Спасибо.' },
    { locale: 'th', subject: 'ใบแจ้งหนี้ INV-1042 ครบกำหนดชำระวันศุกร์', body: 'เรียนคุณสมชาย ขอแจ้งให้ทราบว่าใบแจ้งหนี้ครบกำหนดชำระในวันศุกร์นี้ ขอบคุณค่ะ' },
    { name: 'too short to judge', locale: 'ro', subject: 'INV-1042', body: 'Mulțumim!' },
    { name: 'a language without a code is not judged', locale: 'eo', subject: 'Fakturo INV-1042 pagenda vendrede', body: 'Ni memorigas vin pri la fakturo.' },
  ],
  invalid: [
    {
      name: 'a Spanish subject in a Romanian message',
      locale: 'ro',
      subject: 'Recordatorio: su factura vence mañana',
      body: 'Bună ziua, vă reamintim că factura este scadentă mâine. Vă mulțumim pentru colaborare.',
      errors: [{ line: 1, column: 10, messageId: 'foreign-subject', message: 'This subject reads as Spanish, but the template is `ro` (Romanian)' }],
    },
    {
      name: 'an English paragraph in a Spanish template',
      template: template(
        { locale: 'es', subject: 'Factura {{ invoice.number }} pendiente de pago', preheader: 'Le recordamos el pago de {{ invoice.amount }}.' },
        body('Please let us know when we can expect the payment for this invoice.'),
      ),
      errors: [{ line: 9, column: 13, messageId: 'foreign-paragraph', message: 'This paragraph reads as English, but the template is `es` (Spanish)' }],
    },
  ],
});
