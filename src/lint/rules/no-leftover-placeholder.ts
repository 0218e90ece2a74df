import { lookupPath } from '../../data/schema-paths.js';
import { dataSchemaRoot, resolveRef, type SchemaNode } from '../../data/schema-node.js';
import { regionsOf } from '../phrases.js';
import { defineRule, type Finding, type LintDocument, type TextRegion } from '../types.js';

interface Options {
  /** Extra regular expressions for leftovers (case-insensitive). */
  patterns: string[];
}

const MESSAGES = {
  unprintable: '`{{text}}` is a value the template could not print: print one of its fields, not the whole object',
  'unfilled-tag': '`{{text}}` is a template tag that was never filled: send the rendered message, not the template',
  bracketed: '`{{text}}` looks like a placeholder left in the copy: write the real value in its place',
  // Its text is asserted outside this rule's tests (the CLI's JSON output); the fix is in the finding's note.
  'writer-note': '`{{text}}` is a note to the writer, not copy',
  filler: '`{{text}}` is filler text: write the real copy in its place',
  'missing-value': '`{{text}}` is a missing value printed as text: give the template that value, or leave the words that need it out when it is missing',
  'custom-pattern': '`{{text}}` matches a leftover pattern: replace it with the real copy',
  'unfilled-field': '`{{text}}` is a placeholder that was never filled in: give `{{field}}` to the system that sends the message, or write the value in its place',
  'unfilled-format': '`{{text}}` is a format placeholder that was never filled in: pass its value where the text is formatted, or write the value in its place',
  'unfilled-named-format':
    '`{{text}}` is a format placeholder that was never filled in: its key `{{field}}` must be one the code passes, so a translation keeps the key exactly as the source string writes it',
  'broken-format': '`{{text}}` is the placeholder `{{repaired}}` broken by a translation, so it was never filled in: write it as `{{repaired}}` in the translation',
  'template-code': '`{{text}}` is {{language}} code sent as text: the page that sends the message must run it, or write the value in its place',
  'foreign-syntax': '`{{text}}` is not nunjucks, so the email shows it as written: write the value, or a `{{ … }}` expression that prints it',
  'foreign-syntax-field': '`{{text}}` is not nunjucks, so the email shows it as written: write `{{nunjucks}}`',
  alternative: '`{{text}}` leaves a choice to the writer: keep the form that fits the reader, or word the sentence so that no choice is needed',
} as const;

type MessageId = keyof typeof MESSAGES;

/** How a leftover found in a document is reported, or undefined when the match is not one after all. */
type Classify = (match: RegExpMatchArray, at: MatchPlace) => Omit<Finding, 'region' | 'start' | 'end' | 'actual'> | undefined;

interface MatchPlace {
  document: LintDocument;
  region: TextRegion;
  start: number;
}

interface Leftover {
  pattern: RegExp;
  /** Its report: a messageId whose message quotes the leftover as `{{text}}`, or a function of the match. */
  report: MessageId | Classify;
  /** Only in rendered text: a template legitimately holds `{{ }}`. */
  renderedOnly?: boolean;
  /** Not looked for inside a URL (`https://x.example/{id}`, `%2F`, `host:8080`). */
  notInUrls?: boolean;
  /** Not looked for in code (a message's ``` block or `span`, a template's <pre> or <code>). */
  notInCode?: boolean;
  /**
   * Characters every match holds one of: a text without any is not searched. V8 compiles a
   * Unicode pattern on its first use (milliseconds each), so a one-message lint skips most.
   */
  needs: string;
}

/**
 * What a text part puts in brackets after a link's text: `[https://…]`, `[tel:+44…]`,
 * `[ar@example.com]` (a mailto: link), `[www.example.com]`, `[/account/invoices]`.
 */
const LINK_TARGET = /^(?:[a-z][a-z0-9+.-]*:[^\s\]]+|[^\s@\]]+@[^\s@\]]+\.[^\s\]]+|www\.[^\s\]]+|\/[^\s\]]*)$/iu;

// ---------------------------------------------------------------------------------------------
// Brackets: a placeholder only when its words read as an instruction to the writer.

const words = (list: string): string[] => list.trim().split(/\s+/u);

/** Words that name a value to fill in: a bracket of them is a placeholder (`[AMOUNT]`, `[due date]`, `[Имя]`). */
const VALUE_WORDS = new Set(
  words(`
    name surname firstname lastname fullname amount sum total balance price fee date deadline number num nr ref reference id
    email phone telephone tel mobile address link url signature title figure value placeholder xx xxx x n nn dd mm yy yyyy
    nombre apellido apellidos importe monto cantidad suma saldo fecha número numero nº referencia correo teléfono telefono
    dirección direccion enlace firma cargo
    nume numele prenume prenumele sumă sumei sold soldul data dată datei număr numărul numar numarul referință referința referinta
    telefonul adresa adresă adresei semnătura semnătură semnatura funcția valoare valoarea
    имя имени фамилия фио отчество сумма суммы сумму итого баланс дата дату даты номер телефон адрес ссылка ссылку подпись должность
    ชื่อ นามสกุล จำนวนเงิน ยอดเงิน ยอดชำระ วันที่ เลขที่ หมายเลข อีเมล โทรศัพท์ เบอร์โทร ที่อยู่ ลิงก์ ลายเซ็น ตำแหน่ง
  `),
);

/** Who the value is about: a placeholder alone or with a possessive (`[Client]`, `[Your company]`), not with other words (`[Client portal]`). */
const PARTY_WORDS = new Set(
  words(`
    company customer client recipient sender contact person member
    cliente empresa compañía compania destinatario remitente
    clientul clientului companie compania companiei firma firmei societate societatea societății destinatar expeditor
    клиент клиента компания компании организация организации получатель отправитель
    ลูกค้า บริษัท
  `),
);

/** Possessives and articles: `[Your name]`, `[the client]`. */
const DETERMINERS = new Set(words('your my our his her their the a an su tu sus dvs dumneavoastră ваш ваша ваше ваши вашей вашего ของคุณ คุณ ของ'));

/**
 * Words that go with a value word but make no placeholder with a party or alone:
 * `[Invoice]` and `[Payment due]` may be a tag, `[invoice number]` is a placeholder.
 */
const CONTEXT_WORDS = new Set(
  words(`
    invoice order account product service plan item payment card bank details month year period method days day time due first last
    full given family middle of for to and or here goes user contract subscription business organisation organization firm
    department job position role outstanding overdue late owed current new vat tax currency legal trading registered billing
    street city country zip code postal web website portal no
    factura pedido cuenta pago días dias mes año de del la el los las y o vencimiento aquí aqui completo pendiente
    factură facturii comanda comandă comenzii cont contului plată plata plății platii zile luna anul scadență scadenta scadenței
    al ale lui tău ta și sau aici complet
    счёт счет счета счёта заказ заказа договор договора оплата оплаты платежа платёж дней срок срока и или здесь полное
    ใบแจ้งหนี้ คำสั่งซื้อ บัญชี การชำระ ชำระ วัน ที่นี่ ครบกำหนด กำหนด
  `),
);

/** A word that starts an instruction whatever follows (`[insert date]`, `[Вставьте сумму]`). */
const INSTRUCTION = /^(?:insert|paste|fill\s+in|replace|inserte|insertar|inserta|rellene|inserați|inserati|completați|completati|вставьте|впишите|укажите|แทรก|ใส่)(?![\p{L}])/iu;
/** Verbs that are also button labels (`[Add to calendar]`): an instruction only when a value or a party follows. */
const INSTRUCTION_IF_VALUE =
  /^(?:add|enter|type|put|write|include|choose|select|specify|añada|añadir|agregue|escriba|indique|incluya|introduzca|ponga|adăugați|adaugati|introduceți|introduceti|scrieți|scrieti|specificați|menționați|введите|добавьте|напишите|ระบุ|กรอก|เพิ่ม)(?![\p{L}])/iu;
/** A note to the writer: `[Note: add the name]`, `[e.g. 30 days]`. */
const NOTE = /^(?:(?:note|nb|n\.b\.|todo|tbd|fixme|nota|notă|примечание|заметка|หมายเหตุ)\s*[:\-–—]|e\.g\.|ej\.|напр\.)/iu;

/** The words of a bracket's content: split at spaces and punctuation and at camelCase, without a possessive `'s`. */
function bracketWords(content: string): string[] {
  return content
    .replace(/['’]s(?![\p{L}])/gu, '')
    .replace(/e-mail/giu, 'email')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[\s_./#,:;'’&+()\-–—]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** What a word of a bracket is: a value, a party, a determiner, context, or unknown. */
type WordKind = 'value' | 'party' | 'determiner' | 'context' | undefined;
const RANK: Record<Exclude<WordKind, undefined>, number> = { value: 3, party: 2, determiner: 1, context: 0 };

function knownKind(word: string): WordKind {
  for (const form of new Set([word, word.replace(/s$/u, ''), word.replace(/es$/u, '')])) {
    if (form.length < word.length && form.length < 3) continue;
    if (VALUE_WORDS.has(form)) return 'value';
    if (PARTY_WORDS.has(form)) return 'party';
    if (DETERMINERS.has(form)) return 'determiner';
    if (CONTEXT_WORDS.has(form)) return 'context';
  }
  return undefined;
}

/**
 * A word as a run of known words of three letters or more (`customername`, `ชื่อลูกค้า`):
 * the strongest kind it can be read as, or undefined when it is no such run.
 */
function runKind(word: string): WordKind {
  const best = new Map<number, number>([[word.length, -1]]);
  for (let from = word.length - 3; from >= 0; from--) {
    let rank: number | undefined;
    for (let end = from + 3; end <= word.length; end++) {
      const kind = knownKind(word.slice(from, end));
      const rest = best.get(end);
      if (kind === undefined || kind === 'determiner' || rest === undefined) continue;
      rank = Math.max(rank ?? -1, RANK[kind], rest);
    }
    if (rank !== undefined) best.set(from, rank);
  }
  const rank = best.get(0);
  return rank === undefined ? undefined : rank === 3 ? 'value' : rank === 2 ? 'party' : 'context';
}

function kindOf(word: string, index: number): WordKind {
  // `[Invoice No.]`, but not `[Yes] or [No]`.
  if (word === 'no') return index > 0 ? 'value' : undefined;
  return knownKind(word) ?? runKind(word);
}

/**
 * Whether a bracket's content reads as an instruction to the writer: `[Customer Name]`,
 * `[insert date]`, `[AMOUNT]`, `[Your name]`, `[#ref]`, `[Client]`; not `[ACME]`, `[PDF]`,
 * `[#1042]`, `[Invoice]`, `[Client portal]`, `[Pay now]` or `[x]`. `prefix`: it opens a
 * subject, where `[Company]` is the sender's tag, so one word alone is not enough.
 */
function readsAsInstruction(content: string, prefix = false): boolean {
  const text = content.trim();
  if (NOTE.test(text) || INSTRUCTION.test(text)) return true;
  const list = bracketWords(text);
  const kinds = list.map(kindOf);
  if (INSTRUCTION_IF_VALUE.test(text)) return kinds.slice(1).some((k) => k === 'value' || k === 'party');
  if (list.length === 0 || kinds.includes(undefined)) return false;
  const placeholder = kinds.includes('value') || (kinds.includes('party') && kinds.every((k) => k === 'party' || k === 'determiner'));
  if (!placeholder) return false;
  // `[x]` is a ticked box, `[n]` a footnote.
  if (list.length === 1 && (list[0]?.length ?? 0) < 2) return false;
  return !(prefix && list.length === 1);
}

/** Whether a bracket at this place opens the subject (after `Re:`, `Fwd:` or other tags): `[Acme] Invoice 42`. */
function opensSubject(region: TextRegion, start: number): boolean {
  return region.kind === 'subject' && /^\s*(?:(?:re|fwd?|aw|wg|tr|rv|sv|vs|ответ)\s*:\s*|\[[^\]\n]*\]\s*)*$/iu.test(region.text.slice(0, start));
}

// ---------------------------------------------------------------------------------------------
// Placeholders of other template languages and mail-merge tools.

/** The nunjucks expression for a field of the data that prints as it is (a required text or count), else undefined. */
function nunjucksFor(expression: string): string | undefined {
  const path = expression.trim().replace(/^\$/, '').split('.');
  if (!path.every((step) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(step))) return undefined;
  const found = lookupPath(path);
  if (!found.found || found.optional) return undefined;
  const { type, date, currency } = found.found;
  if ((type !== 'string' && type !== 'number') || date || currency || isAmount(path)) return undefined;
  return `{{ ${path.join('.')} }}`;
}

/** A decimal-string amount of the schema (`invoice.amount`): it prints with `| money(…)`, so no plain expression is certain. */
function isAmount(path: string[]): boolean {
  let node: SchemaNode | undefined = dataSchemaRoot;
  for (const step of path) {
    const child: SchemaNode | undefined = node?.properties?.[step];
    node = child ? resolveRef(child) : undefined;
  }
  if (node?.pattern === undefined) return false;
  const pattern = new RegExp(node.pattern, 'u');
  return pattern.test('1250.00') && !pattern.test('Ana');
}

/** A field placeholder: unfilled in a message; in a template, foreign syntax, with the nunjucks for a known field. */
const field =
  (name: (match: RegExpMatchArray) => string): Classify =>
  (match, { document }) => {
    const text = match[0];
    const fieldName = name(match).trim();
    if (document.kind !== 'template') return { messageId: 'unfilled-field', data: { text, field: fieldName } };
    const nunjucks = nunjucksFor(fieldName);
    return nunjucks
      ? { messageId: 'foreign-syntax-field', data: { text, nunjucks }, expected: [nunjucks] }
      : { messageId: 'foreign-syntax', data: { text } };
  };

/** Printf placeholders and template code: in a template, foreign syntax as well. */
const inMessage =
  (messageId: MessageId, data: (match: RegExpMatchArray) => Record<string, string> = () => ({})): Classify =>
  (match, { document }) =>
    document.kind === 'template' ? { messageId: 'foreign-syntax', data: { text: match[0] } } : { messageId, data: { text: match[0], ...data(match) } };

const IDENT = String.raw`[\p{L}_][\p{L}\p{N}_]*`;
const PATH = String.raw`${IDENT}(?:(?:\.|->)${IDENT})*`;
const re = (source: string, flags = 'gu'): RegExp => new RegExp(source, flags);

/** `%(name)s` and the ways translations break it: `% (name) s`, `%(name) s`, `%( name )s`. */
const namedFormat: Classify = (match, place) => {
  const [text, gap1, inner1, key = '', inner2, gap2, spec = '', conversion = ''] = match;
  if (place.document.kind === 'template') return { messageId: 'foreign-syntax', data: { text } };
  const repaired = `%(${key})${spec}${conversion}`;
  if (gap1 || inner1 || inner2 || gap2) return { messageId: 'broken-format', data: { text, repaired } };
  return { messageId: 'unfilled-named-format', data: { text, field: key } };
};

/** A choice left in the copy is a warning: products ship `invoice(s)` and `Estimado/a` on purpose. */
const ALTERNATIVE = {
  report: ((match) => ({ messageId: 'alternative', data: { text: match[0] }, severity: 'warn' })) as Classify,
  notInUrls: true,
  notInCode: true,
};

const PRONOUN = '(?:he|she|him|her|his|hers|himself|herself)';
const PRONOUN_OR_THEY = '(?:he|she|him|her|his|hers|himself|herself|they|them|their|theirs)';
const TITLE = String.raw`(?:Mrs|Mr|Ms|Miss|Mx)\.?`;
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';

// The more specific leftovers come first: a match overlapping an earlier one is not reported again.
const LEFTOVERS: Leftover[] = [
  { needs: '[', pattern: /\[object Object\]/gu, report: 'unprintable', renderedOnly: true },
  { needs: '{', pattern: /\{\{\{?[^}]*\}?\}\}|\{%[^%]*%\}/gu, report: 'unfilled-tag', renderedOnly: true },
  // Template code a page was meant to run: `<?= $name ?>`, `<?php echo $x; ?>`, `<%= name %>`.
  { needs: '<', pattern: /<\?(?:php(?![\p{L}])|=)[^\n]*?(?:\?>|$)/gimu, report: inMessage('template-code', () => ({ language: 'PHP' })), notInCode: true },
  { needs: '<', pattern: /<%[=\-#]?\s[^\n]*?%>/gu, report: inMessage('template-code', () => ({ language: 'ERB or ASP' })), notInCode: true },
  // Mail-merge tags: Mailchimp `*|FNAME|*`, Salesforce `{!Contact.Name}`, Word `<<Name>>`,
  // `##name##`, `%%FirstName%%` (Salesforce Marketing Cloud), `%FIRSTNAME%` (ActiveCampaign),
  // Dolibarr `__REF__`, `__(Hello)__`, `__[MAIN_INFO_SOCIETE_NOM]__`, PMPro `!!name!!`,
  // Template Toolkit `[% name %]`, `[[name]]`.
  { needs: '|', pattern: /\*\|([^|\n]{1,60})\|\*/gu, report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '{', pattern: re(String.raw`\{!\s*(\$?${PATH})\s*\}`), report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '<', pattern: re(String.raw`<<\s*(${IDENT}(?:[ .]${IDENT}){0,3})\s*>>`), report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '#', pattern: re(String.raw`##(${PATH})##`), report: field((m) => m[1] ?? ''), notInCode: true, notInUrls: true },
  { needs: '%', pattern: re(String.raw`%%(${PATH})%%|%%=([^%\n]{1,60})=%%`), report: field((m) => m[1] ?? m[2] ?? ''), notInCode: true, notInUrls: true },
  { needs: '%', pattern: re(String.raw`(?<![\p{L}\p{N}%])%([A-Z][A-Z0-9_]{2,})%(?![\p{L}\p{N}])`), report: field((m) => m[1] ?? ''), notInCode: true, notInUrls: true },
  { needs: '_', pattern: /__([A-Z][A-Z0-9_]*[A-Z0-9])__|__\(([^()\n]{1,60})\)__|__\[([A-Z][A-Z0-9_]*)\]__/gu, report: field((m) => m[1] ?? m[2] ?? m[3] ?? ''), notInCode: true, notInUrls: true },
  { needs: '!', pattern: /(?<![!\p{L}\p{N}])!!([a-z_][a-z0-9_]*)!!(?!!)/gu, report: field((m) => m[1] ?? ''), notInCode: true, notInUrls: true },
  { needs: '[', pattern: /\[%-?\s*([^%\]\n]{1,60}?)\s*-?%\]/gu, report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '[', pattern: re(String.raw`\[\[\s*(${PATH})\s*\]\]`), report: field((m) => m[1] ?? ''), notInCode: true },
  // `${name}` (JavaScript, Genshi, FreeMarker, Velocity `$!{…}`), `#{name}` (Ruby), `%{name}` and `%<name>s` (Ruby).
  { needs: '{', pattern: /(?:\$!?|#)\{([^{}\n]*\p{L}[^{}\n]*)\}/gu, report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '{', pattern: re(String.raw`%\{\s*(${PATH})\s*\}`), report: field((m) => m[1] ?? ''), notInCode: true },
  { needs: '%', pattern: re(String.raw`%<(${IDENT})>[-+#0]*\d*(?:\.\d+)?[sdif]${NOT_LETTER_AFTER}`), report: field((m) => m[1] ?? ''), notInCode: true, notInUrls: true },
  // Python's `%(name)s`, whole or broken apart by a translation.
  {
    needs: '%',
    pattern: re(String.raw`(?<![\p{L}\p{N}%\\])%( ?)\(( *)(${IDENT}(?:\.${IDENT})*)( *)\)( ?)([-+#0]*\d*(?:\.\d+)?)([sdifr])${NOT_LETTER_AFTER}`),
    report: namedFormat,
    notInCode: true,
    notInUrls: true,
  },
  // `{name}` (pretix, PrestaShop, CiviCRM tokens, Python's format, ICU, .NET's `{0}`), Smarty `{$name}`.
  {
    needs: '{',
    pattern: re(String.raw`(?<![{$%#!\\])\{ *(\$?${PATH}|\d{1,2})(?: *(?:[,|][^{}\n]{0,60}|[!:][^{}\s]{0,20}))? *\}(?!\})`),
    report: (match, place) => (/^\d+$/.test(match[1] ?? '') ? inMessage('unfilled-format')(match, place) : field((m) => (m[1] ?? '').replace(/^\$/, ''))(match, place)),
    notInCode: true,
    notInUrls: true,
  },
  // printf: `%s`, `%d`, `%1$s`, `%.2f`, `%05u`, `%@`; not `5 %`, `100%`, or `%20` in a URL.
  { needs: '%', pattern: re(String.raw`(?<![\p{L}\p{N}%\\])%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:ll|l|h|z)?[sdiuf@]${NOT_LETTER_AFTER}`), report: inMessage('unfilled-format'), notInCode: true, notInUrls: true },
  // Laravel's `:amount`, `:Name`, `:CUSTOMER_NAME`; not `10:30`, `1:2`, `Note:` or `::`.
  {
    needs: ':',
    pattern: /(?<=^|[\s(\[«“„‘]):((?:[a-z]|[A-Z](?=[a-z]))[A-Za-z0-9_]*[A-Za-z0-9]|[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])(?![\p{L}\p{N}_:])/gu,
    report: field((m) => m[1] ?? ''),
    notInCode: true,
    notInUrls: true,
  },
  // [Your name], [Customer Name], [insert date], [AMOUNT]: but not the link targets of a text
  // part, a sender's tag that opens a subject (`[Acme]`), or a reference (`[#1042]`, `[PDF]`).
  // A markdown link [text](url) is a link, not a placeholder.
  {
    needs: '[',
    pattern: /\[([^\]\n]*\p{L}[^\]\n]*)\](?!\()/gu,
    report: (match, { region, start }) => {
      const content = match[1] ?? '';
      if (LINK_TARGET.test(content) || !readsAsInstruction(content, opensSubject(region, start))) return undefined;
      return { messageId: 'bracketed', data: { text: match[0] } };
    },
    notInCode: true,
  },
  {
    needs: 'TF',
    pattern: /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME)(?![\p{L}\p{N}])/gu,
    report: (match) => ({ messageId: 'writer-note', data: { text: match[0] }, note: 'Write the copy it stands for, or delete it.' }),
  },
  { needs: 'lL', pattern: /\blorem ipsum\b/giu, report: 'filler' },
  { needs: 'uNn', pattern: /(?<![\p{L}\p{N}])(?:undefined|NaN|null)(?![\p{L}\p{N}])/gu, report: 'missing-value', renderedOnly: true },
  // Alternatives left for the writer to choose from: `Mr/Ms`, `(his/her)`, `him/her`, `s/he`, `invoice(s)`.
  { needs: '/(', pattern: re(String.raw`\(${PRONOUN}\s*/\s*${PRONOUN_OR_THEY}\)|${NOT_LETTER_BEFORE}${PRONOUN}\s*/\s*${PRONOUN_OR_THEY}${NOT_LETTER_AFTER}|${NOT_LETTER_BEFORE}(?:s/he|\(s\)he)${NOT_LETTER_AFTER}`, 'giu'), ...ALTERNATIVE },
  { needs: '/(', pattern: re(String.raw`${NOT_LETTER_BEFORE}(?:${TITLE}(?:\s*/\s*${TITLE})+|Mr\(s\)\.?)(?![\p{L}])`, 'gu'), ...ALTERNATIVE },
  { needs: '(', pattern: /\p{L}+\((?:s|es)\)(?![\p{L}\p{N}])/giu, ...ALTERNATIVE },
  // Spanish `Estimado/a`, `Estimados(as)`, `el/la`, `Sr./Sra.`; Romanian `Stimate/Stimată`,
  // `înregistrat(ă)`, `domnule/doamnă`; Russian `Уважаемый(ая)`, `оплатил(а)`, `г-н/г-жа`; Thai `ครับ/ค่ะ`, `นาย/นาง`.
  {
    needs: '/(',
    pattern: /\p{L}{3,}(?:o\/a|os\/as|o\(a\)|os\(as\))(?![\p{L}\p{N}])|(?<![\p{L}])(?:el\s?\/\s?la|los\s?\/\s?las|del\s?\/\s?de la|(?:Sr|Sra|Srta)\.?\s?\/\s?(?:Sr|Sra|Srta)\.?|Sr\(a\)\.?)(?![\p{L}])/giu,
    ...ALTERNATIVE,
  },
  {
    needs: '/(',
    pattern: /\p{L}+(?:\(ă\)|\/ă)(?![\p{L}])|(?<![\p{L}])(?:Stimat[eă]\s?\/\s?Stimat[eă]|domnul(?:e|ui)?\s?\/\s?doamn(?:a|ă|ei|o)|D(?:l|na|-na|-l)\.?\s?\/\s?D(?:l|na|-na|-l)\.?)(?![\p{L}])/giu,
    ...ALTERNATIVE,
  },
  {
    needs: '/(',
    pattern:
      /\p{Script=Cyrillic}+(?:\(-?(?:а|я|ая|яя|ое|ий|ый|на|ла|ы|и|ов|ев|ей)\)|\/-?(?:а|ая|ое|на)(?![\p{L}]))|(?<![\p{L}])(?:(?:господин|г-н)\s?\/\s?(?:госпожа|г-жа)|уважаем(?:ый|ая)\s?\/\s?уважаем(?:ый|ая))(?![\p{L}])/giu,
    ...ALTERNATIVE,
  },
  { needs: '/(', pattern: /ครับ\s?\/\s?(?:ค่ะ|คะ)|(?:ค่ะ|คะ)\s?\/\s?ครับ|ครับ\s?\((?:ค่ะ|คะ)\)|นาย\s?\/\s?นาง(?:สาว)?(?:\s?\/\s?นางสาว)?/gu, ...ALTERNATIVE },
];

/** A URL written out in copy: `https://…`, `www.…`, `mailto:…`, `tel:…`. */
const URL_IN_TEXT = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b(?:mailto|tel|sms):)[^\s<>"'`]*/giu;

function rangesIn(text: string, pattern: RegExp): { start: number; end: number }[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Code in the linted file, at file offsets: a message's fenced block or `span`, a template's <pre> and <code>. */
function codeIn(document: LintDocument): { start: number; end: number }[] {
  const text = String(document.file.value);
  if (document.kind === 'template') return rangesIn(text, /<(pre|code)\b[^>]*>[\s\S]*?<\/\1\s*>/giu);
  return [...rangesIn(text, /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gmu), ...rangesIn(text, /`[^`\n]+`/gu)];
}

export default defineRule<Options>({
  meta: {
    id: 'no-leftover-placeholder',
    description: 'No placeholder left unfilled or broken, in any common syntax ([Customer Name], {name}, ${x}, %(x)s, :name, <?= ?>, Mr/Ms), no TODO, lorem ipsum or undefined/NaN/null.',
    sources: ['C2', 'N12'],
    // Wording that is wrong in any email is wrong in the layout every email shows.
    appliesTo: { layouts: true },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { patterns: { type: 'array', items: { type: 'string' }, default: [] } },
    },
    messages: MESSAGES,
    hasSuggestions: true,
  },
  check(document, { options, report }) {
    const extra: Leftover[] = options.patterns.map((source) => ({ pattern: new RegExp(source, 'giu'), report: 'custom-pattern', needs: '' }));
    const code = codeIn(document);
    for (const region of regionsOf(document)) {
      const reported: { start: number; end: number }[] = [];
      const urls = rangesIn(region.text, URL_IN_TEXT);
      const inCode = (start: number): boolean => {
        const offset = region.sourceOffset(start);
        return code.some((c) => offset >= c.start && offset < c.end);
      };
      for (const leftover of [...LEFTOVERS, ...extra]) {
        if (leftover.renderedOnly && document.kind === 'template') continue;
        if (!holdsAny(region.text, leftover.needs)) continue;
        for (const match of region.text.matchAll(leftover.pattern)) {
          const start = match.index;
          const end = start + match[0].length;
          if (end === start || overlapsPlaceholder(region, start, end) || reported.some((r) => start < r.end && end > r.start)) continue;
          if (leftover.notInUrls && urls.some((u) => start < u.end && end > u.start)) continue;
          if (leftover.notInCode && inCode(start)) continue;
          const finding = typeof leftover.report === 'string' ? { messageId: leftover.report, data: { text: match[0] } } : leftover.report(match, { document, region, start });
          if (!finding) continue;
          reported.push({ start, end });
          report({ region, start, end, actual: match[0], ...finding });
        }
      }
    }
  },
});

/** Whether the text holds one of these characters (any text, when there are none). */
function holdsAny(text: string, characters: string): boolean {
  if (characters === '') return true;
  for (const character of characters) if (text.includes(character)) return true;
  return false;
}

function overlapsPlaceholder(region: TextRegion, start: number, end: number): boolean {
  return region.placeholders.some((p) => start < p.end && end > p.start);
}
