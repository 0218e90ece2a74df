import { findPhrases } from '../phrases.js';
import { defineRule, type Link, type LintDocument, type TextRegion } from '../types.js';
import { endOfBody, refersTo } from '../places.js';
import { fillExample } from '../locale/profile.js';

interface Options {
  /** Data paths a template lists the payment methods from. */
  methodPlaceholders: string[];
  /** When the body must also offer another way to pay or help: in late stages, always, or never. */
  alternative: 'late' | 'always' | 'never';
}

export default defineRule<Options>({
  meta: {
    id: 'call-to-action',
    description: 'The body gives a way to pay (a button or link); once late, also another way to pay or an offer of help.',
    sources: ['C4', 'N4', 'T3', 'R5'],
    defaultSeverity: 'warn',
    lexicons: { 'payment-options': ['method', 'alternative', 'help'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        methodPlaceholders: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['paymentMethods'] },
        alternative: { enum: ['late', 'always', 'never'], default: 'late' },
      },
    },
    defaultOptions: { methodPlaceholders: ['paymentMethods'], alternative: 'late' },
  },
  check(document, { options, report, lexicon, locale }) {
    const ways = lexicon('payment-options');
    const links = document.links.filter(isWayToPay);
    // The layout's copy counts for offers of help (`Questions? Just reply.` in a footer).
    const regions = [...document.body, ...(document.layout?.regions ?? [])];
    const matches = findPhrases({ ...document, subject: undefined, preheader: undefined, body: regions }, ways);
    const methods = matches.filter((m) => m.entry.category === 'method');
    const suggestion = (category: string): string | undefined => ways.entries.find((e) => e.category === category && e.suggestion)?.suggestion;

    // A plain message may give the way to pay in words (bank details) rather than a link.
    const primary = links.length > 0 ? 'link' : document.kind === 'message' && methods.length > 0 ? 'method' : undefined;
    if (!primary) {
      report({
        ...endOfBody(document),
        reason:
          document.kind === 'template'
            ? locale.examples?.payButton
              ? `Body has no button or link to pay; add one, such as \`<mj-button href="{{ payUrl }}">${locale.examples.payButton}</mj-button>\``
              : 'Body has no button or link to pay; add an `<mj-button href="{{ payUrl }}">` labelled in the template\'s language'
            : 'Body gives no way to pay; add a link to pay the invoice, or say how to pay',
      });
    }

    const late = document.stage?.late ?? (document.businessDaysLate !== undefined && document.businessDaysLate > 0);
    if (options.alternative === 'never' || (options.alternative === 'late' && !late)) return;
    if (ways.entries.length === 0) return;
    const paths = options.methodPlaceholders.map(refersTo);
    const listsMethods = regions.some((region) => region.placeholders.some((p) => paths.some((path) => path.test(p.expression))));
    const helps = matches.some((m) => m.entry.category === 'help' || m.entry.category === 'alternative');
    const distinctMethods = new Set(methods.map((m) => m.text.toLowerCase())).size;
    const another = listsMethods || helps || (primary === 'link' ? distinctMethods > 0 : distinctMethods > 1);
    if (another) return;
    // A template gets the profile's sentence that lists the methods; without one, a suggestion from the lexicon.
    const sentence = locale.examples?.otherWaysToPay;
    const offer =
      document.kind === 'template' && sentence && options.methodPlaceholders[0]
        ? fillExample(sentence, { methods: `{{ ${options.methodPlaceholders[0]} | join(", ", "label") }}` })
        : (suggestion('help') ?? suggestion('alternative'));
    const firstLink = links[0];
    report({
      ...(firstLink ? { start: firstLink.start } : endOfBody(document)),
      reason: `Body offers no other way to pay and no help; ${offer ? `add, for example, \`${offer}\`` : 'name another payment method or offer help'}`,
    });
  },
});

/** A link to follow to pay: not an email address or a phone number, not an empty anchor. */
function isWayToPay(link: Link): boolean {
  const href = link.href.trim();
  return href !== '' && !href.startsWith('#') && !/^(?:mailto|tel|sms):/i.test(href);
}

