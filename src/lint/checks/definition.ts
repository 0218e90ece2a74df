import { defineRule, type Rule, type RuleMeta } from '../types.js';
import { phraseLexicons, phraseMessages, runPhraseCheck } from './phrase.js';
import { exampleOf, hasRequired, requiredPlace } from './requires.js';

interface CheckBase {
  description: string;
  /** Seed ids (SEEDS.md) or the team's own references. */
  sources?: string[];
  severity?: 'warn' | 'error';
  /** Where the check is explained; shown with each message. */
  url?: string;
  /** Only for these stages. */
  stages?: string[];
}

/** A team's phrase check, as data in its config: `{ "type": "phrase", "lexicon": …, "messages": { category: text } }`. */
export interface PhraseCheckDefinition extends CheckBase {
  type: 'phrase';
  lexicon: string;
  messages: Record<string, string>;
  note?: string;
}

/** A team's requires check: a category the body must contain, else a message at its start or end. */
export interface RequiresCheckDefinition extends CheckBase {
  type: 'requires';
  lexicon: string;
  categories: string[];
  at: 'start' | 'end';
  message: string;
  include?: { subject?: boolean; layout?: boolean };
}

export type CheckDefinition = PhraseCheckDefinition | RequiresCheckDefinition;

const common = {
  description: { type: 'string', minLength: 1 },
  sources: { type: 'array', items: { type: 'string', minLength: 1 } },
  severity: { enum: ['warn', 'error'] },
  url: { type: 'string', pattern: '^https?://' },
  stages: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  lexicon: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
};

/** The JSON schema of a check definition (a value of the config's `checks`). */
export const checkDefinitionSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'description', 'lexicon', 'messages'],
      properties: {
        ...common,
        type: { const: 'phrase' },
        messages: {
          description: 'For each lexicon category to find: the message, with {{text}} for the phrase found.',
          type: 'object',
          minProperties: 1,
          additionalProperties: { type: 'string', minLength: 1 },
        },
        note: { type: 'string', minLength: 1 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'description', 'lexicon', 'categories', 'at', 'message'],
      properties: {
        ...common,
        type: { const: 'requires' },
        categories: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
        at: { enum: ['start', 'end'] },
        message: { type: 'string', minLength: 1 },
        include: { type: 'object', additionalProperties: false, properties: { subject: { type: 'boolean' }, layout: { type: 'boolean' } } },
      },
    },
  ],
} as const;

const NO_OPTIONS = { type: 'object', additionalProperties: false, properties: {} } as const;

/** The rule a check definition describes: the generic check, configured by its data. */
export function checkRule(id: string, definition: CheckDefinition): Rule<Record<string, never>> {
  const meta: Omit<RuleMeta<Record<string, never>>, 'messages' | 'lexicons'> = {
    id,
    description: definition.description,
    sources: definition.sources ?? [],
    defaultSeverity: definition.severity ?? 'warn',
    schema: NO_OPTIONS,
    ...(definition.url ? { url: definition.url } : {}),
    ...(definition.stages ? { appliesTo: { stages: definition.stages } } : {}),
  };
  if (definition.type === 'phrase') {
    const check = { lexicon: definition.lexicon, messages: definition.messages, ...(definition.note ? { note: definition.note } : {}) };
    // A phrase the team forbids is as wrong in a layout's footer as in a template.
    const appliesTo = { ...meta.appliesTo, layouts: true as const };
    return defineRule({
      meta: { ...meta, appliesTo, messages: phraseMessages(check), lexicons: phraseLexicons(check), hasSuggestions: true },
      check: (document, context) => runPhraseCheck(check, document, context),
    });
  }
  const check = { lexicon: definition.lexicon, categories: definition.categories, at: definition.at, ...(definition.include ? { include: definition.include } : {}) };
  return defineRule({
    meta: {
      ...meta,
      lexicons: { [check.lexicon]: check.categories },
      messages: { missing: definition.message, 'missing-example': `${definition.message} (for example \`{{example}}\`)` },
    },
    check(document, { report, lexicon }) {
      if (hasRequired(check, document, lexicon)) return;
      const example = check.categories.map((category) => exampleOf(check, category, lexicon)).find((text) => text !== undefined);
      report({ ...requiredPlace(check, document), ...(example ? { messageId: 'missing-example', data: { example } } : { messageId: 'missing' }) });
    },
  });
}
