#!/usr/bin/env node
// Code scanning reads a SARIF file's relative paths from the repository's root, and dunmail
// writes them from the folder it ran in: this puts that folder in front of each path.
//
//   node sarif-paths.mjs FILE.sarif FOLDER   (FOLDER relative to the repository, e.g. packages/mail)
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [file, folder] = process.argv.slice(2);
if (!file || folder === undefined) {
  process.stdout.write('::error title=dunmail::usage: node sarif-paths.mjs FILE.sarif FOLDER\n');
  process.exit(2);
}
const prefix = path.posix.normalize(folder.split(path.sep).join('/')).replace(/^\.\/?$/, '').replace(/\/?$/, '/');
const log = JSON.parse(readFileSync(file, 'utf8'));
for (const run of log.runs ?? []) {
  for (const result of run.results ?? []) {
    for (const location of result.locations ?? []) {
      const artifact = location.physicalLocation?.artifactLocation;
      // Only the paths dunmail made relative; a URI with a scheme or an absolute path is left as it is.
      if (artifact?.uri && prefix !== '/' && !/^[a-z][\w+.-]*:|^\//i.test(artifact.uri)) artifact.uri = path.posix.join(prefix, artifact.uri);
    }
  }
}
const temp = `${file}.${process.pid}.tmp`;
writeFileSync(temp, `${JSON.stringify(log, null, 2)}\n`);
renameSync(temp, file);
