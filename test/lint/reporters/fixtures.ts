import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { createLinter } from '../../../src/lint/linter.js';
import type { ReportContext } from '../../../src/lint/reporters/index.js';
import { TEMPLATE_PATH, template } from '../rule-tester.js';

const require = createRequire(import.meta.url);
export const SCHEMAS = path.join(path.dirname(new URL(import.meta.url).pathname), 'schemas');

export const linter = createLinter({ only: ['urgent-when-late', 'plain-language', 'greeting', 'no-aggressive'] });
export const context: ReportContext = { cwd: process.cwd(), rules: linter.rules, version: '0.0.0' };

/** A template whose copy breaks four rules, with non-ASCII text before some findings, so byte and UTF-16 columns differ. */
export function badTemplate(extraLinesAbove = 0): string {
  const padding = '\n'.repeat(extraLinesAbove);
  return template(
    { stage: 'before-due', subject: 'URGENT: invoice {{ invoice.number }}' },
    `${padding}<mj-text><p>Dear valued customer, you have ignored our emails. Please remit payment — café ☕ URGENT.</p></mj-text>`,
  );
}

export const lintBad = (extraLinesAbove = 0): VFile => linter.lintTemplate(TEMPLATE_PATH, badTemplate(extraLinesAbove));
export const lintClean = (): VFile => linter.lintTemplate('templates/en/clean.mjml.njk', template({ stage: 'before-due', subject: 'Invoice {{ invoice.number }}' }, '<mj-text><p>Hello {{ customer.firstName }},</p><p>Thank you for your business.</p></mj-text>'));

export function readSchema(name: string): object {
  return JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8')) as object;
}

type Validator = ((data: unknown) => boolean) & { errors?: unknown };

/** ajv for draft-04 (reviewdog's schema); the package is CommonJS, so its class may arrive as default.default. */
export function draft04(schema: object): Validator {
  const module = require('ajv-draft-04') as { default?: unknown };
  const Ajv4 = (module.default ?? module) as new (options: object) => { compile(schema: object): Validator };
  return new Ajv4({ allErrors: true, strict: false }).compile(schema);
}

export function draft07(schema: object): Validator {
  const module = require('ajv') as { default?: unknown };
  const Ajv = (module.default ?? module) as new (options: object) => { compile(schema: object): Validator };
  return new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
}
