import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { junit } from '../../../src/lint/reporters/junit.js';
import { context, lintBad, lintClean, SCHEMAS } from './fixtures.js';

const XSD = readFileSync(path.join(SCHEMAS, 'jenkins-junit-10.xsd'), 'utf8');

/** libxml2's parser and the XSD Jenkins' xUnit plugin reads reports with. */
async function expectValid(xml: string): Promise<void> {
  const result = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema: { fileName: 'junit-10.xsd', contents: XSD } });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

const parsed = async (xml: string): Promise<TestSuites> => (await parse(xml)) as TestSuites;

describe('the junit reporter', () => {
  it("is valid against Jenkins' JUnit schema", async () => {
    await expectValid(junit([lintBad(), lintClean()], context));
  });

  it('states counts that match the test cases and failures a CI system reads', async () => {
    const bad = lintBad();
    const report = await parsed(junit([bad, lintClean()], context));
    const suites = report.testsuite ?? [];
    expect(suites.map((s) => s.name)).toEqual(['templates/en/test-case.mjml.njk', 'templates/en/clean.mjml.njk']);
    for (const suite of suites) {
      const cases = suite.testcase ?? [];
      expect(suite.tests).toBe(cases.length);
      expect(suite.failures).toBe(cases.filter((c) => c.failure?.length).length);
      expect(suite.errors).toBe(0);
    }
    expect(report.tests).toBe(bad.messages.length + 1);
    expect(report.failures).toBe(bad.messages.length);
  });

  it('fails one test case per message, typed error or warning, and passes a clean file as one test case', async () => {
    const bad = lintBad();
    const [failing, clean] = (await parsed(junit([bad, lintClean()], context))).testsuite ?? [];
    expect(failing?.testcase?.map((c) => c.failure?.[0]?.type)).toEqual(bad.messages.map((m) => (m.fatal ? 'error' : 'warning')));
    expect(failing?.testcase?.[0]).toMatchObject({ name: 'urgent-when-late at 4:11', classname: 'templates/en/test-case.mjml.njk' });
    expect(failing?.testcase?.[0]?.failure?.[0]?.inner).toContain('templates/en/test-case.mjml.njk:4:11: `URGENT` in the `before-due` stage');
    expect(failing?.testcase?.[0]?.failure?.[0]?.inner).toContain('Suggestion: remove `URGENT`');
    expect(clean?.testcase).toEqual([{ name: 'dunmail', classname: 'templates/en/clean.mjml.njk', time: 0 }]);
  });

  it('escapes markup, quotes, line breaks and characters XML cannot hold', async () => {
    const file = new VFile({ path: 'a&b <draft>.txt' });
    const reason = 'Say "please" & <b>thanks</b>\nnot \'now\'\u0007 or \ud800';
    const message = file.message(reason, { place: { line: 2, column: 3 }, ruleId: 'r&d' });
    message.url = 'https://example.com/?a=1&b=2';
    const xml = junit([file], context);
    await expectValid(xml);
    const [suite] = (await parsed(xml)).testsuite ?? [];
    expect(suite?.name).toBe('a&b <draft>.txt');
    const [testcase] = suite?.testcase ?? [];
    expect(testcase?.name).toBe('r&d at 2:3');
    // The attribute keeps the line break; the bell and the lone surrogate become U+FFFD.
    expect(testcase?.failure?.[0]?.message).toBe('Say "please" & <b>thanks</b>\nnot \'now\'\ufffd or \ufffd');
    expect(testcase?.failure?.[0]?.inner).toContain('https://example.com/?a=1&b=2');
  });

  it('reports an empty run as an empty, valid set of suites', async () => {
    const xml = junit([], context);
    await expectValid(xml);
    expect(await parsed(xml)).toMatchObject({ name: 'dunmail', tests: 0, failures: 0 });
  });
});
