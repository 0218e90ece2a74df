import type { VFile } from 'vfile';
import type { Rule } from '../types.js';

export interface ReportContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  rules: ReadonlyMap<string, Rule<any>>;
  version: string;
}

/** A formatter: one signature, as ESLint's. */
export type Reporter = (files: VFile[], context: ReportContext) => string;
