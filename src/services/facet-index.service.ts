import { type FacetIndex, FacetIndexBuilder } from "../core/aggregation/facet-index.ts";
import type { Db } from "../store/database.ts";
import { dataVersion, streamFacets } from "../store/facet.repository.ts";

interface Cached {
  readonly version: string;
  readonly builtAt: number;
  readonly index: Promise<FacetIndex>;
}

const caches = new WeakMap<Db, Cached>();
/** Rebuild at least this often, so that a delete (which leaves the newest timestamp alone) is seen too. */
const MAX_AGE_MS = 5 * 60 * 1000;

/**
 * The facet index of a store, built on first use and rebuilt when the data
 * changes (newest `updated_at` moves) or the index is older than five minutes.
 *
 * @example
 *   const index = await facetIndex(store);
 */
export async function facetIndex(store: Db): Promise<FacetIndex> {
  const version = await dataVersion(store);
  const cached = caches.get(store);
  if (cached && cached.version === version && Date.now() - cached.builtAt < MAX_AGE_MS) return cached.index;
  const builder = new FacetIndexBuilder();
  const index = streamFacets(store, builder).then(() => builder.build());
  caches.set(store, { version, builtAt: Date.now(), index });
  index.catch(() => caches.delete(store));
  return index;
}
