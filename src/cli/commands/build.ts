import path from 'node:path';
import { buildBundle } from '../../bundle/build.js';
import { EXIT, type CliIo } from '../io.js';
import { outFolder, templatesFolder } from './options.js';

export interface BuildCommandOptions {
  templates: string;
  out: string;
  urlScheme?: string[];
}

/** `dunmail build`: every template compiled once into a bundle the runtime renders from. */
export async function buildCommand(options: BuildCommandOptions, io: CliIo): Promise<number> {
  const result = await buildBundle({
    templates: templatesFolder(options.templates, io.cwd),
    out: outFolder(options.out, io.cwd),
    ...(options.urlScheme ? { urlSchemes: options.urlScheme } : {}),
  });
  const where = path.relative(io.cwd, result.file);
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  io.stdout(
    result.written
      ? `built ${where}: ${result.manifest.templates.length} template(s), hash ${result.manifest.hash}\n`
      : `${where} is up to date (hash ${result.manifest.hash}); nothing written\n`,
  );
  return EXIT.ok;
}
