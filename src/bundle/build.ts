import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import dataSchema from '../schemas/data.schema.json' with { type: 'json' };
import { DEFAULT_URL_SCHEMES } from '../data/ajv.js';
import { standaloneWithFormats } from '../data/standalone-source.js';
import { createRenderer, type RendererOptions } from '../project/renderer.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { packageInfo } from '../util/package-info.js';
import { generatePart, OutsideSubset } from './codegen.js';
import type { BundleManifest } from '../runtime/index.js';

export interface BuildOptions extends RendererOptions {
  out: string;
  /** Module the bundle imports the runtime from (default: dunmail/runtime). */
  runtime?: string;
}

export interface BuildResult {
  file: string;
  /** Parts outside the code generator's subset, rendered by nunjucks' runtime instead: said, never skipped silently. */
  warnings: string[];
  manifest: BundleManifest;
  /** False when the bundle on disk was already this one: nothing was written. */
  written: boolean;
}

/**
 * Compiles every template once (MJML to HTML with the data tags kept), precompiles
 * the four parts of each with nunjucks, and writes them with a standalone data
 * validator into one ESM module plus a manifest.
 */
export async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const renderer = await createRenderer(options);
  const urlSchemes = [...(options.urlSchemes ?? DEFAULT_URL_SCHEMES)];
  const precompile = (source: string, name: string) =>
    nunjucks.precompileString(source, {
      name,
      // As the library's environments: a missing value fails instead of printing nothing.
      env: new nunjucks.Environment(null, { throwOnUndefined: true }),
      // nunjucks passes an array; its types say a single object.
      wrapper: (templates) => (templates as unknown as { template: string }[])[0]?.template ?? '',
    });

  const warnings: string[] = [];
  const lateStages = new Set(renderer.stages.stages.filter((stage) => stage.late).map((stage) => stage.id));
  const templates = renderer.templates.map((t) => {
    const relative = path.relative(renderer.templatesDir, t.path).split(path.sep).join('/');
    const parts = Object.fromEntries(
      (['subject', 'preheader', 'html', 'text'] as const).map((part) => [part, precompile(t.sources[part], `${relative}#${part}`)]),
    ) as Record<'subject' | 'preheader' | 'html' | 'text', string>;
    // Tag places name files relative to the templates folder: the build machine's paths mean nothing to a mailer.
    const tags = Object.fromEntries(
      Object.entries(t.tags).map(([part, places]) => [part, places.map((p) => (p.file ? { ...p, file: path.relative(renderer.templatesDir, p.file).split(path.sep).join('/') } : p))]),
    );
    const compiled: Partial<Record<'subject' | 'preheader' | 'html' | 'text', string>> = {};
    for (const part of ['subject', 'preheader', 'html', 'text'] as const) {
      try {
        compiled[part] = generatePart(t.sources[part], part === 'html');
      } catch (error) {
        if (!(error instanceof OutsideSubset)) throw error;
        warnings.push(`${relative} (${part}): ${error.message}; it renders with nunjucks' runtime instead`);
      }
    }
    return { stage: t.stage, locale: t.locale, path: relative, late: lateStages.has(t.stage), parts, compiled, tags, hash: hash(JSON.stringify({ parts, compiled })) };
  });

  const manifestBase = {
    version: 1,
    dunmail: packageInfo.version,
    urlSchemes,
    templates: templates.map(({ stage, locale, path: p, late, hash: h }) => ({ stage, locale, path: p, late, hash: h })),
  };
  const manifest: BundleManifest = { ...manifestBase, hash: hash(JSON.stringify({ manifestBase, schema: dataSchema })) };
  const source = moduleSource(templates, manifest, validatorSource(), options.runtime ?? 'dunmail/runtime');

  const out = path.resolve(options.out);
  const file = path.join(out, 'bundle.js');
  const manifestFile = path.join(out, 'manifest.json');
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  // A second build with no change writes nothing.
  if (existsSync(file) && existsSync(manifestFile) && readFileSync(manifestFile, 'utf8') === manifestText && readFileSync(file, 'utf8') === source) {
    return { file, manifest, warnings, written: false };
  }
  writeFileAtomic(file, source);
  writeFileAtomic(manifestFile, manifestText);
  return { file, manifest, warnings, written: true };
}

/** ajv standalone code for the data schema: validation without ajv's compiler at run time. */
function validatorSource(): string {
  const { code, name } = standaloneWithFormats(dataSchema);
  return `${code}\nconst validateData = ${name};`;
}

function moduleSource(
  templates: { stage: string; locale: string; path: string; late: boolean; parts: Record<string, string>; compiled: Record<string, string>; tags: Record<string, unknown> }[],
  manifest: BundleManifest,
  validator: string,
  runtime: string,
): string {
  const lines = [
    '// Generated by `dunmail build`. Do not edit: change the templates and build again.',
    `import { defineBundle, createFormats, ajvRuntime as __ajvRuntime } from ${JSON.stringify(runtime)};`,
    `const __formats = createFormats(${JSON.stringify(manifest.urlSchemes)});`,
    validator,
    `const manifest = ${JSON.stringify(manifest)};`,
    'const templates = [',
  ];
  for (const t of templates) {
    lines.push(`  { stage: ${JSON.stringify(t.stage)}, locale: ${JSON.stringify(t.locale)}, path: ${JSON.stringify(t.path)}, late: ${t.late},`);
    lines.push(`    tags: ${JSON.stringify(t.tags)},`);
    for (const [part, code] of Object.entries(t.parts)) lines.push(`    ${part}: (function () {\n${code}\n})(),`);
    lines.push('    compiled: {');
    for (const [part, code] of Object.entries(t.compiled)) lines.push(`    ${part}: ${code},`);
    lines.push('    },');
    lines.push('  },');
  }
  lines.push('];', 'export { manifest };', 'export default defineBundle({ manifest, validate: validateData, templates });', '');
  return lines.join('\n');
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
