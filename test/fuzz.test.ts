/**
 * Random input at the two public entry points: render() with data shaped like a
 * billing system's (valid, broken, hostile), and lint() with any subject, body and
 * options. Either the call succeeds with an output that states no `undefined`, `NaN`
 * or `[object Object]`, or it throws a DunmailError. Bounded: well under a minute.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../src/project/renderer.js';
import { buildBundle } from '../src/bundle/build.js';
import type { Bundle } from '../src/runtime/index.js';
import { lint } from '../src/lint/linter.js';
import { DunmailError } from '../src/errors.js';
import type { Email } from '../src/render/render.js';
import { loadFixture, shippedCases } from './helpers.js';

const RUNTIME = fileURLToPath(new URL('../src/runtime/index.ts', import.meta.url));
const BROKEN = /undefined|NaN|\[object Object\]/;

let renderer: Renderer;
let bundle: Bundle;
beforeAll(async () => {
  renderer = await createRenderer();
  const { file } = await buildBundle({ out: mkdtempSync(path.join(os.tmpdir(), 'dunmail-fuzz-')), runtime: RUNTIME });
  bundle = ((await import(pathToFileURL(file).href)) as { default: Bundle }).default;
}, 120_000);

/** Values a billing system might send in any field: right, wrong, empty, hostile. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '0', '-0', '1e3', '12.345', '-5.00', 'NaN', 'undefined', '[object Object]', '2026-02-30', '2026-13-01', 'javascript:alert(1)', 'https://example.com/pay', '=?utf-8?B?SGk=?=', 'a\u2028b', 'a\r\nBcc: x@example.com', '{{ 7*7 }}', '<script>x</script>', 'JPY', 'EUR', 'XXX'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A fixture with some fields replaced, deleted or added, at any depth. */
const mutatedData = fc
  .record({
    which: fc.constantFrom(...shippedCases()),
    edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), fieldValue, fc.string({ maxLength: 8 })), { maxLength: 4 }),
  })
  .map(({ which, edits }) => {
    const data = structuredClone(loadFixture(which.locale, which.stage)) as unknown as Record<string, unknown>;
    for (const [pick, action, value, key] of edits) {
      const places = objectsIn(data);
      const [target] = places.slice(pick % places.length);
      if (!target) continue;
      const keys = Object.keys(target);
      const name = action === 'add' ? key : keys[pick % Math.max(1, keys.length)];
      if (name === undefined) continue;
      if (action === 'delete') delete target[name];
      else target[name] = value;
    }
    return { stage: which.stage, locale: which.locale, data };
  });

function objectsIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value && typeof value === 'object') {
    found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectsIn(child, found);
  }
  return found;
}

function expectTruthful(email: Email): void {
  for (const [part, text] of Object.entries(email)) expect(text, part).not.toMatch(BROKEN);
}

function renderOrDunmailError(run: () => Email): 'ok' | 'refused' {
  try {
    expectTruthful(run());
    return 'ok';
  } catch (error) {
    if (error instanceof DunmailError) return 'refused';
    throw error;
  }
}

describe('fuzz: render() and bundle.render() with random data', () => {
  it('either render a truthful email or throw a DunmailError, and agree on which', () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedData, (input) => {
        // Values like "undefined" typed into a field are the data's words, not a broken render.
        fc.pre(!BROKEN.test(JSON.stringify(input.data)));
        const library = renderOrDunmailError(() => renderer.render(input));
        outcomes[library]++;
        const bundled = renderOrDunmailError(() => bundle.render(input));
        expect(bundled).toBe(library);
      }),
      { numRuns: 300 },
    );
    // The property means something only when both outcomes happen often.
    expect(outcomes.ok).toBeGreaterThan(30);
    expect(outcomes.refused).toBeGreaterThan(30);
  });

  it('any value at all is refused with a DunmailError, never a crash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shippedCases()), fc.anything(), (which, data) => {
        expect(renderOrDunmailError(() => renderer.render({ stage: which.stage, locale: which.locale, data }))).toBe('refused');
        expect(renderOrDunmailError(() => bundle.render({ stage: which.stage, locale: which.locale, data }))).toBe('refused');
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: lint() with random subjects, bodies and options', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.lorem({ maxCount: 40 }),
    fc.constantFrom('', '\n\n\n', 'URGENT!!! PAY NOW', 'Invoice {{ invoice.number }} {% if x %}', 'Hola, la factura INV-1 vence el 3 de marzo.', 'Счёт № 12 просрочен на 5 дней.', 'ใบแจ้งหนี้ INV-1 ครบกำหนด', '\u0000\u2028\ufeff'),
  );
  const options = fc.record(
    {
      stage: fc.constantFrom('before-due', 'due-today', 'overdue-early', 'overdue-late', 'final-notice', 'nope', ''),
      locale: fc.constantFrom('en', 'es', 'ro', 'ru', 'th', 'es-MX', 'xx', ''),
      invoiceNumber: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('INV-1')),
      businessDaysLate: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double()),
    },
    { requiredKeys: [] },
  );

  it('either report findings that state no undefined, NaN or [object Object], or throw a DunmailError', () => {
    fc.assert(
      fc.property(text, text, options, (subject, body, context) => {
        try {
          const file = lint({ subject, body, ...context });
          for (const message of file.messages) {
            expect(message.reason).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
            for (const suggestion of message.expected ?? []) expect(suggestion).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
            expect(message.ruleId).toBeTruthy();
            expect(message.line).toBeGreaterThanOrEqual(1);
          }
        } catch (error) {
          if (!(error instanceof DunmailError)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });
});
