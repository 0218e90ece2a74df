import { existsSync } from 'node:fs';
import path from 'node:path';
import { DunmailError } from '../errors.js';
import { createLinter, type Linter } from '../lint/linter.js';
import { loadStages, type StageDefinitions } from '../project/stages.js';
import { openWorkspace } from '../project/workspace.js';
import { closest } from '../util/closest.js';

/** The one templates folder and lint config a server answers for. */
export interface McpProject {
  /** Absolute: the folder with stages.json. */
  readonly templatesDir: string;
  readonly configFile: string;
  /** Paths in answers are relative to it. */
  readonly cwd: string;
  /** Made on first use: loading the config and lexicons waits for the first lint. */
  linter(): Linter;
  /**
   * A template of the folder by its name (`en/overdue-early.mjml.njk`) or a path to it;
   * refuses anything outside. `unsaved`: its text is given, so the file need not exist yet.
   */
  templateFile(templatePath: string, unsaved?: boolean): string;
}

export function openMcpProject(options: { templatesDir: string; configFile: string; cwd: string }): McpProject {
  const { templatesDir, configFile, cwd } = options;
  let linter: Linter | undefined;
  return {
    templatesDir,
    configFile,
    cwd,
    linter() {
      // The templates folder is also where an .eml's X-Dunmail-Template is looked up, and its
      // stages are those of plain messages: a stage of the project's own is known. A broken
      // stages.json is said when a template is linted; messages keep the shipped stages then.
      linter ??= createLinter({ config: configFile, templates: templatesDir, ...stagesOf(templatesDir) });
      return linter;
    },
    templateFile(templatePath, unsaved = false) {
      // A name in the folder first (what list and render answers use), then a path from the working folder.
      const candidates = [path.resolve(templatesDir, templatePath), path.resolve(cwd, templatePath)];
      const inside = candidates.filter((file) => isInside(templatesDir, file) && file.endsWith('.mjml.njk'));
      const found = inside.find((file) => existsSync(file));
      if (found) return found;
      if (unsaved && inside[0]) return inside[0];
      // The path comes from a model: say what exists rather than only that it does not.
      const names = openWorkspace(templatesDir).index().templates;
      const guess = closest(templatePath.split(path.sep).join('/'), names);
      const where = inside.length === 0 ? `is not a .mjml.njk template in ${templatesDir}` : `does not exist in ${templatesDir}`;
      throw new DunmailError('TEMPLATE_NOT_FOUND', `templatePath "${templatePath}" ${where}${guess ? `; did you mean "${guess}"?` : ''}`, {
        hint: `templates: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`,
      });
    },
  };
}

function stagesOf(templatesDir: string): { stages?: StageDefinitions } {
  try {
    return { stages: loadStages(templatesDir) };
  } catch (error) {
    if (error instanceof DunmailError) return {};
    throw error;
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
