import { exampleOf, requiredPlace, type RequiresCheck } from '../checks/requires.js';
import { findPhrases } from '../phrases.js';
import { defineRule, type Link } from '../types.js';
import { endOfBody, refersTo } from '../places.js';
import { fillExample } from '../locale/profile.js';

interface Options {
  /** Data paths a template lists the payment methods from. */
  methodPlaceholders: string[];
  /** When the body must also offer another way to pay or help: in late stages, always, or never. */
  alternative: 'late' | 'always' | 'never';
}

/**
 * Once late: an offer of help or of another way to pay, added after the copy. A methods
 * placeholder or another method named does as well, so the rule does its own search (one
 * for methods and offers) and takes the place and the example from the check.
 */
const offer: RequiresCheck = { lexicon: 'payment-options', categories: ['help', 'alternative'], at: 'end', include: { layout: true } };

/** The href of the pay button a template is asked to add. */
const PAY_URL = '{{ payUrl }}';

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
    messages: {
      'no-pay-button-example': 'Body has no button or link to pay; add one, such as `<mj-button href="{{href}}">{{label}}</mj-button>`',
      'no-pay-button': 'Body has no button or link to pay; add an `<mj-button href="{{href}}">` labelled in the template\'s language',
      'no-way-to-pay': 'Body gives no way to pay; add a link to pay the invoice, or say how to pay',
      'no-alternative-example': 'Body offers no other way to pay and no help; add, for example, `{{example}}`',
      'no-alternative': 'Body offers no other way to pay and no help; name another payment method or offer help',
    },
  },
  check(document, { options, report, lexicon, locale }) {
    const ways = lexicon('payment-options');
    const links = document.links.filter(isWayToPay);
    // The layout's copy counts for offers of help (`Questions? Just reply.` in a footer).
    const regions = [...document.body, ...(document.layout?.regions ?? [])];
    const matches = findPhrases({ ...document, subject: undefined, preheader: undefined, body: regions }, ways);
    const methods = matches.filter((m) => m.entry.category === 'method');

    // A plain message may give the way to pay in words (bank details) rather than a link.
    const primary = links.length > 0 ? 'link' : document.kind === 'message' && methods.length > 0 ? 'method' : undefined;
    if (!primary) {
      const label = locale.examples?.payButton;
      report({
        ...endOfBody(document),
        ...(document.kind !== 'template'
          ? { messageId: 'no-way-to-pay' }
          : label
            ? { messageId: 'no-pay-button-example', data: { href: PAY_URL, label } }
            : { messageId: 'no-pay-button', data: { href: PAY_URL } }),
      });
    }

    const late = document.stage?.late ?? (document.businessDaysLate !== undefined && document.businessDaysLate > 0);
    if (options.alternative === 'never' || (options.alternative === 'late' && !late)) return;
    if (ways.entries.length === 0) return;
    const paths = options.methodPlaceholders.map(refersTo);
    const listsMethods = regions.some((region) => region.placeholders.some((p) => paths.some((path) => path.test(p.expression))));
    const helps = matches.some((m) => offer.categories.includes(m.entry.category));
    const distinctMethods = new Set(methods.map((m) => m.text.toLowerCase())).size;
    const another = listsMethods || helps || (primary === 'link' ? distinctMethods > 0 : distinctMethods > 1);
    if (another) return;
    // A template gets the profile's sentence that lists the methods; without one, a suggestion from the lexicon.
    const sentence = locale.examples?.otherWaysToPay;
    const example =
      document.kind === 'template' && sentence && options.methodPlaceholders[0]
        ? fillExample(sentence, { methods: `{{ ${options.methodPlaceholders[0]} | join(", ", "label") }}` })
        : offer.categories.map((category) => exampleOf(offer, category, lexicon)).find((text) => text !== undefined);
    const firstLink = links[0];
    report({
      ...(firstLink ? { start: firstLink.start } : requiredPlace(offer, document)),
      ...(example ? { messageId: 'no-alternative-example', data: { example } } : { messageId: 'no-alternative' }),
    });
  },
});

/** A link to follow to pay: not an email address or a phone number, not an empty anchor. */
function isWayToPay(link: Link): boolean {
  const href = link.href.trim();
  return href !== '' && !href.startsWith('#') && !/^(?:mailto|tel|sms):/i.test(href);
}

