import type { Rule } from '../types.js';
import { checkDefinitionSchema } from '../checks/definition.js';

const SEVERITY = { enum: ['off', 'warn', 'error'] };

/**
 * The JSON schema of a dunmail config, made from the rules' own metadata so that
 * editors autocomplete every rule id and its options (rules/dunmail.config.schema.json).
 * Without `ruleOptions`, a rule's options need only be an object: what the config reader
 * checks the file against, as it checks each rule's options with the rule's own schema
 * (config/load.ts). With them, ajv's code for the whole file is half a megabyte, which took
 * a tenth of every start to load.
 */
export function configSchema(rules: ReadonlyMap<string, Rule<any>>, { ruleOptions = true } = {}): object {
  const ruleSettings: Record<string, object> = {};
  for (const [id, rule] of ruleOptions ? rules : []) {
    ruleSettings[id] = {
      description: `${rule.meta.description} (${rule.meta.sources.join(', ')})`,
      oneOf: [
        SEVERITY,
        { type: 'array', items: [SEVERITY], minItems: 1, maxItems: 1 },
        { type: 'array', items: [SEVERITY, rule.meta.schema], minItems: 2, maxItems: 2 },
      ],
    };
  }
  // A rule the config's own checks define is known only once the config is read.
  const anySetting = {
    oneOf: [
      SEVERITY,
      { type: 'array', items: [SEVERITY], minItems: 1, maxItems: 1 },
      { type: 'array', items: [SEVERITY, { type: 'object' }], minItems: 2, maxItems: 2 },
    ],
  };
  const rulesObject = { type: 'object', additionalProperties: anySetting, properties: ruleSettings };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://dunmail.dev/schemas/dunmail.config.schema.json',
    title: 'dunmail configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'Configs to start from: "dunmail:recommended" or paths relative to this file.',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      lexicons: {
        description: 'Folders of extra lexicons (<locale>/<name>.json), relative to this file.',
        type: 'array',
        items: { type: 'string' },
      },
      rules: rulesObject,
      checks: {
        description: 'Your own checks, by id: "phrase" (a lexicon category found in the copy) or "requires" (a category the body must contain).',
        type: 'object',
        propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$' },
        additionalProperties: checkDefinitionSchema,
      },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rules'],
          properties: {
            stages: { type: 'array', items: { type: 'string' }, minItems: 1 },
            locales: { type: 'array', items: { type: 'string' }, minItems: 1 },
            rules: rulesObject,
          },
        },
      },
    },
  };
}
