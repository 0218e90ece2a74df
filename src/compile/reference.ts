import mjml2html from 'mjml';
import type nunjucks from 'nunjucks';
import type { CompiledTemplate } from './template.js';
import { htmlToText, tidyText } from './text.js';
import { idSeed, withStableIds } from './ids.js';
import { renderContext, type Email } from '../render/render.js';
import { createRenderEnvironment } from '../render/environment.js';
import type { RenderData } from '../data/types.js';
import type { SourceStore } from '../template/sources.js';

/**
 * The straightforward path, kept as the yardstick for the fast one: render the
 * template with the data first, then compile the MJML, for every email.
 * Tests prove both paths give the same email; benchmarks compare their speed.
 */
export async function renderStraightforward(template: CompiledTemplate, store: SourceStore, data: RenderData): Promise<Email> {
  const loader = { getSource: (name: string) => ({ src: store.read(name).body, path: store.read(name).path, noCache: false }) };
  const env = createRenderEnvironment('html', loader as unknown as nunjucks.ILoader);
  const context = renderContext(template, data);
  const mjml = env.render(template.name, context);
  const compiled = await mjml2html(mjml, { validationLevel: 'strict', filePath: template.path });
  // The same ids the compile step gives carousels and navbars, from the same template.
  const html = withStableIds(compiled.html, idSeed(template.name, template.files.map((file) => file.text)));
  return { subject: context.subject, preheader: context.preheader, html, text: tidyText(htmlToText(html)) };
}

/**
 * The narrow normalisation under which both paths must agree, and why each step is
 * harmless to a recipient:
 * 1. whitespace runs become one space, and whitespace between tags goes: MJML
 *    re-indents text it parsed, and HTML rendering collapses whitespace anyway;
 * 2. adjacent Outlook conditional comments merge (`<![endif]-->` directly followed
 *    by `<!--[if mso | IE]>`): MJML merges them only when it sees the sections
 *    side by side, which depends on whether a `{% if %}` sat between them.
 */
export function normalizeHtml(html: string): string {
  return html
    .replace(/<!\[endif\]-->\s*<!--\[if mso \| IE\]>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .trim();
}

