import { reporter } from 'vfile-reporter';
import type { Reporter } from './types.js';

/** vfile-reporter's report for people, with paths relative to the working folder. */
export const stylish: Reporter = (files, { cwd }) => {
  for (const file of files) file.cwd = cwd;
  return reporter(files, { color: false });
};
