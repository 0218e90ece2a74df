import path from 'node:path';
import type { Linter } from '../lint/linter.js';
import { findTemplatesRoot, openWorkspace, resolveConfigFile } from '../project/workspace.js';
import { editorWorkspace, type Buffers, type EditorWorkspace } from './editor-workspace.js';

/**
 * One templates folder (the folder holding stages.json), or, for files outside any, one
 * config: the linter for its files, made on first use and kept until its config, its
 * lexicons or its stages change.
 */
export interface Project {
  /** The templates root; undefined for messages and templates outside any. */
  readonly root: string | undefined;
  readonly workspace: EditorWorkspace | undefined;
  /** The config file its linter reads (resolveConfigFile). */
  readonly configFile: string;
  linter(): Promise<Linter>;
  /** Whether a file is one the linter's config is read from (itself or what it extends). */
  readsConfig(file: string): boolean;
  /** Forgets the linter: its config, lexicons or stages changed. */
  reset(): void;
  /** Whether the file belongs to this project. */
  contains(file: string): boolean;
}

/** The projects of the open files, one per templates root or config file. */
export class Projects {
  private readonly projects = new Map<string, Project>();

  constructor(
    private readonly buffers: Buffers,
    /** The editor's workspace folders, absolute: where a project's rules/ folder is looked for first. */
    private readonly folders: () => readonly string[],
    private readonly cwd: string,
  ) {}

  forFile(file: string): Project {
    const root = findTemplatesRoot(path.dirname(file));
    const base = this.folderOf(root ?? file) ?? (root ? path.dirname(root) : this.cwd);
    const configFile = resolveConfigFile(root ?? path.dirname(file), base);
    const key = root ?? `config:${configFile}`;
    let project = this.projects.get(key);
    if (!project) {
      project = root ? this.templatesProject(root, base) : this.configProject(configFile, base);
      this.projects.set(key, project);
    }
    return project;
  }

  all(): Project[] {
    return [...this.projects.values()];
  }

  private folderOf(file: string): string | undefined {
    const inside = this.folders().filter((folder) => !path.relative(folder, file).startsWith('..'));
    return inside.sort((a, b) => b.length - a.length)[0];
  }

  private templatesProject(root: string, cwd: string): Project {
    const workspace = editorWorkspace(openWorkspace(root, { cwd }), this.buffers);
    return makeProject(root, workspace, workspace.configFile, async () => {
      const { createLinter } = await import('../lint/linter.js');
      return createLinter({ workspace, templates: root });
    });
  }

  private configProject(configFile: string, cwd: string): Project {
    return makeProject(undefined, undefined, configFile, async () => {
      const { createLinter } = await import('../lint/linter.js');
      // An .eml names the template it was rendered from: looked up in the project's templates/.
      return createLinter({ config: configFile, templates: path.join(cwd, 'templates') });
    });
  }
}

function makeProject(root: string | undefined, workspace: EditorWorkspace | undefined, configFile: string, create: () => Promise<Linter>): Project {
  let linter: Promise<Linter> | undefined;
  let configFiles: readonly string[] = [configFile];
  return {
    root,
    workspace,
    configFile,
    linter() {
      linter ??= create().then((made) => {
        configFiles = [configFile, ...made.config.files];
        return made;
      });
      return linter;
    },
    readsConfig: (file) => configFiles.includes(path.resolve(file)),
    reset() {
      linter = undefined;
      workspace?.invalidate();
    },
    contains: (file) => (root ? !path.relative(root, file).startsWith('..') : false),
  };
}
