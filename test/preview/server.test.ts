import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoute, startPreview, type PreviewServer } from '../../src/preview/server.js';
import { escapeHtml, html, raw } from '../../src/preview/html.js';
import { windowLabel } from '../../src/preview/pages.js';
import { loadFixture, removeTemplatesDirs, section, templateSource, templatesDir } from '../helpers.js';
import { loadProject } from '../../src/preview/project.js';
import { recommendedConfig } from '../../src/lint/config/load.js';
import { createLinter } from '../../src/lint/linter.js';
import { editFile, eventually, openEvents, rawRequest, removeTempProjects, tempProject } from './helpers.js';

afterAll(removeTempProjects);

const servers: PreviewServer[] = [];
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(templates: string, cwd: string): Promise<PreviewServer> {
  const server = await startPreview({ templates, cwd, port: 0, debounceMs: 30 });
  servers.push(server);
  return server;
}

async function get(server: PreviewServer, address: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(new URL(address, server.url));
  return { status: response.status, body: await response.text(), headers: response.headers };
}

async function paste(server: PreviewServer, address: string, data: string): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(address, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ data }),
  });
  return { status: response.status, body: await response.text() };
}

/** The stage ids of a templates folder and the locales that have a folder of templates in it. */
function sequenceOf(templates: string): { stages: string[]; locales: string[] } {
  const stages = (JSON.parse(readFileSync(path.join(templates, 'stages.json'), 'utf8')) as { stages: { id: string }[] }).stages.map((s) => s.id);
  const locales = readdirSync(templates, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['layouts', 'partials', 'fixtures'].includes(e.name))
    .map((e) => e.name);
  return { stages, locales };
}

describe('html', () => {
  it('escapes every interpolated value, and only raw() or html`` goes in as it is', () => {
    const value = `<script>alert("x") & 'y'</script>`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;</p>',
    );
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`, raw('<hr>')]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li><hr></ul>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('parseRoute', () => {
  it('knows the preview routes', () => {
    expect(parseRoute('/')).toEqual({ kind: 'index', fragment: false });
    expect(parseRoute('/fragment/index')).toEqual({ kind: 'index', fragment: true });
    expect(parseRoute('/events')).toEqual({ kind: 'events' });
    expect(parseRoute('/assets/preview.js')).toEqual({ kind: 'script' });
    expect(parseRoute('/template/en/due-today?fixture=en%2Foverdue-late')).toMatchObject({
      kind: 'template',
      slug: 'en/due-today',
      fragment: false,
    });
    expect(parseRoute('/fragment/template/en/due-today')).toMatchObject({ kind: 'template', slug: 'en/due-today', fragment: true });
  });

  it.each([
    '/../package.json',
    '/template/../../package.json',
    '/template/%2e%2e/%2e%2e/package.json',
    '/template/en/%2E%2E%2F%2E%2E%2Fstages',
    '/template/en/..%5C..%5Cstages',
    '/assets/..%2f..%2fpackage.json',
    '/template//etc/passwd',
    '/template/en/due-today%00',
    '/templates/stages.json',
    '/fixtures/en/due-today.json',
    '/assets/other.js',
    'template/en/due-today',
  ])('refuses %s', (address) => {
    expect(parseRoute(address)).toBeUndefined();
  });
});

describe('windowLabel', () => {
  it('reads a stage window as offsets from the due date', () => {
    const stage = (window: { start: number; end?: number; unit: 'days' | 'business-days' }, repeat?: number) => ({
      id: 's',
      tone: 'gentle' as const,
      late: false,
      window,
      ...(repeat ? { repeat: { everyDays: repeat } } : {}),
    });
    expect(windowLabel(stage({ start: -2, end: -1, unit: 'days' }))).toBe('\u22122 to \u22121 days');
    expect(windowLabel(stage({ start: 0, end: 0, unit: 'days' }))).toBe('on the due date');
    expect(windowLabel(stage({ start: 6, end: 21, unit: 'business-days' }, 7))).toBe('+6 to +21 business days, every 7 days');
    expect(windowLabel(stage({ start: 31, unit: 'days' }))).toBe('+31 days onwards');
  });
});

describe('dunmail preview server', () => {
  let server: PreviewServer;
  let project: { dir: string; templates: string };

  beforeAll(async () => {
    project = tempProject();
    // A lint error to find on the page: URGENT before the due date.
    editFile(path.join(project.templates, 'en/due-today.mjml.njk'), 'Just a quick note', 'URGENT: just a quick note');
    server = await serve(project.templates, project.dir);
  });

  it('binds to 127.0.0.1 and serves the index: every stage x locale of the sequence, as a timeline', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { status, body, headers } = await get(server, '/');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    const { stages, locales } = sequenceOf(project.templates);
    expect(locales).toContain('en');
    for (const stage of stages) {
      for (const locale of locales) expect(body, `${stage} in ${locale}`).toContain(`href="/template/${locale}/${stage}"`);
    }
    expect(body).toContain('on the due date');
    expect(body).toContain('+6 to +21 business days, every 7 days');
    expect(body).toMatch(/class="chip tone">urgent</);
    expect(body).toContain('<script src="/assets/preview.js" defer></script>');
  });

  it('serves a template page: both widths, the inbox row, the text part, word counts and lint messages', async () => {
    const { status, body } = await get(server, '/template/en/overdue-early');
    expect(status).toBe(200);
    expect(body).toMatch(/<iframe title="Email at 640 px"[^>]* width="640"[^>]* srcdoc="&lt;!doctype html&gt;/i);
    expect(body).toMatch(/<iframe title="Email at 375 px"[^>]* width="375"/);
    expect(body).toContain('<strong class="subject">Northwind Studio invoice INV-1042: payment not yet received</strong>');
    expect(body).toContain('Did invoice INV-1042 reach you?');
    expect(body).toMatch(/<pre class="text-part">Hello Dana,/);
    expect(body).toMatch(/<td class="" data-count="body">\d+<\/td>/);
    expect(body).toContain('body-length asks 50\u2013100');
    expect(body).toContain('No issues found.');
    expect(body).toContain('<option value="en/overdue-early" selected>en/overdue-early (default)</option>');
  });

  it('counts body words as the lint rules do', async () => {
    const { body } = await get(server, '/template/en/overdue-early');
    const count = Number(/data-count="body">(\d+)</.exec(body)?.[1]);
    // Counted by hand: 2 + 14 + 27 + 22 words in the first mj-text, 3 on the button, 5 after it,
    // each {{ … }} one word and {% if %} none.
    expect(count).toBe(73);
    // And as body-length counts them: a minimum it cannot meet makes it say its count.
    const config = recommendedConfig();
    config.rules.set('body-length', { severity: 'error', options: { min: 1000, max: 2000 } });
    const file = await createLinter({ config, only: ['body-length'] }).lintFile(path.join(project.templates, 'en/overdue-early.mjml.njk'));
    expect(file.messages.map((m) => /^Body has (\d+) words/.exec(m.reason)?.[1])).toEqual([String(count)]);
  });

  it('shows lint messages at the template line and column, linking to the rule docs', async () => {
    const { body } = await get(server, '/template/en/due-today');
    const text = readFileSync(path.join(project.templates, 'en/due-today.mjml.njk'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('URGENT')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('URGENT') + 1;
    const item = /<li class="message error" data-rule="urgent-when-late">[\s\S]*?<\/li>/.exec(body)?.[0] ?? '';
    expect(item).toContain(`<span class="where">${line}:${column}-${line}:${column + 6}</span>`);
    expect(item).toContain('`URGENT` in the `due-today` stage');
    expect(item).toContain('<a href="https://github.com/dunmail/dunmail/blob/main/docs/rules/urgent-when-late.md" target="_blank" rel="noopener noreferrer">urgent-when-late</a>');
  });

  it('renders another fixture picked in the switcher', async () => {
    const { status, body } = await get(server, '/template/en/before-due?fixture=en%2Foverdue-late');
    expect(status).toBe(200);
    expect(body).toContain('data: fixtures/en/overdue-late.json');
    expect(body).toContain('<option value="en/overdue-late" selected>en/overdue-late</option>');
    expect(body).toContain('data-fragment="/fragment/template/en/before-due?fixture=en%2Foverdue-late"');
  });

  it('refuses a fixture that is not in the list, escaped, without reading any file', async () => {
    const { status, body } = await get(server, `/template/en/before-due?fixture=${encodeURIComponent('../../package<b>')}`);
    expect(status).toBe(200);
    expect(body).toContain('there is no fixture &quot;../../package&lt;b&gt;&quot;');
    expect(body).not.toContain('package<b>');
    expect(body).not.toContain('"name": "dunmail"');
  });

  it('renders pasted JSON, escaped everywhere it appears', async () => {
    const data = loadFixture('en', 'overdue-early');
    data.customer.firstName = '<script>alert(1)</script>';
    data.company.name = '"><img src=x onerror=alert(2)>';
    const { status, body } = await paste(server, '/template/en/overdue-early', JSON.stringify(data, null, 2));
    expect(status).toBe(200);
    expect(body).toContain('data: pasted JSON');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    // In the text part and the textarea: escaped once; in the srcdoc: the email's own escaping, escaped again.
    expect(body).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(body).toContain('&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;');
    expect(body).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(body).toMatch(/<textarea id="data" name="data"[^>]*>\{\n {2}&quot;customer&quot;/);
    // The live update posts the same data again.
    expect(body).toMatch(/<textarea id="pasted-data" hidden>\{/);
  });

  it('shows bad pasted JSON inline with its line and column, escaped, with status 422', async () => {
    const syntax = await paste(server, '/template/en/overdue-early', '{\n  "customer": <oops>\n}');
    expect(syntax.status).toBe(422);
    expect(syntax.body).toContain('The data is not valid');
    expect(syntax.body).toContain('pasted JSON:2:15: error DATA_INVALID: the render data is not valid JSON: this character is not JSON here');
    expect(syntax.body).toContain('<span class="code-line hit"><span class="ln">2</span>  &quot;customer&quot;: &lt;oops&gt;</span>');
    expect(syntax.body).not.toContain('<oops>');

    const data = loadFixture('en', 'overdue-early') as unknown as Record<string, unknown>;
    delete data['payUrl'];
    data['sendDate'] = '<b>soon</b>';
    const schema = await paste(server, '/template/en/overdue-early', JSON.stringify(data, null, 2));
    expect(schema.status).toBe(422);
    expect(schema.body).toMatch(/the render data has 2 problem\(s\)/);
    expect(schema.body).toMatch(/payUrl/);
    expect(schema.body).toContain('/sendDate');
    expect(schema.body).not.toContain('<b>soon</b>');
    // No email is shown for data that does not validate.
    expect(schema.body).not.toContain('<iframe');
  });

  it('accepts pasted data as application/json too, and refuses other bodies', async () => {
    const fixture = readFileSync(path.join(project.templates, 'fixtures/en/due-today.json'), 'utf8');
    const json = await fetch(new URL('/fragment/template/en/due-today', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: fixture });
    expect(json.status).toBe(200);
    expect(await json.text()).toContain('<iframe');
    const other = await fetch(new URL('/template/en/due-today', server.url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fixture });
    expect(other.status).toBe(415);
  });

  it('serves fragments for live updates, with the compilation version', async () => {
    const index = await get(server, '/fragment/index');
    expect(index.status).toBe(200);
    expect(index.body).not.toContain('<html');
    expect(index.headers.get('x-dunmail-version')).toBe(String(server.project.version));
    const page = await get(server, '/fragment/template/en/due-today');
    expect(page.body).toContain('data-rule="urgent-when-late"');
    const script = await get(server, '/assets/preview.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("new EventSource('/events')");
  });

  it.each([
    '/../package.json',
    '/template/../../package.json',
    '/template/%2e%2e/%2e%2e/package.json',
    '/template/en/..%2F..%2Fstages',
    '/assets/..%2f..%2fpackage.json',
    '/templates/en/due-today.mjml.njk',
    '/template/en/due-today.mjml.njk',
    '/fixtures/en/due-today.json',
    '/template/en/no-such-stage',
    '/favicon.ico',
  ])('answers %s with 404 and no file content', async (address) => {
    const response = await rawRequest(server.url, address);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name": "dunmail"');
    expect(response.body).not.toContain('stage: due-today');
  });

  it('refuses other hosts (DNS rebinding) and other methods', async () => {
    const rebound = await rawRequest(server.url, '/', { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    const local = await rawRequest(server.url, '/', { headers: { host: `localhost:${server.port}` } });
    expect(local.status).toBe(200);
    const put = await rawRequest(server.url, '/template/en/due-today', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, HEAD, POST');
  });

  it('refuses cross-site POSTs: Sec-Fetch-Site cross-site, or an Origin that is not its own', async () => {
    const own = new URL(server.url).origin;
    const post = (headers: Record<string, string>) =>
      rawRequest(server.url, '/fragment/template/en/due-today', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ data: '{}' }).toString(),
      });
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: `http://localhost:${server.port + 1}`, 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ]) {
      const refused = await post(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body).toMatch(/^dunmail preview: refused a (cross-site POST|POST from another origin)/);
    }
    // Its own page, and a client that is no browser, still paste (the data is invalid: 422).
    expect((await post({ origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(422);
    expect((await post({})).status).toBe(422);
  });

  it('refuses pasted data over the size limit', async () => {
    const response = await rawRequest(server.url, '/template/en/due-today', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"x":"${'a'.repeat(3 * 1024 * 1024 + 2048)}"}`,
    });
    expect(response.status).toBe(413);
    expect(response.body).toContain('over the 1048576-byte limit');
  });
});

describe('files without frontmatter', () => {
  afterAll(removeTemplatesDirs);

  it('an included partial beside the templates is no page of its own; an unused one is shown broken at its 1:1', async () => {
    const dir = templatesDir({
      template: templateSource([...section('<mj-text>Hello</mj-text>'), '{% include "en/signature.mjml.njk" %}']),
      'en/signature.mjml.njk': '    <mj-section><mj-column><mj-text>Sam</mj-text></mj-column></mj-section>\n',
      'en/stray.mjml.njk': '',
    });
    const project = await loadProject({ templates: dir, cwd: dir });
    expect(project.templates.map((t) => t.name).sort()).toEqual(['en/before-due.mjml.njk', 'en/stray.mjml.njk']);
    const stray = project.templates.find((t) => t.name === 'en/stray.mjml.njk');
    expect(stray?.error).toMatchObject({ code: 'FRONTMATTER_INVALID', place: { file: path.join(dir, 'en/stray.mjml.njk'), line: 1, column: 1 } });
  });
});

describe('a broken template', () => {
  it('shows its error with file, line and column on the page, and the others still render', async () => {
    const project = tempProject();
    const file = path.join(project.templates, 'en/due-today.mjml.njk');
    editFile(file, '</mj-button>', '</mj-buton>');
    const server = await serve(project.templates, project.dir);

    const index = await get(server, '/');
    expect(index.status).toBe(200);
    expect(index.body).toMatch(/href="\/template\/en\/due-today">due-today · en<\/a> <span class="badge error">does not compile<\/span>/);

    const page = await get(server, '/template/en/due-today');
    expect(page.status).toBe(200);
    expect(page.body).toContain('The template does not compile');
    expect(page.body).toContain('<p class="place">templates/en/due-today.mjml.njk:14:9</p>');
    expect(page.body).toContain('templates/en/due-today.mjml.njk:14:9: error MJML_INVALID: the MJML is not well formed: &lt;mj-button&gt; is never closed');
    expect(page.body).toContain('templates/en/due-today.mjml.njk:14:72 &lt;/mj-buton&gt; closes an element that is not open here');
    expect(page.body).not.toContain(project.dir);
    expect(page.body).toMatch(/<span class="code-line hit"><span class="ln">14<\/span> {8}&lt;mj-button href=/);

    const other = await get(server, '/template/en/overdue-early');
    expect(other.body).toContain('<iframe');
  });

  it('shows a broken stages.json on every page and keeps serving', async () => {
    const project = tempProject();
    writeFileSync(path.join(project.templates, 'stages.json'), '{ "stages": [ { "id": "before-due" } ] }');
    const server = await serve(project.templates, project.dir);
    const index = await get(server, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('This project has a problem');
    expect(index.body).toContain('templates/stages.json');
    expect(index.body).toContain('STAGES_INVALID');
    const page = await get(server, '/template/en/due-today');
    expect(page.body).toContain('STAGES_INVALID');
  });
});

describe('live reload', () => {
  it('compiles again on a template change and pushes a server-sent event; the fragment shows the change', async () => {
    const project = tempProject();
    const server = await serve(project.templates, project.dir);
    const events = await openEvents(server.url);
    try {
      const hello = await events.next('hello');
      expect(hello.data).toEqual({ version: server.project.version });
      const before = server.project.version;

      editFile(path.join(project.templates, 'en/due-today.mjml.njk'), 'Just a quick note', 'URGENT: just a quick note');
      // How fast is the bench's business; here the event must come at all.
      const change = await events.next('change', 5000);
      expect(change.data).toEqual({ version: before + 1, files: ['templates/en/due-today.mjml.njk'] });

      const page = await get(server, '/fragment/template/en/due-today');
      expect(page.headers.get('x-dunmail-version')).toBe(String(before + 1));
      expect(page.body).toContain('URGENT: just a quick note');
      expect(page.body).toContain('data-rule="urgent-when-late"');
    } finally {
      events.close();
    }
  });

  it('reacts to layouts, fixtures, stages.json and the rules config', async () => {
    const project = tempProject({ rules: true });
    const server = await serve(project.templates, project.dir);
    const events = await openEvents(server.url);
    try {
      await events.next('hello');
      const cases: [string, string, string][] = [
        ['templates/layouts/en.mjml.njk', 'All the best,', 'Kind regards,'],
        ['templates/fixtures/en/due-today.json', '"Dana"', '"Robin"'],
        ['templates/stages.json', 'Friendly note on the due date.', 'A friendly note on the due date.'],
        ['rules/dunmail.config.json', '"dunmail:recommended"', '"dunmail:recommended" '],
      ];
      for (const [file, find, replace] of cases) {
        const version = server.project.version;
        editFile(path.join(project.dir, file), find, replace);
        const change = await events.next('change', 5000, (data: { version: number }) => data.version > version);
        expect((change.data as { files: string[] }).files, file).toContain(file);
      }
      const page = await get(server, '/fragment/template/en/due-today');
      expect(page.body).toContain('Kind regards,');
      expect(page.body).toContain('Hello Robin,');
      const index = await get(server, '/fragment/index');
      expect(index.body).toContain('A friendly note on the due date.');
    } finally {
      events.close();
    }
  });

  it('shows a template broken while watched, and recovers when it is fixed', async () => {
    const project = tempProject();
    const server = await serve(project.templates, project.dir);
    const file = path.join(project.templates, 'en/due-today.mjml.njk');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('{% endblock %}', ''));
    const broken = await eventually(async () => {
      const page = await get(server, '/fragment/template/en/due-today');
      return page.body.includes('The template does not compile') ? page.body : undefined;
    }, 5000, 'the error on the page');
    expect(broken).toContain('NUNJUCKS_SYNTAX');
    expect(broken).toContain('templates/en/due-today.mjml.njk');

    writeFileSync(file, original);
    const fixed = await eventually(async () => {
      const page = await get(server, '/fragment/template/en/due-today');
      return page.body.includes('<iframe') ? page.body : undefined;
    }, 5000, 'the email back on the page');
    expect(fixed).not.toContain('The template does not compile');
  });
});
