import { runRuleTests, template } from '../rule-tester.js';

const SUBJECT = 'Invoice INV-1042';
const bracket = (text: string) => ({ messageId: 'bracketed', message: `\`${text}\` looks like a placeholder left in the copy: write the real value in its place` });
const note = (text: string) => ({ messageId: 'writer-note', message: `\`${text}\` is a note to the writer, not copy` });
const missing = (text: string) => ({
  messageId: 'missing-value',
  message: `\`${text}\` is a missing value printed as text: give the template that value, or leave the words that need it out when it is missing`,
});
const filler = (text: string) => ({ messageId: 'filler', message: `\`${text}\` is filler text: write the real copy in its place` });
const unfilled = (text: string) => ({ messageId: 'unfilled-tag', message: `\`${text}\` is a template tag that was never filled: send the rendered message, not the template` });
const custom = (text: string) => ({ messageId: 'custom-pattern', message: `\`${text}\` matches a leftover pattern: replace it with the real copy` });
const field = (text: string, name: string) => ({
  messageId: 'unfilled-field',
  message: `\`${text}\` is a placeholder that was never filled in: give \`${name}\` to the system that sends the message, or write the value in its place`,
});
const format = (text: string) => ({
  messageId: 'unfilled-format',
  message: `\`${text}\` is a format placeholder that was never filled in: pass its value where the text is formatted, or write the value in its place`,
});
const named = (text: string, key: string) => ({
  messageId: 'unfilled-named-format',
  message: `\`${text}\` is a format placeholder that was never filled in: its key \`${key}\` must be one the code passes, so a translation keeps the key exactly as the source string writes it`,
});
const broken = (text: string, repaired: string) => ({
  messageId: 'broken-format',
  message: `\`${text}\` is the placeholder \`${repaired}\` broken by a translation, so it was never filled in: write it as \`${repaired}\` in the translation`,
});
const code = (text: string, language: string) => ({
  messageId: 'template-code',
  message: `\`${text}\` is ${language} code sent as text: the page that sends the message must run it, or write the value in its place`,
});
const foreign = (text: string) => ({
  messageId: 'foreign-syntax',
  message: `\`${text}\` is not nunjucks, so the email shows it as written: write the value, or a \`{{ … }}\` expression that prints it`,
});
const foreignField = (text: string, nunjucks: string) => ({
  messageId: 'foreign-syntax-field',
  message: `\`${text}\` is not nunjucks, so the email shows it as written: write \`${nunjucks}\``,
  expected: [nunjucks],
});
const choice = (text: string) => ({
  messageId: 'alternative',
  message: `\`${text}\` leaves a choice to the writer: keep the form that fits the reader, or word the sentence so that no choice is needed`,
  severity: 'warning' as const,
});

runRuleTests('no-leftover-placeholder', {
  valid: [
    { name: 'finished copy', subject: SUBJECT, body: 'Hello Ana,\n\nInvoice INV-1042 is due on 27 November.\n\nAll the best,\nSam' },
    // Links of a text part (html-to-text writes them as `text [target]`).
    { name: 'a text-part link', subject: SUBJECT, body: 'Pay now [https://pay.example/x]' },
    {
      name: 'mailto, tel, sms, www and relative link targets',
      subject: SUBJECT,
      body: 'Email us [ar@example.com], call +44 20 7946 0000 [tel:+442079460000], text [sms:+447700900123], see [www.example.com] or [/account/invoices].',
    },
    { name: 'numbered footnotes have no letters', subject: SUBJECT, body: 'See the terms [1] and the schedule [2].' },
    { name: 'words that contain todo, null, undefined, NaN', subject: SUBJECT, body: 'The todo list, a nullable field, undefinedness, Nancy and NaNo are fine. Todo: nothing.' },
    { name: '"Lorem" alone is a name', subject: SUBJECT, body: 'Lorem Ipswich Ltd thanks you.' },
    // Templates legitimately hold tags; `undefined` and friends are only a problem once rendered.
    {
      name: 'template tags in a template',
      template: template(
        {},
        '<mj-text><p>Hello {{ customer.name }}, {% if invoice.url %}<a href="{{ invoice.url }}">a copy</a>{% endif %} of {{ invoice.amount | money(invoice.currency) }}.</p></mj-text>',
      ),
    },
    { name: 'brackets inside a placeholder are code', template: template({}, '<mj-text><p>Item: {{ items[0].name }} {{ note or "[none]" }}</p></mj-text>') },
    { name: 'null and undefined in a template are words, not rendered values', template: template({}, '<mj-text><p>Nothing here is null or undefined.</p></mj-text>') },
    { name: 'custom patterns add to the built-in ones', subject: SUBJECT, body: 'Hello Ana.', options: { patterns: ['\\bXXX+\\b'] } },

    // Brackets that are not instructions to the writer.
    { name: 'a sender’s tag opens the subject: [Company], [ACME]', subject: '[Company] Invoice INV-1042 is due', body: 'Hello Ana.' },
    { name: 'a company’s name as the subject’s tag (Dolibarr’s membership reminder)', subject: 'Re: [ACME] [Northwind Sports Club] contribution reminder', body: 'Hello Jane Cooper.' },
    {
      name: 'bracketed references, labels and buttons',
      subject: 'Order [#1042] is waiting for payment',
      body: 'Your invoice [PDF] is attached to order [#1042] ([INV-1042]). [Invoice] [Pay now] [Client portal] [Customer Support] [Download PDF]. Reply [Yes] or [No]. [x] Paid [ ] Unpaid.',
    },
    { name: 'a domain and an account in brackets (JBS)', subject: 'Оканчивается срок действия заказа на хостинг [h12345]', body: 'Заказ на регистрацию домена [romashka-shop.ru].', locale: 'ru' },
    { name: 'a template’s subject tag', template: template({ subject: '[Company] Invoice {{ invoice.number }} is past due' }, '<mj-text><p>Hello.</p></mj-text>') },

    // Colons: times, ratios, labels, schemes; not Laravel placeholders.
    {
      name: 'times, ratios, labels and URLs with colons',
      subject: 'Re: Invoice INV-1042',
      body: 'Pay by 10:30 or 9:00am; the split is 1:2 and 3:1. Note: we take cards. Billed To:: Acme. Due: 27 Nov. IBAN:ES91 2100. Thanks :) :D :smile: https://pay.example:8443/x mailto:ar@example.com',
    },
    // Percent signs: amounts and URL escapes, not printf.
    { name: 'percent amounts and URL escapes', subject: SUBJECT, body: 'A fee of 5 %, 100% paid, 50% off, 10 % (VAT) included. https://pay.example/a%20b%2Fc%2d?x=%25s' },
    {
      name: 'URLs with braces and JSON in a code block are not copy',
      subject: SUBJECT,
      body: 'Pay at https://pay.example/invoices/{id} or https://api.example/?q={"status":"open"}.\n\n```\n{"name": "{name}", "amount": "%s", "due": ":date"}\n```\n\nThe field `{customer_name}` is filled in for you.',
    },
    {
      name: 'code in a template: <pre> and <code>',
      template: template({}, '<mj-text><p>Send <code>{"invoice": "{number}"}</code> to the API.</p><pre>{name} %s ${x}</pre></mj-text>'),
    },
    {
      name: 'braces, dollars, hashes and underscores that are no placeholder',
      subject: SUBJECT,
      body: 'Pay $5, US$20 or $ 10. We use C# and {} braces. ## Summary ##. __Bold__ text. Thanks!! Really!!',
    },
    // Slashes and parentheses that leave no choice.
    {
      name: 'slashes and letters in parentheses that are no alternatives',
      subject: SUBJECT,
      body: 'See section 3(a); (a) pay now, (b) later. Dear Sir or Madam, and/or 24/7 at 50 km/h in EUR/USD. Mr. Smith / Ms. Jones.',
    },
    { name: 'real copy with its placeholders filled in (pretix)', subject: 'Your order: ABC12', body: 'Hello,\n\nwe did not yet receive a full payment for your order for Open Source Summit 2025. Please keep in mind that we only guarantee your order if we receive your payment before 04/10/2025.\n\nYou can view the payment information and the status of your order at\nhttps://tickets.example/oss/2025/order/K7QXP/3bq8w1zr6m0t2e5a/\n\nBest regards,\nYour Open Source Summit team' },
  ],
  invalid: [
    {
      name: 'N12 template brackets: [#ref], [Company], [Client name], [Your name]',
      subject: 'Outstanding invoice [#ref] from [Company]',
      body: 'Hello [Client name],\n\nAll the best,\n[Your name]',
      errors: [
        { line: 1, column: 30, endLine: 1, endColumn: 36, ...bracket('[#ref]'), severity: 'error' },
        { line: 1, column: 42, endLine: 1, endColumn: 51, ...bracket('[Company]') },
        { line: 3, column: 7, endLine: 3, endColumn: 20, ...bracket('[Client name]') },
        { line: 6, column: 1, endLine: 6, endColumn: 12, ...bracket('[Your name]') },
      ],
    },
    {
      name: 'brackets that tell the writer what to put: [Customer Name], [insert date], [AMOUNT]',
      subject: SUBJECT,
      body: 'Dear [Customer Name], please pay [AMOUNT] by [insert date]. [Add payment link]',
      errors: [
        { line: 3, column: 6, endColumn: 21, ...bracket('[Customer Name]') },
        { line: 3, column: 34, endColumn: 42, ...bracket('[AMOUNT]') },
        { line: 3, column: 46, endColumn: 59, ...bracket('[insert date]') },
        '3:61-3:79 bracketed',
      ],
    },
    {
      name: 'instructions in brackets in other locales and spellings',
      subject: SUBJECT,
      body: '[Nombre del cliente] [Numele clientului] [Имя клиента] [ชื่อลูกค้า] [CUSTOMER_NAME] [CustomerName] [X days] [Invoice No.]',
      errors: [
        '3:1-3:21 bracketed',
        '3:22-3:41 bracketed',
        '3:42-3:55 bracketed',
        '3:56-3:68 bracketed',
        '3:69-3:84 bracketed',
        '3:85-3:99 bracketed',
        '3:100-3:108 bracketed',
        '3:109-3:122 bracketed',
      ],
    },
    {
      name: 'TODO, TBD, FIXME',
      subject: SUBJECT,
      body: 'TODO: add the amount. Due date TBD. FIXME',
      errors: [
        { line: 3, column: 1, endColumn: 5, ...note('TODO') },
        { line: 3, column: 32, endColumn: 35, ...note('TBD') },
        { line: 3, column: 37, endColumn: 42, ...note('FIXME') },
      ],
    },
    {
      name: 'lorem ipsum',
      subject: SUBJECT,
      body: 'Lorem ipsum dolor sit amet.',
      errors: [{ line: 3, column: 1, endColumn: 12, ...filler('Lorem ipsum') }],
    },
    {
      name: 'rendered output: undefined, NaN, null',
      subject: 'Invoice undefined',
      body: 'Hello undefined, you owe NaN USD. Due: null.',
      errors: [
        { line: 1, column: 18, endColumn: 27, ...missing('undefined') },
        { line: 3, column: 7, endColumn: 16, ...missing('undefined') },
        { line: 3, column: 26, endColumn: 29, ...missing('NaN') },
        { line: 3, column: 40, endColumn: 44, ...missing('null') },
      ],
    },
    {
      name: 'rendered output: [object Object], reported once',
      subject: SUBJECT,
      body: 'Items: [object Object]',
      errors: [
        { line: 3, column: 8, endColumn: 23, messageId: 'unprintable', message: '`[object Object]` is a value the template could not print: print one of its fields, not the whole object' },
      ],
    },
    {
      name: 'rendered output: tags that were never filled',
      subject: 'Invoice {{ invoice.number }}',
      body: 'Hello {{ leftover }}, {% if paid %}thanks{% endif %} {{{ raw }}}',
      errors: [
        { line: 1, column: 18, endColumn: 38, ...unfilled('{{ invoice.number }}') },
        { line: 3, column: 7, endColumn: 21, ...unfilled('{{ leftover }}') },
        { line: 3, column: 23, endColumn: 36, ...unfilled('{% if paid %}') },
        { line: 3, column: 42, endColumn: 53, ...unfilled('{% endif %}') },
        { line: 3, column: 54, endColumn: 65, ...unfilled('{{{ raw }}}') },
      ],
    },
    {
      name: 'single braces: {name} (pretix, PrestaShop), {$name} (Smarty), {0} (.NET), {amount:.2f}',
      subject: 'Your order {code}',
      body: 'Hello {firstname}, the total is {$total|escape} for {0}. Paid: {amount:.2f}.',
      errors: [
        { line: 1, column: 21, endColumn: 27, ...field('{code}', 'code') },
        { line: 3, column: 7, endColumn: 18, ...field('{firstname}', 'firstname') },
        { line: 3, column: 33, endColumn: 48, ...field('{$total|escape}', 'total') },
        { line: 3, column: 53, endColumn: 56, ...format('{0}') },
        '3:64-3:76 unfilled-field',
      ],
    },
    {
      name: '${x} (JavaScript, Genshi, FreeMarker), #{x} (Ruby), %{x} (Ruby i18n)',
      subject: SUBJECT,
      body: 'Amount: ${invoice.total}. Hello #{customer.name}, %{first_name}. ${format_date(dunning.date)}',
      errors: [
        { line: 3, column: 9, endColumn: 25, ...field('${invoice.total}', 'invoice.total') },
        { line: 3, column: 33, endColumn: 49, ...field('#{customer.name}', 'customer.name') },
        { line: 3, column: 51, endColumn: 64, ...field('%{first_name}', 'first_name') },
        '3:66-3:94 unfilled-field',
      ],
    },
    {
      name: 'printf placeholders left in the text: %s, %d, %1$s, %.2f, %05u',
      subject: 'Membership payment failed at %s',
      body: 'Invoice %d is %1$s days late: %.2f due on order %05u.',
      errors: [
        { line: 1, column: 39, endColumn: 41, ...format('%s') },
        { line: 3, column: 9, endColumn: 11, ...format('%d') },
        '3:15-3:19 unfilled-format',
        '3:31-3:35 unfilled-format',
        '3:49-3:53 unfilled-format',
      ],
    },
    {
      name: 'Python’s %(name)s, whole, with a translated key, and broken by translations',
      subject: SUBJECT,
      body: 'Estimado %(nombre)s, total %(amount).2f.\n\nDear % (name) s, %(name) s, %( name )s.',
      locale: 'es',
      errors: [
        { line: 3, column: 10, endColumn: 20, ...named('%(nombre)s', 'nombre') },
        { line: 3, column: 28, endColumn: 40, ...named('%(amount).2f', 'amount') },
        { line: 5, column: 6, endColumn: 16, ...broken('% (name) s', '%(name)s') },
        { line: 5, column: 18, endColumn: 27, ...broken('%(name) s', '%(name)s') },
        { line: 5, column: 29, endColumn: 39, ...broken('%( name )s', '%(name)s') },
      ],
    },
    {
      name: 'Laravel’s :name placeholders (Bagisto)',
      subject: 'Invoice :invoice is overdue',
      body: 'Dear :customer_name, please pay :amount (:Name, :CUSTOMER_NAME) within :time.',
      errors: [
        { line: 1, column: 18, endColumn: 26, ...field(':invoice', 'invoice') },
        { line: 3, column: 6, endColumn: 20, ...field(':customer_name', 'customer_name') },
        '3:33-3:40 unfilled-field',
        '3:42-3:47 unfilled-field',
        '3:49-3:63 unfilled-field',
        '3:72-3:77 unfilled-field',
      ],
    },
    {
      name: 'template code sent as text: <?= $x ?>, <?php … ?>, <%= x %>',
      subject: SUBJECT,
      body: 'Hello <?= $name ?>, you owe <?php echo $total; ?> by <%= due_date %>.',
      errors: [
        { line: 3, column: 7, endColumn: 19, ...code('<?= $name ?>', 'PHP') },
        { line: 3, column: 29, endColumn: 50, ...code('<?php echo $total; ?>', 'PHP') },
        { line: 3, column: 54, endColumn: 69, ...code('<%= due_date %>', 'ERB or ASP') },
      ],
    },
    {
      name: 'mail-merge tags: *|FNAME|*, {!Contact.Name}, <<Name>>, ##name##',
      subject: 'Hi *|FNAME|*',
      body: 'Dear {!Contact.Name}, <<First Name>>, ##name##.',
      errors: [
        { line: 1, column: 13, endColumn: 22, ...field('*|FNAME|*', 'FNAME') },
        { line: 3, column: 6, endColumn: 21, ...field('{!Contact.Name}', 'Contact.Name') },
        { line: 3, column: 23, endColumn: 37, ...field('<<First Name>>', 'First Name') },
        { line: 3, column: 39, endColumn: 47, ...field('##name##', 'name') },
      ],
    },
    {
      name: 'more mail-merge tags: Dolibarr __REF__ and __(Hello)__, PMPro !!name!!, %%FirstName%%, %FIRSTNAME%, [% name %], [[name]]',
      subject: 'Submission of invoice __REF__',
      body: '__(Hello)__ !!display_name!!, %%FirstName%% %FIRSTNAME% [% customer.name %] [[first_name]]',
      errors: [
        { line: 1, column: 32, endColumn: 39, ...field('__REF__', 'REF') },
        '3:1-3:12 unfilled-field',
        '3:13-3:29 unfilled-field',
        '3:31-3:44 unfilled-field',
        '3:45-3:56 unfilled-field',
        '3:57-3:76 unfilled-field',
        '3:77-3:91 unfilled-field',
      ],
    },
    {
      name: 'alternatives left for the writer are warnings: Mr/Ms, (his/her), him/her, s/he, invoice(s)',
      subject: SUBJECT,
      body: 'Dear Mr/Ms Smith, ask (his/her) manager to pay him/her; s/he owes for the invoice(s).',
      errors: [
        { line: 3, column: 6, endColumn: 11, ...choice('Mr/Ms') },
        { line: 3, column: 23, endColumn: 32, ...choice('(his/her)') },
        { line: 3, column: 48, endColumn: 55, ...choice('him/her') },
        { line: 3, column: 57, endColumn: 61, ...choice('s/he') },
        { line: 3, column: 75, endColumn: 85, ...choice('invoice(s)') },
      ],
    },
    {
      name: 'alternatives in other locales: Estimado/a, Stimate/Stimată, înregistrat(ă), Уважаемый(ая), оплатил(а), ครับ/ค่ะ',
      subject: SUBJECT,
      body: 'Estimado/a María. Stimate/Stimată client, ați înregistrat(ă). Уважаемый(ая) Иван, вы оплатил(а). ขอบคุณครับ/ค่ะ',
      errors: [
        '3:1-3:11 alternative',
        '3:19-3:34 alternative',
        '3:47-3:61 alternative',
        '3:63-3:76 alternative',
        '3:86-3:96 alternative',
        '3:104-3:112 alternative',
      ],
    },
    {
      name: 'a placeholder inside a link target is still a leftover',
      subject: SUBJECT,
      body: 'Pay here: https://pay.example/[id] or https://pay.example/${invoice_id}',
      errors: [
        { line: 3, column: 31, endColumn: 35, ...bracket('[id]') },
        { line: 3, column: 59, endColumn: 72, ...field('${invoice_id}', 'invoice_id') },
      ],
    },
    {
      name: 'a bracketed note is not a link target',
      subject: SUBJECT,
      body: 'Hello [Note: add the name]',
      errors: [{ line: 3, column: 7, endColumn: 27, ...bracket('[Note: add the name]') }],
    },
    {
      name: 'template: brackets in the subject and copy',
      template: template({ subject: 'Invoice {{ invoice.number }} from [Company]' }, '<mj-text><p>Hello [Client name], TODO</p></mj-text>'),
      errors: [
        { line: 4, column: 45, endLine: 4, endColumn: 54, ...bracket('[Company]') },
        { line: 9, column: 19, endLine: 9, endColumn: 32, ...bracket('[Client name]') },
        { line: 9, column: 34, endLine: 9, endColumn: 38, ...note('TODO') },
      ],
    },
    {
      name: 'template: lorem ipsum in the preheader',
      template: template({ preheader: 'Lorem ipsum {{ invoice.number }}' }, '<mj-text><p>Hello.</p></mj-text>'),
      errors: [{ line: 5, column: 13, endColumn: 24, ...filler('Lorem ipsum') }],
    },
    {
      name: 'template: another language’s placeholder for a field of the data is written as nunjucks',
      template: template({ subject: 'Invoice ${invoice.number} is past due' }, '<mj-text><p>Hello {customer.name}, from %{sender.name}.</p></mj-text>'),
      errors: [
        { line: 4, column: 19, endLine: 4, endColumn: 36, ...foreignField('${invoice.number}', '{{ invoice.number }}') },
        { line: 9, column: 19, endLine: 9, endColumn: 34, ...foreignField('{customer.name}', '{{ customer.name }}') },
        { line: 9, column: 41, endLine: 9, endColumn: 55, ...foreignField('%{sender.name}', '{{ sender.name }}') },
      ],
    },
    {
      // An amount prints with | money(…), a date with | date, an optional field may be missing: no certain fix.
      name: 'template: foreign placeholders with no certain nunjucks: amounts, dates, optional and unknown fields, printf, Laravel',
      template: template({}, '<mj-text><p>Pay {invoice.amount} by ${invoice.dueDate}, {customer.firstName} {client_name}, %s :amount *|FNAME|*</p></mj-text>'),
      errors: [
        { line: 9, column: 17, endColumn: 33, ...foreign('{invoice.amount}') },
        '9:37-9:55 foreign-syntax',
        '9:57-9:77 foreign-syntax',
        '9:78-9:91 foreign-syntax',
        '9:93-9:95 foreign-syntax',
        '9:96-9:103 foreign-syntax',
        '9:104-9:113 foreign-syntax',
      ],
    },
    {
      name: 'template: alternatives in the copy',
      template: template({}, '<mj-text><p>Dear Mr/Ms {{ customer.name }}, your invoice(s) are due.</p></mj-text>'),
      errors: [
        { line: 9, column: 18, endColumn: 23, ...choice('Mr/Ms') },
        { line: 9, column: 50, endColumn: 60, ...choice('invoice(s)') },
      ],
    },
    {
      name: 'custom patterns',
      subject: SUBJECT,
      body: 'Hello XXX, you owe $XX.',
      options: { patterns: ['\\bX{2,}\\b'] },
      errors: [
        { line: 3, column: 7, endColumn: 10, ...custom('XXX') },
        { line: 3, column: 21, endColumn: 23, ...custom('XX') },
      ],
    },
  ],
});
