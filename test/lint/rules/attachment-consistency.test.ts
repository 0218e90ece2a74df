import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../../../src/lint/linter.js';
import { recommendedConfig } from '../../../src/lint/config/load.js';
import { toEml } from '../../../src/email/eml.js';
import type { CompiledEmail, RenderCheck } from '../../../src/lint/types.js';
import { ROOT, loadFixture } from '../../helpers.js';
import { runRuleTests, template, TEMPLATE_PATH, type ExpectedMessage, type InvalidCase } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const PDF_FILE = { filename: 'INV-1042.pdf', contentType: 'application/pdf' };
/** template() puts the copy after 8 lines of frontmatter and tags. */
const COPY_LINE = 9;
const LINK = 'You can download a copy at https://billing.example/invoices/INV-1042.pdf.';

const notAttached = (text: string): string => `\`${text}\` says a file is attached, but the message has no attachment`;
const unguarded = (text: string): string =>
  `\`${text}\` says a file is attached, outside \`{% if attachments %}\`: data without attachments would send the claim without the file`;

/** The place of `text` in a one-line message body (line 3). */
function at(body: string, text: string): ExpectedMessage {
  const index = body.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${body}`);
  return { line: 3, column: index + 1, endLine: 3, endColumn: index + 1 + text.length, messageId: 'not-attached', message: notAttached(text), severity: 'error' };
}

/** A claim in a message sent without an attachment, in a given locale; the body has a link, so only the claim is reported. */
function claims(locale: string, body: string, text: string): InvalidCase {
  const withLink = `${body} https://billing.example/i/1`;
  return { name: `${locale}: ${body}`, subject: SUBJECT, body: withLink, locale, attachments: [], errors: [at(withLink, text)] };
}

function inCopy(copy: string, text: string): ExpectedMessage {
  const lines = copy.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  const column = (lines[line] ?? '').indexOf(text) + 1;
  return { line: COPY_LINE + line, column, endLine: COPY_LINE + line, endColumn: column + text.length, messageId: 'unguarded', message: unguarded(text) };
}

const NO_INVOICE_MESSAGE: ExpectedMessage = {
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 1,
  messageId: 'no-invoice-message',
  message: 'The message has neither an attachment nor a link: give the customer a copy of the invoice',
  severity: 'warning',
};

runRuleTests('attachment-consistency', {
  valid: [
    { name: 'the claim with the file attached', subject: SUBJECT, body: "I've attached the invoice for October.", attachments: [PDF_FILE] },
    { name: 'a text message: its attachments are unknown, so nothing is claimed about them', subject: SUBJECT, body: 'Please find attached the invoice INV-1042.' },
    { name: 'a negated claim', subject: SUBJECT, body: `We have not attached the invoice this time. ${LINK}`, attachments: [] },
    { name: 'asking the reader to attach a reference is no claim', subject: SUBJECT, body: `Could you attach the invoice number to your payment? ${LINK}`, attachments: [] },
    { name: 'a link and no claim (C3)', subject: SUBJECT, body: LINK, attachments: [] },
    { name: 'es: the reader may attach a receipt', subject: SUBJECT, locale: 'es', body: 'Puede adjuntar el comprobante de pago a su respuesta. https://x.example/f', attachments: [] },
    { name: 'ro: asking the reader to attach the proof', subject: SUBJECT, locale: 'ro', body: 'Vă rog să atașați dovada plății. https://x.example/f', attachments: [] },
    { name: 'ru: в приложении банка is the bank app, not an attachment', subject: SUBJECT, locale: 'ru', body: 'Оплатить счёт можно в приложении банка. https://x.example/f', attachments: [] },
    { name: 'ru: the reader is asked to attach', subject: SUBJECT, locale: 'ru', body: 'Прикрепите, пожалуйста, платёжку к ответу. https://x.example/f', attachments: [] },
    { name: 'th: the reader is asked to attach the slip', subject: SUBJECT, locale: 'th', body: 'กรุณาแนบหลักฐานการโอนเงิน https://x.example/f', attachments: [] },
    {
      name: 'template: the claim inside {% if attachments %}',
      template: template({}, '<mj-text>\n  <p>{% if attachments %}A copy of the invoice is attached.{% endif %}</p>\n</mj-text>'),
    },
    {
      name: 'template: inside a loop over the attachments',
      template: template({}, '<mj-text>\n  {% for file in attachments %}<p>Please find {{ file.filename }} attached.</p>{% endfor %}\n</mj-text>'),
    },
    {
      name: 'template: the else-branch of {% if not attachments %}',
      template: template({}, '<mj-text>\n  <p>{% if not attachments %}You can download the invoice.{% else %}The attached invoice has the details.{% endif %}</p>\n</mj-text>'),
    },
    {
      name: 'template: a claim about a field of another name, with the field option',
      template: template({}, '<mj-text>\n  <p>{% if files %}Please find the invoice attached.{% endif %}</p>\n</mj-text>'),
      options: { field: 'files' },
    },
  ],
  invalid: [
    { name: 'the claim without the file (and without a link: the warning too)', subject: SUBJECT, body: "I've attached the invoice for October.", attachments: [], errors: [at("I've attached the invoice for October.", "I've attached"), NO_INVOICE_MESSAGE] },
    claims('en', 'Please find attached the invoice INV-1042.', 'find attached'),
    claims('en', 'Please find the invoice attached.', 'find the invoice attached'),
    claims('en', 'The attached invoice shows the amount due.', 'attached invoice'),
    claims('en', 'A copy of the invoice is attached.', 'invoice is attached'),
    claims('en', 'We are attaching a copy for your records.', 'We are attaching'),
    claims('en', 'You will find it in the attachment.', 'find it in the attachment'),
    claims('es', 'Le adjunto la factura de octubre.', 'Le adjunto'),
    claims('es', 'Adjuntamos una copia de la factura.', 'Adjuntamos una copia'),
    claims('es', 'Encontrará adjunta la factura.', 'Encontrará adjunta'),
    claims('es', 'La factura adjunta muestra el importe.', 'factura adjunta'),
    claims('ro', 'V-am atașat factura pentru octombrie.', 'V-am atașat'),
    claims('ro', 'Găsiți atașată factura.', 'Găsiți atașată'),
    claims('ro', 'Factura este în atașament.', 'în atașament'),
    claims('ru', 'Счёт во вложении.', 'во вложении'),
    claims('ru', 'Прикрепляю счёт за октябрь.', 'Прикрепляю'),
    claims('ru', 'Копия счёта прикреплена к письму.', 'прикреплена'),
    claims('ru', 'Прилагаем копию счёта.', 'Прилагаем'),
    claims('th', 'เราได้แนบใบแจ้งหนี้มาด้วย', 'เราได้แนบ'),
    claims('th', 'รายละเอียดตามไฟล์แนบ', 'ไฟล์แนบ'),
    { name: 'neither an attachment nor a link (C3)', subject: SUBJECT, body: 'Payment of 1,250 USD was due on 27 November.', attachments: [], errors: [NO_INVOICE_MESSAGE] },
    (() => {
      const copy = '<mj-text>\n  <p>Please find attached the invoice {{ invoice.number }}.</p>\n</mj-text>';
      return { name: 'template: an unguarded claim', template: template({}, copy), errors: [inCopy(copy, 'find attached')] };
    })(),
    (() => {
      const copy = '<mj-text>\n  <p>{% if invoice.url %}The attached invoice has the details.{% endif %}</p>\n  <p>{% if attachments or invoice.url %}A copy is attached.{% endif %}</p>\n</mj-text>';
      return { name: 'template: guarded by another field, or by an or that lets it through without attachments', template: template({}, copy), errors: [inCopy(copy, 'attached invoice'), inCopy(copy, 'copy is attached')] };
    })(),
  ],
});

describe('attachment-consistency with the compiled email', () => {
  const linter = createLinter({ config: recommendedConfig(), only: ['attachment-consistency'] });
  const render = (attachments: RenderCheck['attachments']): RenderCheck => ({ source: 'fixtures/en/test-case.json', fixture: true, ...(attachments ? { attachments } : {}) });
  const lintWith = (copy: string, renders: RenderCheck[]) => {
    const email: CompiledEmail = { renders };
    return linter.lintTemplate(TEMPLATE_PATH, template({}, copy), email).messages.map((m) => `${m.line}:${m.column} ${m.messageId} ${m.fatal ? 'error' : 'warning'}`);
  };
  const plain = '<mj-text>\n  <p>Payment of {{ invoice.amount | money(invoice.currency) }} was due.</p>\n</mj-text>';

  it('warns when no fixture attaches a file and the template does not link invoice.url', () => {
    expect(lintWith(plain, [render([])])).toEqual(['7:1 no-invoice warning']);
    const [message] = linter.lintTemplate(TEMPLATE_PATH, template({}, plain), { renders: [render([])] }).messages;
    expect(message?.reason).toBe('The email neither attaches the invoice (no fixture has `attachments`) nor links it (`{{ invoice.url }}`): give the customer a copy of the invoice');
    expect(message?.sources).toEqual(['C3', 'N10']);
  });

  it('is content with a fixture that attaches the invoice, or a link to invoice.url', () => {
    expect(lintWith(plain, [render([{ ...PDF_FILE, role: 'invoice' }])])).toEqual([]);
    expect(lintWith('<mj-text>\n  <p>{% if invoice.url %}<a href="{{ invoice.url }}">Download the invoice</a>.{% endif %}</p>\n</mj-text>', [render([])])).toEqual([]);
  });

  it('says nothing about the warning when the template is linted without its folder (no renders)', () => {
    expect(linter.lintTemplate(TEMPLATE_PATH, template({}, plain)).messages).toEqual([]);
  });
});

describe('attachment-consistency on .eml files', () => {
  const linter = createLinter({ config: recommendedConfig(), only: ['attachment-consistency'] });
  const data = loadFixture('en', 'due-today');
  const email = { subject: SUBJECT, preheader: 'Due today', html: '<p>Hello Dana, please find attached the invoice INV-1042.</p>', text: 'Hello Dana, please find attached the invoice INV-1042.' };
  const pdf = readFileSync(path.join(ROOT, 'test/email/fixtures/invoice.pdf')).toString('base64');

  it('reads the attachments of the parsed message: the claim with a PDF attached passes', async () => {
    const eml = (await toEml(email, { ...data, attachments: [{ ...PDF_FILE, role: 'invoice', content: pdf }] })).toString('utf8');
    expect((await linter.lintSource('reminder.eml', eml)).messages).toEqual([]);
  });

  it('reports the claim in an .eml without one, and warns that it neither attaches nor links the invoice', async () => {
    const { attachments: _none, ...without } = data;
    const eml = (await toEml(email, without)).toString('utf8');
    const messages = (await linter.lintSource('reminder.eml', eml)).messages;
    expect(messages.map((m) => [m.messageId, m.actual, m.fatal])).toEqual([
      ['no-invoice-message', undefined, false],
      ['not-attached', 'find attached', true],
    ]);
  });
});
