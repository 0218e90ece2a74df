import { reporter } from 'vfile-reporter';
import { VFile } from 'vfile';
import { withSources } from './shared.js';
import type { Reporter } from './types.js';

/** vfile-reporter's report for people, with paths relative to the working folder and each message's sources. */
export const stylish: Reporter = (files, { cwd }) => {
  const shown = files.map((file) => {
    const copy = new VFile({ path: file.path, cwd });
    copy.messages = file.messages.map((m) => Object.assign(Object.create(Object.getPrototypeOf(m) as object) as typeof m, m, { reason: withSources(m), message: withSources(m) }));
    return copy;
  });
  return reporter(shown, { color: false });
};
