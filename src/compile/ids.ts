import { createHash } from 'node:crypto';

/**
 * Where MJML puts the ids it makes up. mj-carousel and the hamburger mj-navbar each
 * draw 16 random hex digits at every compile (mjml-core `genRandomHexString`, which
 * uses Math.random and takes no seed), to tie their CSS to their inputs and labels.
 * Each pattern finds one id by a spot only MJML writes; every other use of it (CSS
 * selectors, `for`, `name`) is then the same string.
 */
const GENERATED_ID = [
  // .mj-carousel-<id>-radio-1, name="mj-carousel-radio-<id>"
  /\bmj-carousel-(?:radio-)?([0-9a-f]{16})\b/g,
  // <input type="checkbox" id="<id>" class="mj-menu-checkbox">
  /\bid="?([0-9a-f]{16})"?(?=[^>]*\bmj-menu-checkbox\b)/g,
];

/** The ids MJML generated in a compiled document, each once, in order of first appearance. */
export function generatedIds(html: string): string[] {
  const found = GENERATED_ID.flatMap((pattern) => [...html.matchAll(pattern)].map((m) => ({ id: m[1] ?? '', at: m.index })));
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.id))];
}

/**
 * Replaces each id MJML generated, at every place it occurs, with one derived from
 * `seed` and its position, so compiling the same template twice gives the same bytes
 * (and `dunmail build` can tell nothing changed).
 */
export function withStableIds(html: string, seed: string): string {
  return generatedIds(html).reduce((out, id, index) => out.replaceAll(id, digest(`${seed}\u0000${index}`)), html);
}

/** A template's identity for its ids: its name and the text of every file composed into it. */
export function idSeed(name: string, texts: readonly string[]): string {
  return digest([name, ...texts].join('\u0000'));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
