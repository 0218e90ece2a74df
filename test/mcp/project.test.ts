import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DunmailError } from '../../src/errors.js';
import { SHIPPED_CONFIG } from '../../src/lint/config/load.js';
import { openMcpProject, type McpProject } from '../../src/mcp/project.js';
import { SHIPPED } from '../helpers.js';

let dir: string;
let project: McpProject;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dunmail-mcp-project-'));
  cpSync(SHIPPED, path.join(dir, 'templates'), { recursive: true });
  // A stage of this project's own, which the shipped sequence does not have.
  const file = path.join(dir, 'templates', 'stages.json');
  const stages = JSON.parse(readFileSync(file, 'utf8')) as { stages: object[] };
  stages.stages.unshift({ id: 'early-nudge', description: 'A week before.', window: { start: -9, end: -7, unit: 'days' }, tone: 'gentle', late: false, sources: ['N1'] });
  writeFileSync(file, JSON.stringify(stages, null, 2));
  project = openMcpProject({ templatesDir: path.join(dir, 'templates'), configFile: SHIPPED_CONFIG, cwd: dir });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the project an MCP server answers for', () => {
  it("knows the project's own stages for plain messages", () => {
    const file = project.linter().lintMessage({ subject: 'Invoice INV-7', body: 'Hello Dana,', stage: 'early-nudge' });
    expect(file.messages.length).toBeGreaterThan(0);
    let hint: string | undefined;
    try {
      project.linter().lintMessage({ subject: 'x', body: 'y', stage: 'nope' });
    } catch (error) {
      hint = (error as DunmailError).hint;
    }
    expect(hint).toMatch(/^stages: early-nudge, before-due/);
  });

  it('finds a template by its name in the folder or by a path from the working folder, and nothing outside', () => {
    const template = path.join(dir, 'templates', 'en', 'overdue-early.mjml.njk');
    expect(project.templateFile('en/overdue-early.mjml.njk')).toBe(template);
    expect(project.templateFile('templates/en/overdue-early.mjml.njk')).toBe(template);
    expect(() => project.templateFile('templates/stages.json')).toThrow(/is not a \.mjml\.njk template in/);
    expect(() => project.templateFile(path.join(SHIPPED, 'en', 'overdue-early.mjml.njk'))).toThrow(/is not a \.mjml\.njk template in/);
    expect(() => project.templateFile('en/new-stage.mjml.njk')).toThrow(/does not exist in/);
    expect(project.templateFile('en/new-stage.mjml.njk', true)).toBe(path.join(dir, 'templates', 'en', 'new-stage.mjml.njk'));
  });
});
