import type { VFileMessage } from 'vfile-message';
import type { VFile } from 'vfile';
import { findTags } from '../template/tags.js';
import { LineIndex } from '../util/lines.js';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids; empty means every rule. */
  rules: string[];
  line: number;
  column: number;
  used: boolean;
}

const DIRECTIVE = /^\{#-?\s*dunmail-(disable-next-line|disable|enable)\b([^#]*?)-?#\}$/;

/** Reads `{# dunmail-disable… #}` comments: nunjucks comments never reach the email. */
export function readDirectives(text: string): Directive[] {
  const lines = new LineIndex(text);
  const directives: Directive[] = [];
  for (const tag of findTags(text)) {
    if (tag.kind !== 'comment') continue;
    const match = DIRECTIVE.exec(tag.text);
    if (!match) continue;
    const rules = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
    directives.push({ kind: match[1] as Directive['kind'], rules, ...lines.placeOf(tag.start), used: false });
  }
  return directives;
}

/**
 * Drops the messages that directives silence and reports directives that silenced
 * nothing, as ESLint does with --report-unused-disable-directives.
 */
export function applyDirectives(file: VFile, directives: Directive[], ran: ReadonlySet<string>, allRan: boolean): void {
  if (directives.length === 0) return;
  file.messages = file.messages.filter((message) => !silenced(message, directives));
  for (const directive of directives) {
    if (directive.kind === 'enable' || directive.used) continue;
    // A directive for rules that did not run (--only, turned off) cannot be judged unused.
    const judged = directive.rules.length === 0 ? allRan : directive.rules.every((rule) => ran.has(rule));
    if (!judged) continue;
    const what = directive.rules.length ? directive.rules.map((r) => `\`${r}\``).join(', ') : 'any rule';
    const message = file.message(`Unused dunmail-${directive.kind} directive: no message from ${what} to silence`, {
      place: { line: directive.line, column: directive.column },
      ruleId: 'unused-disable',
      source: 'dunmail',
    });
    message.fatal = false;
  }
}

function silenced(message: VFileMessage, directives: Directive[]): boolean {
  const line = message.line ?? 0;
  const rule = message.ruleId ?? '';
  const applies = (d: Directive): boolean => d.rules.length === 0 || d.rules.includes(rule);
  let hit: Directive | undefined;
  // The last disable/enable before the line decides, per rule.
  for (const directive of directives) {
    if (directive.kind === 'disable-next-line') {
      if (directive.line + 1 === line && applies(directive)) hit = directive;
      continue;
    }
    if (directive.line > line || !applies(directive)) continue;
    if (directive.kind === 'disable') hit = directive;
    else if (hit?.kind === 'disable') hit = undefined;
  }
  if (hit) hit.used = true;
  return hit !== undefined;
}
