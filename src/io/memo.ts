/**
 * A string that no longer points into the text it was cut from. V8 keeps a
 * substring (from `slice`, `split`, `trim`…) as a view on its parent, so a
 * cell kept in a cache would keep the whole 64 KiB chunk of the file it came
 * from alive; this copy holds only its own characters.
 *
 * @example
 *   cache.set(detach(url), info)
 */
export function detach(text: string): string {
  // the concatenation is flattened into a new string, of which the slice is a view
  return ` ${text}`.slice(1);
}

/**
 * A cache of a pure function of a string, for values that recur across rows
 * (URLs, agency names, sector codes). Bounded: cleared when it holds `limit`
 * entries. Keys and string values are detached from the text they were cut from.
 *
 * @example
 *   const hosts = new Memo((url: string) => new URL(url).host);
 *   hosts.get("https://example.org/a") // "example.org", computed once
 */
export class Memo<V> {
  private readonly values = new Map<string, V>();

  constructor(
    private readonly compute: (key: string) => V,
    private readonly limit = 10_000,
  ) {}

  /** The value for `key`, computed on first use. */
  get(key: string): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) return known as V;
    const value = this.compute(key);
    if (this.values.size >= this.limit) this.values.clear();
    this.values.set(detach(key), (typeof value === "string" ? detach(value) : value) as V);
    return value;
  }
}
