import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const source = readFileSync('action.yml', 'utf8');
const action = parse(source) as Action;

describe('action.yml', () => {
  it('is a composite action with the documented inputs and their defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default]))).toEqual({
      paths: 'templates',
      'max-warnings': '-1',
      'fail-on': 'error',
      annotations: '10',
      'sarif-file': 'dunmail.sarif',
      'upload-sarif': 'false',
      'node-version': '',
      'working-directory': '.',
    });
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
  });

  it('declares every input it reads, and reads every input it declares', () => {
    const used = new Set([...source.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('reads only outputs of steps it has', () => {
    const ids = new Set(action.runs.steps.map((step) => step.id).filter(Boolean));
    const read = [...source.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)];
    expect(read.length).toBeGreaterThan(0);
    for (const [, id, name] of read) {
      expect(ids.has(id), `step ${id}`).toBe(true);
      // Each output read is one the step writes to $GITHUB_OUTPUT, or the report script does.
      const step = action.runs.steps.find((s) => s.id === id);
      const written = `${step?.run ?? ''}${id === 'lint' ? readFileSync('action/report.mjs', 'utf8') : ''}`;
      expect(written, `${id}.outputs.${name}`).toMatch(new RegExp(`${name}=`));
    }
  });

  it('gives each run step a shell and no ${{ }} inside its script, where a value could inject commands', () => {
    for (const step of action.runs.steps.filter((s) => s.run !== undefined)) {
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).not.toContain('${{');
    }
  });

  it('runs the scripts it ships, and pins the actions it uses to a major version', () => {
    const scripts = [...source.matchAll(/\$GITHUB_ACTION_PATH\/([\w./-]+)/g)].map((m) => m[1] ?? '');
    expect(scripts.sort()).toEqual(['action/report.mjs', 'action/sarif-paths.mjs']);
    for (const script of scripts) expect(existsSync(script), script).toBe(true);
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
  });

  it('lints with the json report the script reads, and the SARIF report only when asked to upload it', () => {
    const lint = action.runs.steps.find((s) => s.id === 'lint');
    expect(lint?.run).toContain('npx dunmail lint $DUNMAIL_PATHS --format json --output-file "$report"');
    const sarif = action.runs.steps.find((s) => s.id === 'sarif');
    expect(sarif?.if).toBe("inputs.upload-sarif == 'true'");
    expect(sarif?.run).toContain('--format sarif --output-file "$DUNMAIL_SARIF"');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with?.['sarif_file']).toBe('${{ steps.sarif.outputs.sarif-file }}');
  });
});
