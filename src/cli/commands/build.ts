import path from 'node:path';
import { buildBundle } from '../../bundle/build.js';
import { EXIT, type CliIo } from '../io.js';

export interface BuildCommandOptions {
  templates: string;
  out: string;
  urlScheme?: string[];
}

/** `dunmail build`: every template compiled once into a bundle the runtime renders from. */
export async function buildCommand(options: BuildCommandOptions, io: CliIo): Promise<number> {
  const result = await buildBundle({
    templates: path.resolve(io.cwd, options.templates),
    out: path.resolve(io.cwd, options.out),
    ...(options.urlScheme ? { urlSchemes: options.urlScheme } : {}),
  });
  const where = path.relative(io.cwd, result.file);
  io.stdout(
    result.written
      ? `built ${where}: ${result.manifest.templates.length} template(s), hash ${result.manifest.hash}\n`
      : `${where} is up to date (hash ${result.manifest.hash}); nothing written\n`,
  );
  return EXIT.ok;
}
