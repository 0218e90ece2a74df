import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { DunmailError, formatError } from '../errors.js';
import { calendarDays, type Stage } from '../project/stages.js';
import { LineIndex } from '../util/lines.js';
import { html, raw, safeHref, type SafeHtml } from './html.js';
import { defaultFixture, stageOf, type DataSource, type PreviewProject, type PreviewTemplate, type TemplateView } from './project.js';
import { STYLES } from './client.js';

/** Widths the email is shown at: a desktop client (MJML's 600 px body and some room) and a phone. */
export const DESKTOP_WIDTH = 640;
export const MOBILE_WIDTH = 375;

export interface PageContext {
  project: PreviewProject;
  /** Paths on the page are shown relative to this folder. */
  cwd: string;
}

// ---------------------------------------------------------------------------
// Addresses

export const templateHref = (template: Pick<PreviewTemplate, 'slug'>, source?: DataSource): string =>
  `/template/${template.slug.split('/').map(encodeURIComponent).join('/')}${querySuffix(source)}`;

export const fragmentHref = (template: Pick<PreviewTemplate, 'slug'> | undefined, source?: DataSource): string =>
  template ? `/fragment${templateHref(template, source)}` : '/fragment/index';

function querySuffix(source: DataSource | undefined): string {
  return source?.kind === 'fixture' ? `?fixture=${encodeURIComponent(source.name)}` : '';
}

// ---------------------------------------------------------------------------
// Whole pages

/** A full page: the live bar, the content that refreshes (#view) and the script that refreshes it. */
export function page(options: { title: string; version: number; fragment: string; header?: SafeHtml; view: SafeHtml }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · dunmail preview</title>
<style>${raw(STYLES)}</style>
<script src="/assets/preview.js" defer></script>
</head>
<body data-version="${options.version}" data-fragment="${options.fragment}">
<header class="bar">
  <a class="brand" href="/">dunmail preview</a>
  <span id="live" class="live" data-state="connecting" role="status" aria-live="polite">connecting…</span>
</header>
<main>
${options.header}
<div id="view">${options.view}</div>
</main>
</body>
</html>
`.value;
}

export function notFoundPage(what: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found · dunmail preview</title><style>${raw(STYLES)}</style></head>
<body><header class="bar"><a class="brand" href="/">dunmail preview</a></header>
<main><section class="panel"><h1>Not found</h1><p>${what}</p><p><a href="/">Back to the sequence</a></p></section></main></body></html>
`.value;
}

// ---------------------------------------------------------------------------
// Index: the sequence as a timeline

export function indexView(context: PageContext, views: ReadonlyMap<string, TemplateView>): SafeHtml {
  const { project } = context;
  const locales = [...new Set(project.templates.map((t) => t.locale))].sort();
  const stages = project.stages?.stages ?? [];
  const known = new Set(stages.map((s) => s.id));
  const others = project.templates.filter((t) => !known.has(t.stage));
  return html`
<section class="panel intro">
  <h1>Reminder sequence</h1>
  <p class="muted">${displayPath(context, project.templatesDir)} · ${project.templates.length} template(s) in ${locales.length} locale(s) · compiled in ${project.took} ms · lint config ${displayPath(context, project.configFile)}</p>
</section>
${project.errors.map((error) => errorPanel(context, error, 'This project has a problem'))}
${stages.length ? timeline(context, stages, locales, views) : ''}
${others.length
    ? html`<section class="panel"><h2>Templates outside the sequence</h2><ul class="plain">${others.map(
        (t) => html`<li><a href="${templateHref(t)}">${t.name}</a> ${statusBadge(views.get(t.name))}</li>`,
      )}</ul></section>`
    : ''}`;
}

function timeline(context: PageContext, stages: readonly Stage[], locales: string[], views: ReadonlyMap<string, TemplateView>): SafeHtml {
  const spans = stages.map((stage) => {
    const start = calendarDays(stage.window.start, stage.window.unit);
    const end = stage.window.end === undefined ? undefined : calendarDays(stage.window.end, stage.window.unit);
    return { stage, start, end };
  });
  const min = Math.min(0, ...spans.map((s) => s.start)) - 3;
  const max = Math.max(0, ...spans.map((s) => (s.end ?? s.start + 10) + (s.end === undefined ? 0 : 3)));
  const range = max - min + 1;
  const pct = (day: number): string => `${(((day - min) / range) * 100).toFixed(2)}%`;
  const byKey = new Map(context.project.templates.map((t) => [`${t.stage}/${t.locale}`, t]));

  return html`
<section class="panel">
  <h2>Timeline <span class="muted">(days from the due date)</span></h2>
  <ol class="timeline">
    ${spans.map(
      ({ stage, start, end }) => html`
    <li class="stage tone-${stage.tone}">
      <div class="stage-head">
        <span class="stage-id">${stage.id}</span>
        <span class="offset">${windowLabel(stage)}</span>
        <span class="chip tone">${stage.tone}</span>
        <span class="chip ${stage.late ? 'late' : 'not-late'}">${stage.late ? 'late' : 'not late'}</span>
      </div>
      <div class="track" aria-hidden="true">
        <span class="due" style="left:${pct(0)}"></span>
        <span class="segment${end === undefined ? ' open' : ''}" style="left:${pct(start)};width:${(((end ?? start + 10) - start + 1) / range * 100).toFixed(2)}%"></span>
      </div>
      ${stage.description ? html`<p class="muted description">${stage.description}</p>` : ''}
      <ul class="locales">
        ${locales.map((locale) => {
          const template = byKey.get(`${stage.id}/${locale}`);
          return template
            ? html`<li><a href="${templateHref(template)}">${stage.id} · ${locale}</a> ${statusBadge(views.get(template.name))}</li>`
            : html`<li class="missing">${locale}: no template</li>`;
        })}
      </ul>
    </li>`,
    )}
  </ol>
</section>`;
}

/** `−2 to −1 days`, `on the due date`, `+1 to +5 business days`, `+31 days onwards`. */
export function windowLabel(stage: Stage): string {
  const { start, end, unit } = stage.window;
  const noun = unit === 'business-days' ? 'business days' : 'days';
  const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0');
  let label: string;
  if (end === undefined) label = `${signed(start)} ${noun} onwards`;
  else if (start === 0 && end === 0) label = 'on the due date';
  else if (start === end) label = `${signed(start)} ${noun}`;
  else label = `${signed(start)} to ${signed(end)} ${noun}`;
  return stage.repeat ? `${label}, every ${stage.repeat.everyDays} days` : label;
}

function statusBadge(view: TemplateView | undefined): SafeHtml {
  if (!view) return html``;
  if (!view.template.compiled) return html`<span class="badge error">does not compile</span>`;
  if (view.dataError || view.renderError) return html`<span class="badge error">does not render</span>`;
  const { errors, warnings } = lintCounts(view);
  if (errors + warnings === 0) return html`<span class="badge ok">clean</span>`;
  return html`<span class="badge ${errors ? 'error' : 'warn'}">${errors} error(s), ${warnings} warning(s)</span>`;
}

function lintCounts(view: TemplateView): { errors: number; warnings: number } {
  const messages = view.lint?.messages ?? [];
  const errors = messages.filter((m) => m.fatal === true).length;
  return { errors, warnings: messages.length - errors };
}

// ---------------------------------------------------------------------------
// Template page

/** The data switcher: outside the refreshing view, so typing in it survives a live update. */
export function dataSwitcher(context: PageContext, template: PreviewTemplate, source: DataSource): SafeHtml {
  const { project } = context;
  const current = source.kind === 'fixture' ? source.name : undefined;
  const fallback = defaultFixture(project, template);
  const pastedText = source.kind === 'pasted' ? source.text : fixtureText(project, current ?? fallback);
  return html`
<section class="panel switcher">
  <form method="get" action="${templateHref(template)}" class="row">
    <label for="fixture">Data</label>
    <select id="fixture" name="fixture">
      ${source.kind === 'pasted' ? html`<option value="" selected disabled>pasted JSON</option>` : ''}
      ${project.fixtures.map(
        (name) => html`<option value="${name}"${name === current ? raw(' selected') : ''}>${name}${name === fallback ? ' (default)' : ''}</option>`,
      )}
    </select>
    <button type="submit">Use fixture</button>
  </form>
  <details${source.kind === 'pasted' ? raw(' open') : ''}>
    <summary>Paste JSON</summary>
    <form method="post" action="${templateHref(template)}">
      <label for="data" class="visually-hidden">Render data as JSON</label>
      <textarea id="data" name="data" rows="14" spellcheck="false">${pastedText ?? ''}</textarea>
      <p class="row"><button type="submit">Render with this data</button> <span class="muted">validated against the data schema (src/schemas/data.schema.json)</span></p>
    </form>
  </details>
</section>`;
}

function fixtureText(project: PreviewProject, name: string | undefined): string | undefined {
  if (!name || !project.fixtures.includes(name)) return undefined;
  try {
    return readFileSync(path.join(project.templatesDir, 'fixtures', `${name}.json`), 'utf8');
  } catch {
    return undefined;
  }
}

export function templateView(context: PageContext, view: TemplateView): SafeHtml {
  const { project } = context;
  const { template, email } = view;
  const stage = stageOf(project, template);
  return html`
${view.source.kind === 'pasted' ? html`<textarea id="pasted-data" hidden>${view.source.text}</textarea>` : ''}
<section class="panel title">
  <h1>${template.stage} <span class="chip">${template.locale}</span></h1>
  <p class="muted">
    ${stage ? html`${windowLabel(stage)} · <span class="chip tone">${stage.tone}</span> · ${stage.late ? 'late' : 'not late'} · ` : ''}
    ${displayPath(context, template.path)} · data: ${sourceLabel(view.source)}
  </p>
</section>
${project.errors.map((error) => errorPanel(context, error, 'This project has a problem'))}
${template.error ? errorPanel(context, template.error, 'The template does not compile', view.sourceText, template.path) : ''}
${view.dataError ? errorPanel(context, view.dataError, 'The data is not valid', view.source.kind === 'pasted' ? view.source.text : undefined, undefined) : ''}
${view.renderError ? errorPanel(context, view.renderError, 'The email does not render with this data', view.sourceText, template.path) : ''}
${email
    ? html`
<section class="panel" aria-label="Inbox">
  <h2>Inbox</h2>
  ${inboxRow(view)}
</section>
<div class="frames">
  <figure class="frame desktop">
    <figcaption>Desktop · ${DESKTOP_WIDTH} px</figcaption>
    <iframe title="Email at ${DESKTOP_WIDTH} px" data-fit="desktop" width="${DESKTOP_WIDTH}" height="900" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" srcdoc="${email.html}"></iframe>
  </figure>
  <figure class="frame mobile">
    <figcaption>Mobile · ${MOBILE_WIDTH} px</figcaption>
    <iframe title="Email at ${MOBILE_WIDTH} px" data-fit="mobile" width="${MOBILE_WIDTH}" height="900" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" srcdoc="${email.html}"></iframe>
  </figure>
  <aside class="side">
    ${lintPanel(context, view)}
    ${wordsPanel(view)}
  </aside>
</div>
<section class="panel">
  <h2>Plain-text part</h2>
  <pre class="text-part">${email.text}</pre>
</section>`
    : html`<div class="frames"><aside class="side">${lintPanel(context, view)}${wordsPanel(view)}</aside></div>`}`;
}

function sourceLabel(source: DataSource): string {
  return source.kind === 'fixture' ? `fixtures/${source.name}.json` : source.kind === 'pasted' ? 'pasted JSON' : 'none';
}

function inboxRow(view: TemplateView): SafeHtml {
  const email = view.email;
  if (!email) return html``;
  const from = view.data?.company.name ?? view.data?.sender.name ?? '';
  const date = view.data?.sendDate ?? '';
  return html`
  <div class="inbox">
    <div class="inbox-row wide">
      <span class="avatar" aria-hidden="true">${[...from][0] ?? '?'}</span>
      <span class="from">${from}</span>
      <span class="snippet"><strong class="subject">${email.subject}</strong> <span class="preheader">\u2013 ${email.preheader}</span></span>
      <span class="date">${date}</span>
    </div>
    <div class="inbox-row narrow">
      <div class="line"><span class="from">${from}</span><span class="date">${date}</span></div>
      <div class="subject">${email.subject}</div>
      <div class="preheader">${email.preheader}</div>
    </div>
  </div>`;
}

function lintPanel(context: PageContext, view: TemplateView): SafeHtml {
  if (view.lintError) return errorPanel(context, view.lintError, 'The linter could not read the template');
  if (!view.lint) return html`<section class="panel lint"><h2>Lint</h2><p class="muted">The linter is not available (see the problem above).</p></section>`;
  const { errors, warnings } = lintCounts(view);
  const messages = [...view.lint.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return html`
<section class="panel lint">
  <h2>Lint <span class="muted">${errors} error(s), ${warnings} warning(s)</span></h2>
  ${messages.length === 0 ? html`<p class="ok-text">No issues found.</p>` : ''}
  <ol class="messages">
    ${messages.map((message) => lintMessage(context, view, message))}
  </ol>
</section>`;
}

function lintMessage(context: PageContext, view: TemplateView, message: VFileMessage): SafeHtml {
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
  const href = safeHref(message.url);
  const file = message.file && path.resolve(message.file) !== path.resolve(view.template.path) ? `${displayPath(context, message.file)}:` : '';
  const expected = (message.expected ?? []).filter((e): e is string => typeof e === 'string');
  const removal = expected.includes('');
  const replacements = expected.filter((e) => e !== '');
  return html`
    <li class="message ${severity}" data-rule="${message.ruleId ?? ''}">
      <div class="message-head">
        <span class="where">${file}${placeLabel(message)}</span>
        <span class="severity">${severity}</span>
        <span class="rule">${href ? html`<a href="${href}" target="_blank" rel="noopener noreferrer">${message.ruleId ?? 'docs'}</a>` : message.ruleId ?? ''}</span>
      </div>
      <div class="reason">${message.reason}</div>
      ${replacements.length || removal
        ? html`<div class="expected">Suggested: ${replacements.map((e, i) => html`${i ? ', ' : ''}<q>${e}</q>`)}${removal ? (replacements.length ? ', or remove it' : 'remove it') : ''}</div>`
        : ''}
      ${message.note ? html`<div class="note">${message.note}</div>` : ''}
    </li>`;
}

/** `12:5` or `12:5-12:11`: the template line and column, as the lint CLI prints them. */
export function placeLabel(message: VFileMessage): string {
  const place = message.place;
  if (place && 'start' in place) {
    const { start, end } = place;
    return `${start.line}:${start.column}${end.line !== start.line || end.column !== start.column ? `-${end.line}:${end.column}` : ''}`;
  }
  if (place) return `${place.line}:${place.column}`;
  return `${message.line ?? 1}:${message.column ?? 1}`;
}

function wordsPanel(view: TemplateView): SafeHtml {
  const words = view.words;
  if (!words) return html``;
  const outside = words.bodyRange && (words.body < words.bodyRange.min || words.body > words.bodyRange.max);
  const longSubject = words.subjectMax !== undefined && words.subject > words.subjectMax;
  return html`
<section class="panel words">
  <h2>Words</h2>
  <table>
    <tr><th scope="row">Body copy</th><td class="${outside ? 'bad' : ''}" data-count="body">${words.body}</td><td class="muted">${words.bodyRange ? `body-length asks ${words.bodyRange.min}\u2013${words.bodyRange.max}` : ''}</td></tr>
    <tr><th scope="row">Subject</th><td class="${longSubject ? 'bad' : ''}" data-count="subject">${words.subject}</td><td class="muted">${words.subjectMax !== undefined ? `subject-length: at most ${words.subjectMax}` : ''}</td></tr>
    ${words.subjectChars !== undefined ? html`<tr><th scope="row">Subject, rendered</th><td>${words.subjectChars}</td><td class="muted">characters</td></tr>` : ''}
    ${words.preheaderChars !== undefined ? html`<tr><th scope="row">Preheader, rendered</th><td>${words.preheaderChars}</td><td class="muted">characters</td></tr>` : ''}
    ${words.text !== undefined ? html`<tr><th scope="row">Whole email</th><td>${words.text}</td><td class="muted">words of the text part, layout included</td></tr>` : ''}
  </table>
  <p class="muted small">Body copy is the template's own text as the lint rules count it: a <code>{{ … }}</code> placeholder is one word, the layout's header, signature and footer are not counted.</p>
</section>`;
}

// ---------------------------------------------------------------------------
// Errors

/**
 * An error as the terminal shows it (formatError), paths relative to the project,
 * with the lines around its place when the file is one the preview knows.
 */
export function errorPanel(context: PageContext, error: unknown, title: string, text?: string, textFile?: string): SafeHtml {
  const place = error instanceof DunmailError ? error.place : undefined;
  let excerpt: SafeHtml | string = '';
  if (place?.line !== undefined) {
    const source = text !== undefined && (textFile === undefined || path.resolve(textFile) === path.resolve(place.file)) ? text : readInside(context, place.file);
    if (source !== undefined) excerpt = codeExcerpt(source, place.line, place.column);
  }
  return html`
<section class="panel problem" role="alert">
  <h2>${title}</h2>
  ${place ? html`<p class="place">${displayPath(context, place.file)}${place.line !== undefined ? `:${place.line}` : ''}${place.column !== undefined ? `:${place.column}` : ''}</p>` : ''}
  <pre class="error-text">${relativeText(context, formatError(error))}</pre>
  ${excerpt}
</section>`;
}

/** Reads a file the error points at, only inside the templates folder or the project folder. */
function readInside(context: PageContext, file: string): string | undefined {
  const absolute = path.resolve(file);
  const inside = [context.project.templatesDir, context.cwd].some((root) => {
    const relative = path.relative(root, absolute);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
  if (!inside) return undefined;
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

function codeExcerpt(text: string, line: number, column: number | undefined): SafeHtml {
  const lines = new LineIndex(text);
  const total = text.split('\n').length;
  const first = Math.max(1, line - 2);
  const last = Math.min(total, line + 2);
  const rows: SafeHtml[] = [];
  for (let n = first; n <= last; n++) {
    const content = lines.lineText(n);
    rows.push(html`<span class="code-line${n === line ? ' hit' : ''}"><span class="ln">${n}</span>${content}</span>`);
    if (n === line && column !== undefined) {
      rows.push(html`<span class="code-line caret"><span class="ln"></span>${' '.repeat(Math.max(0, column - 1))}^</span>`);
    }
  }
  return html`<pre class="excerpt">${rows}</pre>`;
}

export function displayPath(context: PageContext, file: string): string {
  const relative = path.relative(context.cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

function relativeText(context: PageContext, text: string): string {
  const prefix = context.cwd.endsWith(path.sep) ? context.cwd : context.cwd + path.sep;
  return text.split(prefix).join('');
}
