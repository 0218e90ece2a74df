/**
 * eld's ngram table, stored so that loading it costs almost nothing: the build writes the
 * keys, sorted, as one string and their entries as another; an ngram's entry is found by
 * binary search and decoded when eld first asks for it. eld reads the table only by key
 * (`ngrams[bytes]`, then `for (lang in entry)`), so a Proxy serves it the same answers as
 * the object literal it ships, whose 49,553 keys and objects took a tenth of a one-message
 * lint to build, with the garbage collection that goes with them.
 */

const SEPARATOR = '\u0000';

/** The stored form of a table: keys in code-unit order, and their `lang:score,…` entries in the same order. */
export interface StoredNgrams {
  keys: string;
  entries: string;
}

export function storeNgrams(ngrams: Readonly<Record<string, Readonly<Record<string, number>>>>): StoredNgrams {
  const keys = Object.keys(ngrams).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) if (key.includes(SEPARATOR)) throw new Error(`eld's ngram ${JSON.stringify(key)} holds the separator U+0000`);
  const entries = keys.map((key) =>
    Object.entries(ngrams[key] ?? {})
      .map(([lang, score]) => `${lang}:${score}`)
      .join(','),
  );
  return { keys: keys.join(SEPARATOR), entries: entries.join(SEPARATOR) };
}

/** Where each separated item starts; one more start past the end, so item i is [starts[i], starts[i + 1] - 1). */
function startsOf(text: string): Int32Array {
  let count = 1;
  for (let at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, at + 1)) count++;
  const starts = new Int32Array(count + 1);
  let i = 1;
  for (let at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, at + 1)) starts[i++] = at + 1;
  starts[count] = text.length + 1;
  return starts;
}

/** -1, 0 or 1 as `key` sorts before, as or after text[from, to). */
function compare(key: string, text: string, from: number, to: number): number {
  const length = to - from;
  const shorter = Math.min(key.length, length);
  for (let k = 0; k < shorter; k++) {
    const a = key.charCodeAt(k);
    const b = text.charCodeAt(from + k);
    if (a !== b) return a < b ? -1 : 1;
  }
  return key.length === length ? 0 : key.length < length ? -1 : 1;
}

/** The table as eld reads it: `table[ngram]` is its entry (language index -> score) or undefined. */
export function lazyNgrams(stored: StoredNgrams): Record<string, Record<string, number>> {
  const keyStarts = startsOf(stored.keys);
  const entryStarts = startsOf(stored.entries);
  const size = keyStarts.length - 1;
  if (entryStarts.length - 1 !== size) throw new Error(`eld's stored ngrams have ${size} keys but ${entryStarts.length - 1} entries`);
  const decoded = new Map<string, Record<string, number>>();
  const find = (key: string): number => {
    let low = 0;
    let high = size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compare(key, stored.keys, keyStarts[middle] as number, (keyStarts[middle + 1] as number) - 1);
      if (order === 0) return middle;
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return -1;
  };
  const entry = (key: string): Record<string, number> | undefined => {
    let found = decoded.get(key);
    if (found) return found;
    const index = find(key);
    if (index < 0) return undefined;
    // A plain object, as JSON gives: integer keys enumerate in ascending order either way.
    found = {};
    const text = stored.entries.slice(entryStarts[index], (entryStarts[index + 1] as number) - 1);
    for (const pair of text ? text.split(',') : []) {
      const colon = pair.indexOf(':');
      found[pair.slice(0, colon)] = Number(pair.slice(colon + 1));
    }
    decoded.set(key, found);
    return found;
  };
  return new Proxy(Object.create(null) as Record<string, Record<string, number>>, {
    get: (_, key) => (typeof key === 'string' ? entry(key) : undefined),
    has: (_, key) => typeof key === 'string' && find(key) >= 0,
  });
}
