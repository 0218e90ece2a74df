import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { VFile } from 'vfile';
import { listTemplateFiles } from '../../project/discover.js';
import type { StageDefinitions } from '../../project/stages.js';
import { splitFrontmatter } from '../../template/frontmatter.js';
import { DunmailError } from '../../errors.js';
import type { LintDocument, SequenceTemplate } from '../types.js';

/**
 * The sequence as one document: stages.json, with the templates of the folder, so
 * sequence rules can check cadence and coverage at lines of stages.json.
 */
export function sequenceDocument(root: string, stages: StageDefinitions): LintDocument {
  const file = path.join(root, 'stages.json');
  const text = readFileSync(file, 'utf8');
  const tree = parseTree(text);
  const templates: SequenceTemplate[] = [];
  for (const name of listTemplateFiles(root)) {
    const templatePath = path.join(root, name);
    const source = readFileSync(templatePath, 'utf8');
    if (!source.startsWith('---')) continue;
    try {
      const { frontmatter, places } = splitFrontmatter(source, templatePath);
      templates.push({ path: templatePath, stage: frontmatter.stage, locale: frontmatter.locale, subject: frontmatter.subject, subjectLine: places.subject?.line ?? 1 });
    } catch (error) {
      // A template with broken frontmatter is reported when the template itself is linted.
      if (!(error instanceof DunmailError)) throw error;
    }
  }
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
          const node = tree && findNodeAtLocation(tree, jsonPath.slice(0, depth));
          if (node) return node.offset;
        }
        return 0;
      },
    },
  };
}
