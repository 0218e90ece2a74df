import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../../src/project/renderer.js';
import { createLinter } from '../../../src/lint/linter.js';
import { flaggedByFrames } from './frames-only.js';
import { lintCase, runRuleTests, template } from '../rule-tester.js';

/**
 * The Spanish (es) reminder sequence: its templates render with their fixtures and
 * lint with no message at all, and the rules judge Spanish copy with the es lexicons
 * (rules/lexicons/es/), with their suggestions in Spanish.
 */

const STAGES = ['before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice'] as const;
const FOLDER = 'templates/es';

const fixture = (stage: string): Record<string, unknown> => JSON.parse(readFileSync(`templates/fixtures/es/${stage}.json`, 'utf8')) as Record<string, unknown>;

/** An es template with the given frontmatter fields and body copy: the subject is on line 4, the copy starts on line 9. */
function esTemplate(fields: { stage?: string; subject?: string; preheader?: string }, copy: string): string {
  return template({ locale: 'es', subject: 'Factura {{ invoice.number }}: pago aún no recibido', preheader: 'El pago de {{ invoice.amount | money(invoice.currency) }} aún no nos ha llegado.', ...fields }, copy);
}

const block = (copy: string): string => `<mj-text><p>${copy}</p></mj-text>`;
const SUBJECT = 'Factura FAC-2026-0142';

describe('es templates', () => {
  it('are all there, one per stage, each with its fixture', () => {
    expect(readdirSync(FOLDER).filter((name) => name.endsWith('.mjml.njk')).sort()).toEqual(STAGES.map((s) => `${s}.mjml.njk`).sort());
    expect(readdirSync('templates/fixtures/es').sort()).toEqual(STAGES.map((s) => `${s}.json`).sort());
  });

  describe('render with their fixtures', () => {
    // A templates folder with the es sequence alone, so other locales in progress cannot break it.
    let root: string;
    let renderer: Renderer;
    beforeAll(async () => {
      root = mkdtempSync(path.join(tmpdir(), 'dunmail-es-'));
      cpSync('templates/stages.json', path.join(root, 'stages.json'));
      for (const dir of ['es', 'fixtures/es']) cpSync(path.join('templates', dir), path.join(root, dir), { recursive: true });
      for (const file of ['base.mjml.njk', 'es.mjml.njk']) cpSync(path.join('templates/layouts', file), path.join(root, 'layouts', file));
      renderer = await createRenderer({ templates: root });
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each(STAGES)('%s', (stage) => {
      const email = renderer.render({ stage, locale: 'es', data: fixture(stage) });
      expect(email.subject).toContain('FAC-2026-0142');
      expect(email.html).toContain('lang="es"');
      // Formal address by first name, with the colon Spanish puts after a greeting.
      expect(email.text).toMatch(/^Buenos días, Lucía:\n/);
      // Money and dates as Spanish writes them: the filters follow the locale (no grouping in four digits).
      expect(email.text).toContain('1512,50\u00a0€');
      expect(email.text).toContain('27 de noviembre de 2026');
      // The layout: sign-off, sender, tax id (NIF) and address in the footer (T2, N11).
      expect(email.text).toContain('Un cordial saludo,\nMarta Ibáñez Soler, Administración\nAlbura Estudio');
      expect(email.text).toContain('Albura Estudio Digital, S.L. · NIF B98765431');
      expect(email.text).toContain('Calle de Colón, 18, 3.º B, 46004 Valencia, España');
      expect(email.text).toContain('Le enviamos este correo porque Clínica Dental Turia tiene una factura pendiente con Albura Estudio.');
    });

    it('puts URGENTE first only in the very late reminder, with the days overdue (N8, N12.3)', () => {
      const emails = Object.fromEntries(STAGES.map((stage) => [stage, renderer.render({ stage, locale: 'es', data: fixture(stage) })]));
      expect(emails['overdue-late']?.subject).toBe('URGENTE: factura FAC-2026-0142 de Albura Estudio pendiente de pago');
      expect(emails['overdue-late']?.text).toContain('lleva ya 12 días vencida');
      for (const stage of STAGES.filter((s) => s !== 'overdue-late')) expect(emails[stage]?.subject).not.toMatch(/urgen/i);
    });

    it('asks in the first late reminder whether the invoice email arrived, and offers it again (C4, C3, N2)', () => {
      const { text, preheader } = renderer.render({ stage: 'overdue-early', locale: 'es', data: fixture('overdue-early') });
      expect(preheader).toBe('¿Le llegó la factura FAC-2026-0142? El pago vencía el 27 de noviembre de 2026.');
      expect(text).toContain('¿Podría confirmarme, por favor, que ha recibido el correo electrónico de la factura que le enviamos el 28 de octubre de 2026?');
      expect(text).toContain('se la reenviaré');
    });

    it('names the next step calmly in the final notice, after more than a month (H6)', () => {
      const { subject, text } = renderer.render({ stage: 'final-notice', locale: 'es', data: fixture('final-notice') });
      expect(subject).toBe('Último recordatorio: factura FAC-2026-0142, vencida hace 38 días');
      expect(text).toContain('sigue pendiente de pago 38 días después');
      expect(text).toContain('trasladaremos el expediente a nuestra empresa colaboradora de gestión de cobros');
    });
  });

  describe('lint with no message at all', () => {
    const linter = createLinter();
    it.each(STAGES)('%s', async (stage) => {
      const file = await linter.lintFile(path.join(FOLDER, `${stage}.mjml.njk`));
      expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`)).toEqual([]);
    });
  });
});

const LEGAL = 'Si no llegamos a un acuerdo sobre el pago, nuestras condiciones establecen el siguiente paso; preferiríamos resolverlo directamente con usted';
const LOST = 'Quizá nuestros correos anteriores no le llegaron';
const SHAME = 'Le agradeceríamos que nos informara sobre el estado de esta factura';
const ULTIMATUM = 'Le rogamos que nos indique cuándo podemos esperar el pago';
const DISCLOSE = 'Esta cuestión queda entre usted y nosotros; díganos cómo podemos ayudarle a resolverla';

runRuleTests('no-aggressive', {
  valid: [
    {
      name: 'es: firm but polite, with URGENTE first and the days overdue (N12.3)',
      locale: 'es',
      stage: 'overdue-late',
      subject: 'URGENTE: factura FAC-2026-0142 pendiente de pago',
      body: 'Buenos días, Lucía:\n\nLa factura FAC-2026-0142 lleva 12 días vencida y necesitamos saber en qué punto se encuentra. Le ruego que me indique con carácter urgente cuándo se realizará el pago.',
    },
    {
      name: 'es: the legal step named calmly in the final notice (H6)',
      locale: 'es',
      stage: 'final-notice',
      subject: SUBJECT,
      body: 'Si en 14 días no recibimos el pago, trasladaremos el expediente a nuestra empresa colaboradora de gestión de cobros.',
    },
    {
      name: 'es: "ignore", "sin embargo" and "lamentamos" are courtesy, not accusations or seizures (stems are not enough)',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Por favor, ignore este mensaje si ya ha pagado. Sin embargo, si no le llegó la factura, se la reenviamos. Lamentamos las molestias.',
    },
    {
      name: 'es: a court as a place, a legal department and data-protection rights are no threats',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Nuestra oficina está frente a los juzgados, por si prefiere traer el cheque. Nuestro departamento jurídico nos pide incluir el NIF en todas las facturas. Puede ejercer sus derechos de acceso escribiendo a privacidad@albura.example.',
    },
    {
      name: 'es: URGENTE, IVA, SEPA and BIZUM are not shouting; one "¡…!" is fine',
      locale: 'es',
      stage: 'overdue-late',
      subject: 'URGENTE: factura FAC-2026-0142',
      body: 'El importe de 1512,50 € incluye el IVA; puede pagar por SEPA o con BIZUM. ¡Muchas gracias!',
    },
  ],
  invalid: [
    {
      name: 'es: a legal threat before the final notice, with the calm rewrite in Spanish',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Si no paga antes del viernes, emprenderemos acciones legales contra su empresa.',
      errors: [{ line: 3, column: 45, endLine: 3, endColumn: 61, severity: 'error', message: `\`acciones legales\` threatens legal steps (threat-legal); try \`${LEGAL}\``, expected: [LEGAL] }],
    },
    {
      name: 'es template: an accusation in the body (the subject is dropped in Spanish: "Ha ignorado")',
      template: esTemplate({ stage: 'overdue-late', subject: 'URGENTE: factura {{ invoice.number }} pendiente' }, block('Ha ignorado todos nuestros correos.')),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 47, message: '`Ha ignorado todos nuestros correos` is accusatory (accusation); try `¿Podría indicarnos qué está retrasando el pago?`', expected: ['¿Podría indicarnos qué está retrasando el pago?'] }],
    },
    {
      name: 'es: shaming, inflected (vergonzoso) and by comparison with the company size',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Es vergonzoso que una empresa de su tamaño no pague una factura de 400 €.',
      errors: [
        { line: 3, column: 4, endColumn: 14, message: `\`vergonzoso\` is shaming (shaming); try \`${SHAME}\``, expected: [SHAME] },
        { line: 3, column: 19, endColumn: 52, message: '`una empresa de su tamaño no pague` is shaming (shaming); try `¿Podría indicarnos si hay algo que esté retrasando el pago?`' },
      ],
    },
    {
      name: 'es: telling the employer (disclosure), exasperation (shaming) and an insult, each with its Spanish rewrite',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: 'Hablaremos con su jefe si no contesta.\n\nEstamos hartos de esperar.\n\nSu departamento de contabilidad es un desastre.',
      errors: [
        { line: 3, column: 1, endColumn: 23, message: `\`Hablaremos con su jefe\` threatens to tell others about the debt (disclosure); try \`${DISCLOSE}\``, expected: [DISCLOSE] },
        { line: 5, column: 9, endColumn: 15, message: '`hartos` is shaming (shaming); try `Le agradeceríamos mucho una respuesta`' },
        { line: 7, column: 33, endColumn: 47, message: '`es un desastre` is insulting (insult); try `(elimínelo)`', expected: ['(elimínelo)'] },
      ],
    },
    {
      name: 'es: an ultimatum shouted in capitals between doubled marks',
      locale: 'es',
      stage: 'overdue-late',
      subject: SUBJECT,
      body: '¡¡PAGUE YA!!',
      errors: [
        { line: 3, column: 1, endColumn: 3, message: '`¡¡` reads as shouting; use one mark' },
        { line: 3, column: 3, endColumn: 11, message: `\`PAGUE YA\` is an ultimatum (ultimatum); try \`${ULTIMATUM}\``, expected: [ULTIMATUM] },
        { line: 3, column: 3, endColumn: 11, message: '`PAGUE YA` in capitals reads as shouting; write it in normal case', expected: ['Pague ya'] },
        { line: 3, column: 11, endColumn: 13, message: '`!!` reads as shouting; use one mark', expected: ['.'] },
      ],
    },
  ],
});

runRuleTests('urgent-when-late', {
  valid: [
    { name: 'es: the shipped overdue-late template', template: readFileSync('templates/es/overdue-late.mjml.njk', 'utf8') },
    { name: 'es: no urgency before the due date', locale: 'es', stage: 'before-due', subject: 'Factura FAC-2026-0142: vence el viernes', body: '¿Podría confirmarnos que el pago está previsto para esa fecha?' },
  ],
  invalid: [
    {
      name: 'es template: URGENTE and "lo antes posible" before the due date are errors',
      template: esTemplate(
        { stage: 'before-due', subject: 'URGENTE: la factura {{ invoice.number }} vence el viernes' },
        block('Le rogamos que pague la factura {{ invoice.number }} lo antes posible.'),
      ),
      output: "---\nstage: before-due\nlocale: es\nsubject: \"La factura {{ invoice.number }} vence el viernes\"\npreheader: \"El pago de {{ invoice.amount | money(invoice.currency) }} aún no nos ha llegado.\"\n---\n{% extends \"layouts/es.mjml.njk\" %}\n{% block content %}\n<mj-text><p>Le rogamos que pague la factura {{ invoice.number }} lo antes posible.</p></mj-text>\n{% endblock %}\n",
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 18, severity: 'error', message: '`URGENTE` in the `before-due` stage: the invoice is not late yet, so there is nothing urgent', expected: [''] },
        { line: 9, column: 66, endLine: 9, endColumn: 82, severity: 'error', message: '`lo antes posible` in the `before-due` stage: the invoice is not late yet, so there is nothing urgent', expected: [''] },
      ],
    },
    {
      name: 'es: "con carácter urgente" two business days after the due date is a warning',
      locale: 'es',
      stage: 'overdue-early',
      businessDaysLate: 2,
      subject: SUBJECT,
      body: 'Le rogamos que pague con carácter urgente.',
      errors: [{ line: 3, column: 22, endColumn: 42, severity: 'warning', message: '`con carácter urgente` when the invoice is 2 business day(s) late: keep urgency for more than 5' }],
    },
    {
      name: 'es: URGENTE belongs at the start of the subject',
      locale: 'es',
      stage: 'overdue-late',
      subject: 'Factura FAC-2026-0142 pendiente de pago: URGENTE',
      body: 'Le ruego que me indique cuándo se realizará el pago.',
      errors: [{ line: 1, column: 51, endColumn: 58, message: '`URGENTE` belongs at the start of the subject', expected: ['URGENTE Factura FAC-2026-0142 pendiente de pago'] }],
    },
  ],
});

// 101 words of Spanish copy, as dunmail counts them (a placeholder is one word).
const LONG = [
  'Espero que se encuentre bien. Le escribo para recordarle que la factura {{ invoice.number }}, por importe de {{ invoice.amount | money(invoice.currency) }}, vence el {{ invoice.dueDate | date }}.',
  '¿Podría confirmarme, por favor, que el pago está previsto para esa fecha? Si ya lo ha realizado, muchas gracias, y no tenga en cuenta este mensaje.',
  'Puede pagar con el botón de abajo o por transferencia bancaria a la cuenta que figura en la factura. Si necesita una nueva copia de la factura, otro plazo u otra forma de pago, escríbanos y buscaremos juntos la solución que mejor le convenga a su empresa.',
  'Muchas gracias por su confianza y su colaboración.',
].join(' ');

runRuleTests('body-length', {
  valid: STAGES.map((stage) => ({ name: `es: the shipped ${stage} copy`, template: readFileSync(`templates/es/${stage}.mjml.njk`, 'utf8') })),
  invalid: [
    {
      name: 'es template: 101 words',
      template: esTemplate({ stage: 'before-due', subject: 'Factura {{ invoice.number }}: vence el viernes' }, block(LONG)),
      errors: [{ line: 9, column: 13, endLine: 9, endColumn: 13 + LONG.length, severity: 'error', message: 'Body has 101 words, more than 100; cut it to 50 to 100 words' }],
    },
    {
      name: 'es template: too short',
      template: esTemplate({ stage: 'before-due', subject: 'Factura {{ invoice.number }}: vence el viernes' }, block('Le recordamos que la factura {{ invoice.number }} vence el {{ invoice.dueDate | date }}. Gracias.')),
      errors: [{ line: 9, column: 13, message: 'Body has 10 words, fewer than 50; say what is owed, by when and how to pay (50 to 100 words)' }],
    },
  ],
});

runRuleTests('invoice-number', {
  valid: [
    { name: 'es: the number given, in subject and body', locale: 'es', invoiceNumber: 'FAC-2026-0142', subject: SUBJECT, body: 'La factura FAC-2026-0142 sigue pendiente.' },
    { name: 'es: a series-style number found by the default pattern', locale: 'es', subject: SUBJECT, body: 'La factura FAC-2026-0142 sigue pendiente.' },
  ],
  invalid: [
    {
      name: 'es template: no invoice number in the subject or the body, the subject rewritten with the placeholder',
      template: esTemplate(
        { stage: 'overdue-early', subject: 'Recordatorio de pago de {{ company.name }}' },
        block('Buenos días, {{ customer.firstName }}: aún no hemos recibido el pago de su factura.'),
      ),
      errors: [
        {
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 53,
          severity: 'error',
          message: 'Subject does not name the invoice; add {{ invoice.number }}',
          expected: ['Recordatorio de pago de {{ company.name }} {{ invoice.number }}'],
        },
        { line: 9, column: 13, endLine: 9, endColumn: 13, message: 'Body does not name the invoice; add {{ invoice.number }}' },
      ],
    },
    {
      name: 'es: a message whose number is known names another one',
      locale: 'es',
      invoiceNumber: 'FAC-2026-0142',
      subject: SUBJECT,
      body: 'Buenos días:\n\nLa factura FAC-2026-0141 ya está pagada, gracias.',
      errors: [{ line: 3, column: 1, message: 'Body does not name the invoice; add `FAC-2026-0142`' }],
    },
  ],
});

runRuleTests('greeting', {
  valid: [
    { name: 'es template: "Buenos días" and the first name, as shipped', template: esTemplate({}, block('Buenos días, {{ customer.firstName or customer.name }}:')) },
    { name: 'es: "Hola" and a name', locale: 'es', subject: SUBJECT, body: 'Hola, Lucía:\n\nLa factura FAC-2026-0142 vence el viernes.' },
    { name: 'es: "Estimada" and a first name', locale: 'es', subject: SUBJECT, body: 'Estimada Lucía:\n\nLa factura FAC-2026-0142 vence el viernes.' },
  ],
  invalid: [
    {
      name: 'es template: "Muy señor mío" is too stiff; the rewrite is punctuated as Spanish writes it (vocative comma, colon)',
      template: esTemplate({}, block('Muy señor mío:')),
      output: "---\nstage: overdue-early\nlocale: es\nsubject: \"Factura {{ invoice.number }}: pago aún no recibido\"\npreheader: \"El pago de {{ invoice.amount | money(invoice.currency) }} aún no nos ha llegado.\"\n---\n{% extends \"layouts/es.mjml.njk\" %}\n{% block content %}\n<mj-text><p>Hola, {{ customer.firstName }}:</p></mj-text>\n{% endblock %}\n",
      errors: [
        {
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 27,
          severity: 'warning',
          message: '`Muy señor mío` is too formal for a reminder; greet the client by name: `Hola, {{ customer.firstName }}:`',
          expected: ['Hola, {{ customer.firstName }}:'],
        },
      ],
    },
    {
      name: 'es: "A quien corresponda" (To Whom It May Concern)',
      locale: 'es',
      subject: SUBJECT,
      body: 'A quien corresponda:\n\nLa factura FAC-2026-0142 sigue pendiente.',
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 21,
          severity: 'warning',
          message: "`A quien corresponda` is too formal for a reminder; greet the client by name: `Hola:` and the client's first name",
          expected: ['Hola:'],
        },
      ],
    },
    {
      name: 'es: "Estimado cliente" reads as automated (C2)',
      locale: 'es',
      subject: SUBJECT,
      body: 'Estimado cliente:\n\nLa factura FAC-2026-0142 sigue pendiente.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 18, message: /^`Estimado cliente` is too formal for a reminder/ }],
    },
    {
      name: 'es: no greeting, the suggestion in Spanish',
      locale: 'es',
      subject: SUBJECT,
      body: 'La factura FAC-2026-0142 sigue pendiente.',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: "Body does not open with a greeting; start with `Hola:` and the client's first name" }],
    },
  ],
});

/** The messages of one rule on a message or template, as `line:column-line:column reason` without the sources. */
function messagesOf(ruleId: string, testCase: Parameters<typeof lintCase>[1]): { place: string; reason: string; expected: string[] | undefined }[] {
  return lintCase(ruleId, testCase).messages.map((m) => {
    const place = m.place && 'start' in m.place ? m.place : undefined;
    return { place: `${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column}`, reason: m.reason, expected: m.expected };
  });
}

describe('es lexicons: the phrases other rules need', () => {
  it('receipt-check: asking whether the invoice email arrived counts; "no hemos recibido el pago" does not (C4, N2)', () => {
    const ask = { locale: 'es', stage: 'overdue-early', subject: SUBJECT };
    expect(messagesOf('receipt-check', { ...ask, body: 'Buenos días:\n\n¿Podría confirmarnos que ha recibido el correo electrónico de la factura?' })).toEqual([]);
    expect(messagesOf('receipt-check', { ...ask, body: 'Buenos días:\n\nSi no le llegó, se la reenviamos.' })).toEqual([]);
    expect(messagesOf('receipt-check', { ...ask, body: 'Buenos días:\n\nAún no hemos recibido el pago de la factura.' })).toEqual([
      {
        place: '3:1-3:1',
        reason: 'Body does not check that the invoice arrived; ask `¿Podría confirmarnos que ha recibido la factura?`, or offer to send it again',
        expected: undefined,
      },
    ]);
  });

  it('courtesy: "por favor" and "gracias", with Spanish suggestions (T7)', () => {
    expect(messagesOf('courtesy', { locale: 'es', subject: SUBJECT, body: 'Le ruego que pague la factura. Muchas gracias.' })).toEqual([]);
    expect(messagesOf('courtesy', { locale: 'es', subject: SUBJECT, body: 'La factura vence el viernes.' })).toEqual([
      {
        place: '3:29-3:29',
        reason:
          'Body says neither please nor thank you; ask with please (`¿Podría indicarnos, por favor, cuándo podemos esperar el pago?`) and thank the client (`Gracias por confiar en nosotros.`)',
        expected: undefined,
      },
    ]);
  });

  it('plain-language: "30 d.f.f." and "por medio de la presente" get plain Spanish (T1)', () => {
    expect(messagesOf('plain-language', { locale: 'es', subject: SUBJECT, body: 'Por medio de la presente le recordamos que el pago es a 30 d.f.f.' })).toEqual([
      { place: '3:1-3:25', reason: '`Por medio de la presente` is legalese; leave it out', expected: [''] },
      {
        place: '3:57-3:66',
        reason: '`30 d.f.f.` is payment jargon; write `en un plazo de 30 días desde la fecha de la factura`',
        expected: ['en un plazo de 30 días desde la fecha de la factura'],
      },
    ]);
  });

  it('late-fee-terms: interest and surcharges only where the contract provides them (R8)', () => {
    expect(messagesOf('late-fee-terms', { locale: 'es', subject: SUBJECT, body: 'Si no paga, aplicaremos intereses de demora.' })).toEqual([
      {
        place: '3:13-3:44',
        reason: '`aplicaremos intereses de demora` is mentioned, but this message has no contractual late-fee terms: mention late fees only where the contract provides for them',
        expected: undefined,
      },
    ]);
  });

  it('assume-good-faith: "sigue sin pagar" blames the reader; a conditional "si aún no ha pagado" does not (N3, H4)', () => {
    expect(messagesOf('assume-good-faith', { locale: 'es', subject: SUBJECT, body: 'Si aún no ha pagado, puede hacerlo con el enlace.' })).toEqual([]);
    expect(messagesOf('assume-good-faith', { locale: 'es', subject: SUBJECT, body: 'Usted sigue sin pagar la factura.' })).toEqual([
      { place: '3:7-3:22', reason: '`sigue sin pagar` blames the reader; try `Aún no hemos recibido el pago`', expected: ['Aún no hemos recibido el pago'] },
    ]);
  });

  it('due-date and days-overdue: "27 de noviembre" and "12 días de retraso" are read as Spanish writes them', () => {
    expect(messagesOf('due-date', { locale: 'es', subject: SUBJECT, body: 'La factura vence el 27 de noviembre.' })).toEqual([]);
    expect(messagesOf('days-overdue', { locale: 'es', stage: 'overdue-late', subject: SUBJECT, body: 'La factura lleva 12 días de retraso.' })).toEqual([]);
    expect(messagesOf('days-overdue', { locale: 'es', stage: 'overdue-late', subject: SUBJECT, body: 'La factura está vencida desde hace 12 días.' })).toEqual([]);
  });

  it('call-to-action: once late, a link alone is not enough; another way to pay or an offer of help is (N4, R5)', () => {
    const late = { locale: 'es', stage: 'overdue-early', subject: SUBJECT };
    expect(messagesOf('call-to-action', { ...late, body: 'Puede pagar en https://pago.albura.example/FAC-2026-0142.' })).toEqual([
      {
        place: '3:16-3:16',
        reason: 'Body offers no other way to pay and no help; add, for example, `Si algo está retrasando el pago, díganoslo y le ayudaremos.`',
        expected: undefined,
      },
    ]);
    expect(messagesOf('call-to-action', { ...late, body: 'Puede pagar en https://pago.albura.example/FAC-2026-0142. Si lo prefiere, también puede pagar por transferencia bancaria.' })).toEqual([]);
    expect(messagesOf('call-to-action', { ...late, body: 'Puede pagar en https://pago.albura.example/FAC-2026-0142. Si le ayuda, podemos acordar un plan de pagos.' })).toEqual([]);
  });

  it('stems are not enough where Spanish joins different words: "sabe" is no Saturday, "recibimos su pago" is no receipt check', () => {
    expect(messagesOf('due-date', { locale: 'es', subject: SUBJECT, body: 'Como sabe, la factura sigue pendiente.' })).toHaveLength(1);
    expect(messagesOf('receipt-check', { locale: 'es', stage: 'overdue-early', subject: SUBJECT, body: 'Le confirmamos que recibimos su pedido.' })).toHaveLength(1);
  });

  it('sign-off: "Un cordial saludo," and a name close a message (N11)', () => {
    expect(messagesOf('sign-off', { locale: 'es', subject: SUBJECT, body: 'Gracias por su ayuda.\n\nUn cordial saludo,\nMarta Ibáñez' })).toEqual([]);
    expect(messagesOf('sign-off', { locale: 'es', subject: SUBJECT, body: 'Gracias por su ayuda.' })).toEqual([
      { place: '3:22-3:22', reason: 'Body does not end with a sign-off; close with `Un cordial saludo,` and your name', expected: undefined },
    ]);
  });
});

describe('es: rules read Spanish as Spanish writes it', () => {
  it('invoice-number: "factura n.º 142" names the invoice', () => {
    expect(messagesOf('invoice-number', { locale: 'es', subject: 'Factura n.º 142', body: 'Le recordamos que la factura n.º 142 sigue pendiente.' })).toEqual([]);
  });

  it('amount-due: "1.250 euros", written in words, states the amount', () => {
    expect(messagesOf('amount-due', { locale: 'es', stage: 'overdue-early', subject: SUBJECT, body: 'La factura, por importe de 1.250 euros, sigue pendiente.' })).toEqual([]);
  });

  it('call-to-action: no English button label, and the offer of help comes from the es lexicon', () => {
    const reasons = messagesOf('call-to-action', { template: esTemplate({ stage: 'overdue-early' }, block('Buenos días, {{ customer.firstName }}: la factura {{ invoice.number }} sigue pendiente.')) }).map((m) => m.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^Body has no button or link to pay; /);
    expect(reasons[0]).not.toContain('Pay invoice');
    expect(reasons[1]).toBe('Body offers no other way to pay and no help; add, for example, `Si algo está retrasando el pago, díganoslo y le ayudaremos.`');
  });

  it('days-overdue: no English example phrase in a Spanish template', () => {
    const [missing] = messagesOf('days-overdue', {
      template: esTemplate({ stage: 'overdue-late', subject: 'URGENTE: factura {{ invoice.number }}' }, block('La factura {{ invoice.number }} sigue pendiente.')),
    });
    expect(missing?.reason).toBe('Body does not say how many days overdue the invoice is; add `{{ daysOverdue }}` with the words for days overdue');
  });

  it('readability: a sentence of more than 30 words is too long in Spanish too', () => {
    const long =
      'Le escribo para recordarle que la factura que le enviamos el mes pasado por los trabajos de mantenimiento de su sitio web sigue pendiente de pago y que nos gustaría saber cuándo podemos esperar el pago.';
    expect(messagesOf('readability', { locale: 'es', subject: SUBJECT, body: long }).map((m) => m.reason)).toEqual(['Sentence has 36 words; keep it to 30 or fewer']);
  });
});

/**
 * Cases where rule code was English-specific and mishandled Spanish copy (reported to
 * be fixed centrally): each asserts what the rule should do for Spanish.
 */
describe('es: what the rules should do for Spanish (English-specific rule code)', () => {
  it('invoice-number: "factura número 142" and "factura núm. 142" name the invoice', () => {
    expect(messagesOf('invoice-number', { locale: 'es', subject: 'Factura número 142', body: 'Le recordamos que la factura número 142 sigue pendiente.' })).toEqual([]);
    expect(messagesOf('invoice-number', { locale: 'es', subject: 'Factura núm. 142', body: 'Le recordamos que la factura núm. 142 sigue pendiente.' })).toEqual([]);
  });

  it('due-date: an ordinal day, "el 1.º de diciembre", states the date', () => {
    expect(messagesOf('due-date', { locale: 'es', subject: SUBJECT, body: 'La factura vence el 1.º de diciembre.' })).toEqual([]);
  });

  it('amount-due: the example amount is written as Spanish writes money, not `$1,250.00`', () => {
    const [missing] = messagesOf('amount-due', { locale: 'es', stage: 'overdue-early', subject: SUBJECT, body: 'La factura sigue pendiente.' });
    expect(missing?.reason).toMatch(/^Body does not state the amount due; /);
    expect(missing?.reason).not.toContain('$1,250.00');
  });

  it('no-aggressive: doubled opening marks "¡¡" and "¿¿" become one opening mark, never "." or "?"', () => {
    const marks = (body: string) => messagesOf('no-aggressive', { locale: 'es', stage: 'overdue-late', subject: SUBJECT, body }).map((m) => m.expected);
    expect(marks('¡¡Gracias!!')).toEqual([['¡'], ['.']]);
    expect(marks('¿¿Le llegó??')).toEqual([['¿'], ['?']]);
  });
});

describe('es: disclosure and non-legal threats are frames over the profile’s word classes', () => {
  const flagged = flaggedByFrames('es');

  it.each([
    'Hemos decidido que la próxima semana informaremos a los demás vecinos del portal de que usted no paga.',
    'Si no responde, mañana le contaré todo a su suegra.',
    'Sus compañeros de la oficina van a enterarse muy pronto.',
    'Vamos a colgar en el grupo de WhatsApp la lista de morosos del mes.',
    'Mientras no pague, su licencia quedará bloqueada.',
    'La empresa adoptará contra usted las medidas que considere oportunas.',
    'Un cobrador de nuestra agencia de recobro pasará el lunes por su domicilio.',
  ])('flags %s', (body) => expect(flagged(body)).toBe(true));

  it.each([
    'No informaremos a su familia ni a su empresa: este asunto queda entre nosotros.',
    'No se lo vamos a contar a su jefe: queda entre nosotros.',
    'Puede reenviar esta factura a su departamento de contabilidad.',
    'Publicaremos el nuevo horario en el tablón del gimnasio.',
    'Su acceso quedará activo mientras dure la suscripción.',
    'Tomaremos las medidas necesarias para corregir el error de su factura.',
    'Un técnico pasará por su domicilio el martes para instalar el router.',
    'Sus clientes serán notificados automáticamente de cada pago recibido.',
  ])('does not flag %s', (body) => expect(flagged(body)).toBe(false));
});
