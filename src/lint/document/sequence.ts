import { jsonc } from '../../util/jsonc.js';
import { VFile } from 'vfile';
import type { StageDefinitions } from '../../project/stages.js';
import type { LintDocument, SequenceTemplate } from '../types.js';

export interface SequenceInput {
  /** The stage definitions file (stages.json), its text and what it defines. */
  file: string;
  text: string;
  stages: StageDefinitions;
  /** The templates of the folder, from their frontmatter. */
  templates: SequenceTemplate[];
}

/**
 * The sequence as one document: stages.json, with the templates of the folder, so
 * sequence rules can check cadence and coverage at lines of stages.json.
 */
export function sequenceDocument({ file, text, stages, templates }: SequenceInput): LintDocument {
  const tree = jsonc().parseTree(text);
  return {
    file: new VFile({ path: file, value: text }),
    kind: 'sequence',
    locale: 'en',
    stage: undefined,
    stages,
    subject: undefined,
    preheader: undefined,
    body: [],
    bodyOffset: 0,
    links: [],
    elements: [],
    tags: [],
    layout: undefined,
    sequence: {
      templates,
      offsetOf(jsonPath) {
        for (let depth = jsonPath.length; depth >= 0; depth--) {
          const node = tree && jsonc().findNodeAtLocation(tree, jsonPath.slice(0, depth));
          if (node) return node.offset;
        }
        return 0;
      },
    },
  };
}
