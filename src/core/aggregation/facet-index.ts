/**
 * A columnar, in-memory index of the facets of every published record, so that
 * faceted aggregates scan typed arrays instead of joining tables. Built from
 * plain rows (the store reads them); pure and immutable once built.
 */

export interface FacetRow {
  readonly id: string;
  readonly kind: string;
  readonly status: string | null;
  readonly year: number | null;
  readonly connectivity: number;
  readonly type: string | null;
  readonly usd: number;
}

export interface ShareRow {
  readonly id: string;
  readonly code: string;
  readonly share: number;
}

export interface MoneyRow {
  readonly id: string;
  readonly year: number;
  readonly usd: number;
}

/** Dictionary-coded values with CSR lists per record. */
export interface FacetIndex {
  readonly size: number;
  readonly ids: readonly string[];
  readonly rowOf: ReadonlyMap<string, number>;
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
  readonly money: { readonly offsets: Uint32Array; readonly year: Uint16Array; readonly usd: Float64Array };
}

export interface Csr {
  readonly dictionary: readonly string[];
  readonly codeOf: ReadonlyMap<string, number>;
  readonly offsets: Uint32Array;
  readonly codes: Uint16Array;
  readonly shares: Float64Array;
}

function dictionary(values: Iterable<string>): { list: string[]; of: Map<string, number> } {
  const list = [...new Set(values)].sort();
  return { list, of: new Map(list.map((v, i) => [v, i])) };
}

function csr(rowOf: ReadonlyMap<string, number>, size: number, rows: readonly ShareRow[]): Csr {
  const { list, of } = dictionary(rows.map((r) => r.code));
  const counts = new Uint32Array(size + 1);
  for (const r of rows) {
    const row = rowOf.get(r.id);
    if (row !== undefined) counts[row + 1]! += 1;
  }
  for (let i = 0; i < size; i++) counts[i + 1]! += counts[i]!;
  const codes = new Uint16Array(counts[size]!);
  const shares = new Float64Array(counts[size]!);
  const fill = counts.slice(0, size);
  for (const r of rows) {
    const row = rowOf.get(r.id);
    if (row === undefined) continue;
    const at = fill[row]!++;
    codes[at] = of.get(r.code)!;
    shares[at] = r.share;
  }
  return { dictionary: list, codeOf: of, offsets: counts, codes, shares };
}

/**
 * Builds the index from the store's rows.
 *
 * @example
 *   const index = buildFacetIndex(records, countries, sectors, money);
 */
export function buildFacetIndex(
  records: readonly FacetRow[],
  countries: readonly ShareRow[],
  sectors: readonly ShareRow[],
  money: readonly MoneyRow[],
): FacetIndex {
  const size = records.length;
  const ids = records.map((r) => r.id);
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  const kinds = dictionary(records.map((r) => r.kind));
  const types = dictionary(records.flatMap((r) => (r.type ? [r.type] : [])));
  const kind = new Uint8Array(size);
  const status = new Uint8Array(size);
  const year = new Uint16Array(size);
  const connectivity = new Uint8Array(size);
  const type = new Uint16Array(size).fill(0xffff);
  const usd = new Float64Array(size);
  records.forEach((r, i) => {
    kind[i] = kinds.of.get(r.kind)!;
    status[i] = r.status ? Number(r.status) : 0;
    year[i] = r.year ?? 0;
    connectivity[i] = r.connectivity;
    if (r.type) type[i] = types.of.get(r.type)!;
    usd[i] = r.usd;
  });
  const moneyCsr = csr(
    rowOf,
    size,
    money.map((m) => ({ id: m.id, code: String(m.year), share: m.usd })),
  );
  return {
    size,
    ids,
    rowOf,
    kinds: kinds.list,
    kind,
    status,
    year,
    connectivity,
    types: types.list,
    type,
    usd,
    countries: csr(rowOf, size, countries),
    sectors: csr(rowOf, size, sectors),
    money: {
      offsets: moneyCsr.offsets,
      year: Uint16Array.from(moneyCsr.codes, (c) => Number(moneyCsr.dictionary[c])),
      usd: moneyCsr.shares,
    },
  };
}
