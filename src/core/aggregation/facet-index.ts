import { Growable } from "./growable.ts";

/**
 * A columnar, in-memory index of the facets of every published record, so that
 * faceted aggregates scan typed arrays instead of joining tables. Pure: the
 * store streams rows into a `FacetIndexBuilder`; no per-row objects are kept.
 */
export interface FacetIndex {
  readonly size: number;
  /** Record ids by row. */
  readonly ids: readonly string[];
  /** The row of an id, or -1. */
  rowOf(id: string): number;
  readonly kinds: readonly string[];
  readonly kind: Uint8Array;
  readonly status: Uint8Array;
  readonly year: Uint16Array;
  readonly connectivity: Uint8Array;
  readonly types: readonly string[];
  readonly type: Uint16Array;
  readonly usd: Float64Array;
  readonly countries: Csr;
  readonly sectors: Csr;
  /** Commitment money by year (codes are years). */
  readonly money: Csr;
}

/** Per-row lists: row i owns entries offsets[i] … offsets[i+1]-1. */
export interface Csr {
  readonly dictionary: readonly string[];
  readonly codeOf: ReadonlyMap<string, number>;
  readonly offsets: Uint32Array;
  readonly codes: Uint16Array;
  readonly values: Float64Array;
}

class Dictionary {
  readonly list: string[] = [];
  readonly of = new Map<string, number>();
  code(value: string): number {
    let c = this.of.get(value);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(value);
      this.of.set(value, c);
    }
    return c;
  }
}

class CsrBuilder {
  private readonly dict = new Dictionary();
  private readonly rows = new Growable((n) => new Uint32Array(n));
  private readonly codes = new Growable((n) => new Uint16Array(n));
  private readonly values = new Growable((n) => new Float64Array(n));
  add(row: number, code: string, value: number): void {
    this.rows.push(row);
    this.codes.push(this.dict.code(code));
    this.values.push(value);
  }
  build(size: number): Csr {
    const rows = this.rows.done();
    const codes = this.codes.done();
    const values = this.values.done();
    const offsets = new Uint32Array(size + 1);
    for (const r of rows) offsets[r + 1]! += 1;
    for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, size);
    const outCodes = new Uint16Array(codes.length);
    const outValues = new Float64Array(codes.length);
    for (let j = 0; j < rows.length; j++) {
      const at = fill[rows[j]!]!++;
      outCodes[at] = codes[j]!;
      outValues[at] = values[j]!;
    }
    return { dictionary: this.dict.list, codeOf: this.dict.of, offsets, codes: outCodes, values: outValues };
  }
}

/**
 * Collects records and their facets, then freezes them into a `FacetIndex`.
 *
 * @example
 *   const b = new FacetIndexBuilder();
 *   const row = b.addRecord("x", "project", "2", 2015, 1, "rail", 1e9);
 *   b.addCountry(row, "LAO", 1);
 *   const index = b.build();
 */
export class FacetIndexBuilder {
  private readonly ids: string[] = [];
  private readonly kinds = new Dictionary();
  private readonly types = new Dictionary();
  private readonly kind = new Growable((n) => new Uint8Array(n));
  private readonly status = new Growable((n) => new Uint8Array(n));
  private readonly year = new Growable((n) => new Uint16Array(n));
  private readonly connectivity = new Growable((n) => new Uint8Array(n));
  private readonly type = new Growable((n) => new Uint16Array(n));
  private readonly usd = new Growable((n) => new Float64Array(n));
  private readonly countries = new CsrBuilder();
  private readonly sectors = new CsrBuilder();
  private readonly money = new CsrBuilder();

  /** Adds a record and returns its row. */
  addRecord(
    id: string,
    kind: string,
    status: string | null,
    year: number | null,
    connectivity: number,
    type: string | null,
    usd: number,
  ): number {
    this.ids.push(id);
    this.kind.push(this.kinds.code(kind));
    this.status.push(status ? Number(status) : 0);
    this.year.push(year ?? 0);
    this.connectivity.push(connectivity);
    this.type.push(type ? this.types.code(type) : 0xffff);
    this.usd.push(usd);
    return this.ids.length - 1;
  }
  addCountry(row: number, code: string, share: number): void {
    this.countries.add(row, code, share);
  }
  addSector(row: number, code: string, share: number): void {
    this.sectors.add(row, code, share);
  }
  addMoney(row: number, year: number, usd: number): void {
    this.money.add(row, String(year), usd);
  }
  get size(): number {
    return this.ids.length;
  }

  build(): FacetIndex {
    const size = this.ids.length;
    const ids = this.ids;
    const sorted = ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id);
    let map: Map<string, number> | undefined;
    const rowOf = (id: string): number => {
      if (sorted) {
        let lo = 0;
        let hi = size - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const v = ids[mid] as string;
          if (v === id) return mid;
          if (v < id) lo = mid + 1;
          else hi = mid - 1;
        }
        return -1;
      }
      map ??= new Map(ids.map((x, i) => [x, i]));
      return map.get(id) ?? -1;
    };
    return {
      size,
      ids,
      rowOf,
      kinds: this.kinds.list,
      kind: this.kind.done(),
      status: this.status.done(),
      year: this.year.done(),
      connectivity: this.connectivity.done(),
      types: this.types.list,
      type: this.type.done(),
      usd: this.usd.done(),
      countries: this.countries.build(size),
      sectors: this.sectors.build(size),
      money: this.money.build(size),
    };
  }
}
