import { htmlparser2, type HtmlParser2 } from '../../util/htmlparser.js';
import { defineRule, type TextRegion } from '../types.js';
import { layoutAnchor } from './mjml-valid.js';

interface Options {
  /** Inboxes show about this many characters of preview text. */
  maxLength: number;
}

export default defineRule<Options>({
  meta: {
    id: 'preheader',
    description: 'The preheader is there, fits the inbox preview (about 90 characters) and does not repeat the first line of the body.',
    sources: ['N8', 'C2'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { maxLength: { type: 'integer', minimum: 1, default: 90 } },
    },
    messages: {
      missing: 'The template has no preheader',
      'renders-empty': 'The preheader renders empty with the fixture data',
      // `{{ preheader }}` would read as a placeholder: the element comes as data.
      'not-in-email': 'The preheader is not in the email: the layout has no `{{preview}}`',
      'too-long': 'The preheader is {{length}} characters with the fixture data; inboxes show about {{maxLength}}, so put what matters first or shorten it',
      'repeats-body': 'The preheader repeats the first line of the body (`{{line}}`); use it to say what the subject does not',
    },
    appliesTo: { email: true },
  },
  check(document, { options, report }) {
    const region = document.preheader;
    const sample = document.email?.sample;
    const whole = region ? { region, start: 0, end: region.text.trimEnd().length } : { start: 0 };
    if (!region || region.text.trim() === '' || (sample && sample.preheader.trim() === '')) {
      report({
        ...whole,
        messageId: sample && region && region.text.trim() !== '' ? 'renders-empty' : 'missing',
        note: "Without one, inboxes show the first text of the email after the subject: often a logo's alt text or the greeting.",
      });
      return;
    }
    if (!sample) return;
    if (!hiddenTexts(sample.html).some((text) => comparable(text) === comparable(sample.preheader))) {
      report({
        ...layoutAnchor(document),
        messageId: 'not-in-email',
        data: { preview: '<mj-preview>{{ preheader }}</mj-preview>' },
      });
    }
    const length = graphemes(normaliseSpace(sample.preheader));
    if (length > options.maxLength) {
      report({
        ...whole,
        messageId: 'too-long',
        data: { length, maxLength: options.maxLength },
        actual: sample.preheader,
      });
    }
    const firstLine = (sample.text.split('\n').find((line) => line.trim() !== '') ?? '').trim();
    const firstBody = document.body[0];
    const repeated = repeats(sample.preheader, firstLine) ? firstLine : firstBody && repeats(canonical(region), canonical(firstBody)) ? canonical(firstBody).trim() : undefined;
    if (repeated !== undefined) {
      report({ ...whole, messageId: 'repeats-body', data: { line: repeated } });
    }
  },
});

/** The preheader says nothing new when it is the body's first line, or the start of it. */
function repeats(preheader: string, line: string): boolean {
  const a = comparable(preheader);
  const b = comparable(line);
  return a !== '' && b !== '' && b.startsWith(a);
}

/** Letters and digits only, lowercased: punctuation, spacing and case do not make a preheader different. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A region's text with each placeholder written as its expression, so `{{ a }}` and `{{ b }}` differ. */
function canonical(region: TextRegion): string {
  let out = '';
  let last = 0;
  for (const placeholder of region.placeholders) {
    out += `${region.text.slice(last, placeholder.start)}{{ ${placeholder.expression} }}`;
    last = placeholder.end;
  }
  return out + region.text.slice(last);
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

/** The text of each hidden element (`display:none`): where `<mj-preview>` puts the preheader. */
function hiddenTexts(html: string): string[] {
  const texts: string[] = [];
  const open: { hidden: boolean; text: string }[] = [];
  const parser = new (htmlparser2().Parser)(
    {
      onopentag(_name, attributes) {
        open.push({ hidden: /display\s*:\s*none/i.test(attributes['style'] ?? ''), text: '' });
      },
      ontext(text) {
        for (const element of open) if (element.hidden) element.text += text;
      },
      onclosetag() {
        const element = open.pop();
        if (element?.hidden) texts.push(element.text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return texts;
}
