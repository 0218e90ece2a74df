import type { VFileMessage } from 'vfile-message';
import { levelOf, relativePath, suggestionOf, withSources } from './shared.js';
import type { Reporter } from './types.js';

/**
 * GitLab Code Quality (a subset of Code Climate's issue format), for
 * `artifacts: reports: codequality:`. GitLab matches findings between the merge request
 * and its target branch by fingerprint, so it leaves out the line: a finding keeps its
 * fingerprint when lines above it are added or removed.
 */
export const gitlab: Reporter = (files, { cwd }) => {
  const issues = files.flatMap((file) => {
    const path = relativePath(file, cwd);
    const seen = new Map<string, number>();
    return file.messages.map((m) => {
      const identity = [path, m.ruleId ?? '', m.messageId ?? '', m.actual ?? m.reason].join('\0');
      // The same finding twice in a file (two `URGENT`s) needs two fingerprints, in file order.
      const occurrence = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, occurrence);
      const suggestion = suggestionOf(m);
      return {
        type: 'issue',
        check_name: m.ruleId ?? 'dunmail',
        description: suggestion === undefined ? withSources(m) : `${withSources(m)}. Suggestion: ${suggestion}`,
        ...(m.url ? { content: { body: `See ${m.url}` } } : {}),
        categories: ['Style'],
        fingerprint: fnv1a128(`${occurrence}\0${identity}`),
        severity: levelOf(m) === 'error' ? 'major' : 'minor',
        location: { path, ...locationOf(m) },
      };
    });
  });
  return JSON.stringify(issues, null, 2);
};

function locationOf(message: VFileMessage): { lines: { begin: number; end?: number } } | { positions: { begin: Point; end: Point } } {
  const place = message.place;
  if (place && 'start' in place) {
    return { positions: { begin: { line: place.start.line, column: place.start.column }, end: { line: place.end.line, column: place.end.column } } };
  }
  return { lines: { begin: place?.line ?? message.line ?? 1 } };
}

interface Point {
  line: number;
  column: number;
}

const FNV_PRIME = 0x0000000001000000000000000000013bn;
const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const MASK = (1n << 128n) - 1n;

/**
 * FNV-1a, 128 bits, of the text's UTF-8 bytes: 32 hex digits, as long as the MD5 GitLab's
 * docs show. Written out because the reporters import no Node module but node:path.
 */
export function fnv1a128(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  return hash.toString(16).padStart(32, '0');
}
