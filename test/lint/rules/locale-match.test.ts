import { describe, expect, it } from 'vitest';
import { judgedText } from '../../../src/lint/language/judged-text.js';
import { placeholdersOf } from '../../eval/language/evaluate.js';
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
    // Names, addresses, amounts and placeholders carry no language: they are left out before judging.
    { name: 'names: a sign-off with a name, a title-case subject', locale: 'ro', subject: 'Factura de la Casa Verde Studio', body: 'Bună ziua, vă reamintim că factura este scadentă vineri.\n\nCu stimă,\n\nMihai Ionescu\n\nCasa Verde Studio SRL' },
    { name: 'names: a title-case English subject of names', subject: 'Membership Payment Failed at Sunrise Yoga Studio', body: 'Hello Dana, your last payment did not go through. Thank you!' },
    { name: 'names: words in quotes', locale: 'es', subject: 'Factura F-1042 pendiente de pago', body: 'Haga clic en «Pay now» para completar el pago desde su cuenta.' },
    { name: 'URLs and e-mail addresses: a Russian paragraph with a link', locale: 'ru', subject: 'Напоминание о счёте', body: 'Если вам нужна помощь, пожалуйста, свяжитесь с нами по адресу support@romashka-shop.example [mailto:support@romashka-shop.example].\n\nВаши счета на оплату: http://my.hostline.example/Invoices' },
    { name: 'URLs: a paragraph that is only a link', locale: 'ro', subject: 'Factura 2024-0042 așteaptă plata', body: 'https://www.magazincarpati.example/\n\nVă mulțumim pentru comandă.' },
    { name: 'amounts and numbers: an invoice number, a total, an IBAN', locale: 'ro', subject: 'Factura 2024-0042', body: 'Total: 1.250,00 lei\n\nIBAN RO49 AAAA 1B31 0075 9384 0000\n\nMetoda de plata: transfer bancar' },
    { name: 'short lines: a greeting with a placeholder', template: template({ subject: 'Invoice {{ invoice.number }} is past due' }, body('Hello {{ customer.firstName or customer.name }},')) },
    { name: 'short lines: a bare greeting and thanks', locale: 'es', subject: 'Factura F-1042', body: 'Hola Ana:\n\n¡Gracias!' },
    { name: 'a language only eld knows is not named: no profile or candidate for French', subject: 'Invoice INV-1042 is due on Friday', body: 'Nous vous rappelons que la facture est payable vendredi. Merci beaucoup.' },
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
    {
      name: 'an English footer in a Spanish template',
      template: template(
        { locale: 'es', subject: 'Factura {{ invoice.number }} pendiente de pago', preheader: 'Le recordamos el pago de {{ invoice.amount }}.' },
        `${body('Buenos días, {{ customer.name }}: le recordamos que la factura {{ invoice.number }} vence el viernes.')}\n<mj-text><p>You are receiving this email because you have an account with {{ company.name }}. Unsubscribe</p></mj-text>`,
      ),
      errors: [{ line: 10, column: 13, messageId: 'foreign-paragraph', message: 'This paragraph reads as English, but the template is `es` (Spanish)' }],
    },
    {
      name: 'a short English button label in a Romanian template',
      template: template({ locale: 'ro', subject: 'Factura {{ invoice.number }} este restantă', preheader: 'Plata de {{ invoice.amount }} este restantă.' }, '<mj-button href="{{ payUrl }}">Pay invoice {{ invoice.number }}</mj-button>'),
      errors: ['9:32-9:64 foreign-paragraph'],
    },
    {
      name: 'a Russian paragraph with a link in an English message',
      subject: 'Invoice INV-1042 is due on Friday',
      body: 'Hello Dana, just a reminder that the invoice is due on Friday.\n\nОплатить счёт онлайн можно по ссылке https://pay.romashka-shop.example/inv/1042.',
      errors: [{ line: 5, column: 1, messageId: 'foreign-paragraph', message: 'This paragraph reads as Russian, but the template is `en` (English)' }],
    },
    {
      name: 'a language a config names as a candidate is told apart',
      subject: 'Invoice INV-1042 is due on Friday',
      body: 'Nous vous rappelons que la facture est payable vendredi. Merci beaucoup.',
      options: { candidates: ['fr'] },
      errors: [{ line: 3, column: 1, messageId: 'foreign-paragraph', message: 'This paragraph reads as French, but the template is `en` (English)' }],
    },
    {
      name: 'minLetters: a shorter stretch is not judged',
      locale: 'ro',
      subject: 'Pay invoice now',
      body: 'Vă rugăm să nu răspundeți la acest mesaj.\n\nPlease do not reply to this automated message.',
      options: { minLetters: 15 },
      errors: [{ line: 5, column: 1, messageId: 'foreign-paragraph', message: 'This paragraph reads as English, but the template is `ro` (Romanian)' }],
    },
  ],
});

describe('the text locale-match judges', () => {
  it.each([
    ['Factura 2024-0042', 'Factura'],
    ['Rechnung Nr. 2026117: Zahlung noch offen', 'Rechnung Zahlung noch offen'],
    ['Hello Ana, just a quick note from Acme Billing.', 'just a quick note from'],
    ['Cu stimă, Mihai Ionescu, Casa Verde Studio SRL', 'Cu stimă'],
    ['Good morning Mr. Ionescu,', 'Good morning'],
    ['Haga clic en «Pay now» para pagar.', 'Haga clic en para pagar'],
    ['Пишите на billing@romashka.example или https://romashka.example/help.', 'Пишите на или'],
    ['Pay {{ invoice.amount }} at pay.acme.example by 12/05, IBAN RO49 AAAA 1B31', 'Pay at by'],
    ['เรียนคุณ Ionescu ที่นับถือ', 'เรียนคุณ ที่นับถือ'],
  ])('%s → %s', (text, judged) => {
    expect(judgedText(text, placeholdersOf(text)).text).toBe(judged);
  });
});
