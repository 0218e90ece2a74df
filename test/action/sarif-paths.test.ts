import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const uris = ['templates/en/a.mjml.njk', 'file:///abs/b.txt', '/abs/c.txt'];

function rebase(folder: string): string[] {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dunmail-sarif-')), 'dunmail.sarif');
  const log = { version: '2.1.0', runs: [{ results: uris.map((uri) => ({ locations: [{ physicalLocation: { artifactLocation: { uri } } }] })) }] };
  writeFileSync(file, JSON.stringify(log));
  const result = spawnSync(process.execPath, ['action/sarif-paths.mjs', file, folder], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  const out = JSON.parse(readFileSync(file, 'utf8')) as typeof log;
  return out.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri ?? '') ?? [];
}

describe('action/sarif-paths.mjs', () => {
  it('puts the working directory in front of the relative paths, so code scanning finds the files', () => {
    expect(rebase('packages/mail')).toEqual(['packages/mail/templates/en/a.mjml.njk', 'file:///abs/b.txt', '/abs/c.txt']);
    expect(rebase('./packages/mail/')).toEqual(['packages/mail/templates/en/a.mjml.njk', 'file:///abs/b.txt', '/abs/c.txt']);
  });

  it('leaves the paths alone when dunmail ran at the root', () => {
    expect(rebase('.')).toEqual(uris);
  });
});
