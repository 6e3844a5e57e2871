import { MODES, NODE_KINDS, STATUSES } from "./codes.ts";
import { RoutingError } from "./errors.ts";
import type { Graph, GraphMeta } from "./graph.ts";

/*
 * Layout (all header integers little-endian; arrays in host order, which must be little-endian):
 *   0  "BRGRAPH\0" magic          8  u32 format version      12  u32 header bytes
 *  16  u32 nodeCount             20  u32 arcCount            24  u32 section count
 *  28  section table: per section 12-byte ASCII name, u32 offset, u32 byte length, u32 type code
 *  then the sections, each starting on an 8-byte boundary; "meta" is UTF-8 JSON (GraphMeta).
 */
const MAGIC = "BRGRAPH\0";
/**
 * The artifact format version this code writes and reads.
 *
 * @example
 *   if (version !== ARTIFACT_VERSION) rebuildNetwork();
 */
export const ARTIFACT_VERSION = 1;
const ENTRY = 24;
const TYPES = [Float64Array, Int32Array, Uint16Array, Uint8Array] as const;
type ArrayKey = "lon" | "lat" | "nodeKind" | "nodeCountry" | "offsets" | "sources" | "targets" | "lengthKm" | "hours";
type ArcKey = "mode" | "passage" | "status" | "gauge" | "project" | "opens";
type Count = "nodes" | "nodes+1" | "arcs";
const SECTIONS: readonly (readonly [ArrayKey | ArcKey, (typeof TYPES)[number], Count])[] = [
  ["lon", Float64Array, "nodes"],
  ["lat", Float64Array, "nodes"],
  ["nodeKind", Uint8Array, "nodes"],
  ["nodeCountry", Uint16Array, "nodes"],
  ["offsets", Int32Array, "nodes+1"],
  ["sources", Int32Array, "arcs"],
  ["targets", Int32Array, "arcs"],
  ["lengthKm", Float64Array, "arcs"],
  ["hours", Float64Array, "arcs"],
  ["mode", Uint8Array, "arcs"],
  ["passage", Uint8Array, "arcs"],
  ["status", Uint8Array, "arcs"],
  ["gauge", Uint16Array, "arcs"],
  ["project", Int32Array, "arcs"],
  ["opens", Int32Array, "arcs"],
];

/**
 * Serialises a graph into one byte array: a small header, then each typed
 * array as raw bytes, then the meta table as JSON. Loading it back is a few
 * array views, no parsing of numbers.
 *
 * @example
 *   const bytes = writeArtifact(graph);
 *   const again = readArtifact(bytes);
 *   again.arcCount === graph.arcCount // true
 */
export function writeArtifact(graph: Graph): Uint8Array {
  checkHost();
  const meta = new TextEncoder().encode(JSON.stringify(graph.meta));
  const parts: (readonly [string, Uint8Array, number])[] = SECTIONS.map(([key, type]) => {
    const array = graph[key];
    return [key, new Uint8Array(array.buffer, array.byteOffset, array.byteLength), TYPES.indexOf(type)];
  });
  parts.push(["meta", meta, TYPES.length]);
  const headerBytes = align(28 + ENTRY * parts.length);
  let size = headerBytes;
  const offsets = parts.map(([, bytes]) => {
    const at = size;
    size = align(size + bytes.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  [ARTIFACT_VERSION, headerBytes, graph.nodeCount, graph.arcCount, parts.length].forEach((v, i) => {
    view.setUint32(8 + 4 * i, v, true);
  });
  parts.forEach(([name, bytes, type], i) => {
    const entry = 28 + ENTRY * i;
    out.set(new TextEncoder().encode(name), entry);
    view.setUint32(entry + 12, offsets[i]!, true);
    view.setUint32(entry + 16, bytes.byteLength, true);
    view.setUint32(entry + 20, type, true);
    out.set(bytes, offsets[i]!);
  });
  return out;
}

/**
 * Loads a graph from `writeArtifact` bytes. The typed arrays are views on
 * the given buffer (copied once only if it is not 8-byte aligned), so a
 * SharedArrayBuffer can back one graph in several workers. Throws
 * RoutingError "bad_artifact" on a wrong magic, version or size, or an
 * inconsistent graph.
 *
 * @example
 *   const graph = readArtifact(new Uint8Array(await file.arrayBuffer()));
 */
export function readArtifact(input: Uint8Array): Graph {
  checkHost();
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  if (bytes.byteLength < 28 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    bad("not a Beltroad graph artifact");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, , nodeCount, arcCount, sectionCount] = [8, 12, 16, 20, 24].map((at) =>
    view.getUint32(at, true),
  ) as number[];
  if (version !== ARTIFACT_VERSION)
    bad(`artifact format ${version}, expected ${ARTIFACT_VERSION}: rebuild the network`);
  const table = new Map<string, { offset: number; length: number; type: number }>();
  for (let i = 0; i < sectionCount!; i++) {
    const entry = 28 + ENTRY * i;
    if (entry + ENTRY > bytes.byteLength) bad("truncated section table");
    const name = new TextDecoder().decode(bytes.subarray(entry, entry + 12)).replace(/\0+$/, "");
    const [offset, length, type] = [12, 16, 20].map((d) => view.getUint32(entry + d, true)) as [number, number, number];
    if (offset + length > bytes.byteLength || offset % 8 !== 0) bad(`section ${name} lies outside the artifact`);
    table.set(name, { offset, length, type });
  }
  const counts: Record<Count, number> = { nodes: nodeCount!, "nodes+1": nodeCount! + 1, arcs: arcCount! };
  const arrays: Record<string, unknown> = {};
  for (const [key, type, count] of SECTIONS) {
    const section = table.get(key);
    if (
      section === undefined ||
      section.type !== TYPES.indexOf(type) ||
      section.length !== counts[count] * type.BYTES_PER_ELEMENT
    ) {
      bad(`section ${key} is missing or has the wrong type or size`);
    }
    arrays[key] = new type(bytes.buffer as ArrayBuffer, bytes.byteOffset + section.offset, counts[count]);
  }
  const metaSection = table.get("meta") ?? bad("section meta is missing");
  const metaBytes = bytes.subarray(metaSection.offset, metaSection.offset + metaSection.length);
  const meta = parseMeta(new TextDecoder().decode(metaBytes));
  const graph = { nodeCount: nodeCount!, arcCount: arcCount!, ...arrays, meta } as Graph;
  checkGraph(graph);
  return graph;
}

function parseMeta(text: string): GraphMeta {
  let meta: Partial<GraphMeta>;
  try {
    meta = JSON.parse(text) as Partial<GraphMeta>;
  } catch {
    bad("section meta is not JSON");
  }
  const tables = [meta.passages, meta.projects, meta.countries, meta.nodeLabels, meta.assumptions];
  if (!tables.every(Array.isArray) || typeof meta.source !== "string") bad("section meta lacks its tables");
  return meta as GraphMeta;
}

/** O(nodes + arcs) consistency check, so a corrupt file fails here and not inside a query. */
function checkGraph(g: Graph): void {
  if (g.offsets[0] !== 0 || g.offsets[g.nodeCount] !== g.arcCount) bad("offsets do not span the arcs");
  for (let u = 0; u < g.nodeCount; u++) {
    if (g.offsets[u + 1]! < g.offsets[u]!) bad("offsets are not sorted");
    if (g.nodeKind[u]! >= NODE_KINDS.length || g.nodeCountry[u]! >= g.meta.countries.length)
      bad(`node ${u} has a bad code`);
    for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++)
      if (g.sources[a] !== u) bad(`arc ${a} has the wrong source`);
  }
  for (let a = 0; a < g.arcCount; a++) {
    const t = g.targets[a]!;
    if (t < 0 || t >= g.nodeCount || g.mode[a]! >= MODES.length || g.status[a]! >= STATUSES.length)
      bad(`arc ${a} is corrupt`);
    if (g.passage[a]! > g.meta.passages.length || g.project[a]! >= g.meta.projects.length || g.project[a]! < -1)
      bad(`arc ${a} has a bad code`);
    if (!(g.lengthKm[a]! >= 0 && g.hours[a]! >= 0)) bad(`arc ${a} has a negative weight`);
  }
}

function checkHost(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) bad("graph artifacts need a little-endian host");
}

const align = (n: number) => Math.ceil(n / 8) * 8;

function bad(message: string): never {
  throw new RoutingError("bad_artifact", message);
}
