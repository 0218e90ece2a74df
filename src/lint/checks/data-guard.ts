import type { TemplateTag } from '../../template/tags.js';

/** An open `{% if %}` chain or loop at some offset of a template. */
interface Frame {
  kind: 'if' | 'loop';
  /** The tests of the chain so far (`if`, then each `elif`); for a loop, none. */
  conditions: string[];
  inElse: boolean;
  /** For a loop: what it iterates (`attachments` of `for a in attachments`). */
  over?: string;
}

export interface DataGuard {
  /** `lateFee`, `lateFee.terms`, not `my_lateFee` or `lateFeeUrl`. */
  reference: RegExp;
  /**
   * Whether a file offset sits in a branch that runs only when the data has the field: an
   * `{% if %}` whose test requires it (every `or` alternative names it, not negated), a branch
   * after `{% if not field %}`, or, with `loops`, a loop over the field (it runs only with items).
   */
  guards(tags: readonly TemplateTag[], offset: number, options?: { loops?: boolean }): boolean;
}

/** How a template tests for an optional data field before it writes copy that needs it. */
export function dataGuard(field: string): DataGuard {
  const path = field.replace(/[.$]/g, '\\$&');
  const reference = new RegExp(`(?<![\\w.$])${path}(?![\\w$])`);
  // `not lateFee`, `not lateFee.terms`, `not (lateFee)`: a test whose later branches have the field.
  const negated = new RegExp(`^not\\s+\\(?\\s*${path}(\\.[\\w$]+)*\\s*\\)?$`);
  const requires = (condition: string): boolean =>
    condition.split(/\bor\b/).every((alternative) => alternative.split(/\band\b/).some((term) => reference.test(term) && !/\bnot\b/.test(term)));
  const branchRequires = ({ conditions, inElse }: Frame): boolean => {
    const current = inElse ? undefined : conditions.at(-1);
    const earlier = inElse ? conditions : conditions.slice(0, -1);
    return (current !== undefined && requires(current)) || earlier.some((c) => negated.test(c));
  };
  return {
    reference,
    guards(tags, offset, options = {}) {
      return openFrames(tags, offset).some((frame) =>
        frame.kind === 'loop' ? options.loops === true && !frame.inElse && reference.test(frame.over ?? '') : branchRequires(frame),
      );
    },
  };
}

/** The `if` chains and loops open at `offset`, outermost first. */
function openFrames(tags: readonly TemplateTag[], offset: number): Frame[] {
  const stack: Frame[] = [];
  for (const tag of tags) {
    if (tag.start >= offset) break;
    if (tag.kind !== 'block') continue;
    const condition = tag.text.replace(/^\{%-?\s*/, '').replace(/\s*-?%\}$/, '').slice(tag.keyword.length).trim();
    const top = stack.at(-1);
    switch (tag.keyword) {
      case 'if':
        stack.push({ kind: 'if', conditions: [condition], inElse: false });
        break;
      case 'for':
      case 'asyncEach':
      case 'asyncAll':
        // A loop's {% else %} must not be taken for an if's.
        stack.push({ kind: 'loop', conditions: [], inElse: false, over: condition.split(/\bin\b/).slice(1).join(' in ') });
        break;
      case 'elif':
      case 'elseif':
        top?.conditions.push(condition);
        break;
      case 'else':
        if (top) top.inElse = true;
        break;
      case 'endif':
      case 'endfor':
      case 'endeach':
      case 'endall':
        stack.pop();
        break;
      default:
        break;
    }
  }
  return stack;
}
