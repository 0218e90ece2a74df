import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { dataTypesSource } from '../../scripts/data-types-source.js';
import { assertRenderData, dataValidator } from '../../src/data/validate.js';
import type { RenderData } from '../../src/data/types.js';
import dataSchema from '../../src/schemas/data.schema.json' with { type: 'json' };
import { ROOT, loadFixture, shippedCases } from '../helpers.js';

describe('src/data/types.ts', () => {
  it('is what `npm run types:data` generates from the schema (regenerate after a schema change)', async () => {
    const committed = readFileSync(path.join(ROOT, 'src/data/types.ts'), 'utf8');
    expect(await dataTypesSource()).toBe(committed);
  });

  it('names every top-level schema property, required ones without ?', () => {
    const committed = readFileSync(path.join(ROOT, 'src/data/types.ts'), 'utf8');
    const body = committed.slice(committed.indexOf('export interface RenderData {'));
    for (const key of Object.keys(dataSchema.properties)) {
      const optional = !dataSchema.required.includes(key);
      expect(body, key).toMatch(new RegExp(`\\n  ${key}${optional ? '\\?' : ''}: `));
    }
  });
});

describe('RenderData and the schema agree', () => {
  it.each(shippedCases())('the $stage fixture in $locale, validated by the schema, is a RenderData', ({ stage, locale }) => {
    const parsed: unknown = JSON.parse(readFileSync(path.join(ROOT, 'templates/fixtures', locale, `${stage}.json`), 'utf8'));
    const validate = dataValidator();
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    if (!validate(parsed)) return;
    // The validator narrows unknown to RenderData: the schema's output type is the TS type.
    expectTypeOf(parsed).toEqualTypeOf<RenderData>();
    const data: RenderData = parsed;
    expect(data.invoice.number).toMatch(/\p{N}/u);
  });

  it('assertRenderData narrows too', () => {
    const value: unknown = loadFixture('en', 'due-today');
    assertRenderData(value);
    expectTypeOf(value).toExtend<RenderData>();
    expectTypeOf(value.invoice.amount).toEqualTypeOf<string>();
  });

  it('types fields as the schema does', () => {
    // Amounts are decimal strings, never numbers.
    expectTypeOf<RenderData['invoice']['amount']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<RenderData['lateFee']>['amount']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RenderData['paymentMethods'][number]['kind']>().toEqualTypeOf<
      'card' | 'bank-transfer' | 'ach' | 'direct-debit' | 'paypal' | 'cheque' | 'other' | undefined
    >();
    expectTypeOf<RenderData['company']['address']>().toEqualTypeOf<string[]>();
    expectTypeOf<RenderData['invoice']['lineItems']>().toEqualTypeOf<
      { description: string; quantity: number; unitPrice?: string; total: string }[] | undefined
    >();
    // Required and optional as in the schema's `required` lists.
    expectTypeOf<RenderData>().toHaveProperty('payUrl').toEqualTypeOf<string>();
    expectTypeOf<RenderData>().toHaveProperty('sendDate').toEqualTypeOf<string | undefined>();
    expectTypeOf<{ sendDate: string }>().toExtend<Pick<RenderData, 'sendDate'>>();
    expectTypeOf<{}>().toExtend<Pick<RenderData, 'sendDate'>>();
    expectTypeOf<{}>().not.toExtend<Pick<RenderData, 'payUrl'>>();
    // No field beyond the schema's (additionalProperties: false).
    expectTypeOf<keyof RenderData>().toEqualTypeOf<
      'customer' | 'invoice' | 'invoices' | 'payUrl' | 'sendDate' | 'paymentMethods' | 'sender' | 'company' | 'lateFee' | 'attachments'
    >();
    expect(Object.keys(dataSchema.properties).sort()).toEqual(
      ['customer', 'invoice', 'invoices', 'payUrl', 'sendDate', 'paymentMethods', 'sender', 'company', 'lateFee', 'attachments'].sort(),
    );
  });

  it('this file type-checks, so the expectTypeOf assertions above hold', () => {
    const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file));
    const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const file = path.join(ROOT, 'test/data/types.test.ts');
    const program = ts.createProgram([file], { ...config.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(text).toEqual([]);
  });
});
