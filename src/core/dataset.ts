import type { z } from "zod";
import { type AnyRecord, FreightStatistic, RECORD_KINDS, RECORD_SCHEMAS, type RecordKind } from "./domain/index.ts";

/** A data file as read from disk: its path (for messages) and parsed JSON. */
export interface DataFile {
  readonly path: string;
  readonly data: unknown;
}

/** One problem found in the dataset, naming file, record and field. */
export interface DatasetIssue {
  readonly file: string;
  readonly record?: string;
  readonly field?: string;
  readonly message: string;
}

export interface ValidatedDataset {
  readonly records: AnyRecord[];
  readonly statistics: FreightStatistic[];
  readonly issues: DatasetIssue[];
}

/** The folder of the data directory that holds each kind (`data/projects/*.json`). */
export const KIND_FOLDERS: Record<RecordKind | "freight-statistic", string> = {
  partner: "partners",
  project: "projects",
  agreement: "agreements",
  programme: "programmes",
  service: "services",
  commitment: "commitments",
  "freight-statistic": "freight-statistics",
};

function kindOfPath(path: string): RecordKind | "freight-statistic" | undefined {
  const parts = path.split(/[\\/]/);
  const folder = parts[parts.length - 2];
  for (const [kind, name] of Object.entries(KIND_FOLDERS)) {
    if (name === folder) return kind as RecordKind | "freight-statistic";
  }
  return undefined;
}

/** `transactions[0].currency` from a zod issue path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function zodIssues(file: string, record: string | undefined, error: z.ZodError): DatasetIssue[] {
  return error.issues.map((i) => ({ file, record, field: fieldPath(i.path) || undefined, message: i.message }));
}

/**
 * Validates every record against its schema and the dataset as a whole:
 * unique ids, source keys that exist, references to records that exist.
 * Never throws; returns the parsed records and every issue found.
 *
 * @example
 *   const { issues } = validateDataset([{ path: "data/projects/asia.json", data: [...] }]);
 */
export function validateDataset(files: readonly DataFile[]): ValidatedDataset {
  const issues: DatasetIssue[] = [];
  const records: AnyRecord[] = [];
  const statistics: FreightStatistic[] = [];
  const fileOf = new Map<string, string>();

  for (const { path, data } of files) {
    const kind = kindOfPath(path);
    if (!kind) {
      issues.push({ file: path, message: `not in a known data folder (${Object.values(KIND_FOLDERS).join(", ")})` });
      continue;
    }
    if (!Array.isArray(data)) {
      issues.push({ file: path, message: "must hold a JSON array of records" });
      continue;
    }
    data.forEach((item: unknown, index) => {
      const label =
        typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string"
          ? (item as { id: string }).id
          : `#${index}`;
      if (kind === "freight-statistic") {
        const parsed = FreightStatistic.safeParse(item);
        if (!parsed.success) issues.push(...zodIssues(path, label, parsed.error));
        else {
          checkSourceKeys(path, parsed.data, issues);
          statistics.push(parsed.data);
          noteId(parsed.data.id, path, fileOf, issues);
        }
        return;
      }
      const schema = RECORD_SCHEMAS[kind];
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        issues.push(...zodIssues(path, label, parsed.error));
        return;
      }
      if (parsed.data.kind !== kind) {
        issues.push({ file: path, record: label, field: "kind", message: `must be "${kind}" in this folder` });
        return;
      }
      records.push(parsed.data);
      noteId(parsed.data.id, path, fileOf, issues);
      checkSourceKeys(path, parsed.data, issues);
    });
  }
  checkReferences(records, statistics, fileOf, issues);
  return { records, statistics, issues };
}

function noteId(id: string, path: string, fileOf: Map<string, string>, issues: DatasetIssue[]): void {
  const seen = fileOf.get(id);
  if (seen) issues.push({ file: path, record: id, field: "id", message: `duplicate id (also in ${seen})` });
  else fileOf.set(id, path);
}

/** Every `sources: [...]` list inside a record must name keys of the record's own sources. */
function checkSourceKeys(
  file: string,
  record: { id: string; sources: ReadonlyArray<{ key: string }> },
  issues: DatasetIssue[],
): void {
  const keys = new Set<string>();
  record.sources.forEach((s, i) => {
    if (keys.has(s.key))
      issues.push({ file, record: record.id, field: `sources[${i}].key`, message: `duplicate source key "${s.key}"` });
    keys.add(s.key);
  });
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const p = path ? `${path}.${k}` : k;
        if (k === "sources" && path !== "" && Array.isArray(v)) {
          v.forEach((key, i) => {
            if (typeof key === "string" && !keys.has(key))
              issues.push({
                file,
                record: record.id,
                field: `${p}[${i}]`,
                message: `cites unknown source key "${key}"`,
              });
          });
        } else if (k !== "sources") walk(v, p);
      }
    }
  };
  walk(record, "");
}

function checkReferences(
  records: readonly AnyRecord[],
  statistics: readonly FreightStatistic[],
  fileOf: ReadonlyMap<string, string>,
  issues: DatasetIssue[],
): void {
  const byId = new Map(records.map((r) => [r.id, r]));
  const expect = (from: AnyRecord | FreightStatistic, field: string, id: string | undefined, kind?: RecordKind) => {
    if (id === undefined) return;
    const target = byId.get(id);
    const file = fileOf.get(from.id) ?? "?";
    if (!target) issues.push({ file, record: from.id, field, message: `refers to unknown record "${id}"` });
    else if (kind && target.kind !== kind)
      issues.push({ file, record: from.id, field, message: `"${id}" is a ${target.kind}, expected a ${kind}` });
  };
  for (const r of records) {
    if (r.kind === "partner") continue;
    r.participants.forEach((p, i) => expect(r, `participants[${i}].partner`, p.partner, "partner"));
    r.transactions.forEach((t, i) => {
      expect(r, `transactions[${i}].provider`, t.provider, "partner");
      expect(r, `transactions[${i}].receiver`, t.receiver, "partner");
    });
    r.related.forEach((rel, i) => expect(r, `related[${i}].id`, rel.id));
    if (r.kind === "agreement") {
      r.parties.forEach((p, i) => expect(r, `parties[${i}]`, p, "partner"));
      r.projects.forEach((p, i) => expect(r, `projects[${i}]`, p, "project"));
    }
    if (r.kind === "service") r.operators.forEach((p, i) => expect(r, `operators[${i}]`, p, "partner"));
    if (r.kind === "programme") r.sites.forEach((s, i) => expect(r, `sites[${i}].record`, s.record));
    if (r.kind === "commitment")
      r.targets.forEach((t, i) => t.records.forEach((id, j) => expect(r, `targets[${i}].records[${j}]`, id)));
  }
  for (const s of statistics) expect(s, "service", s.service, "service");
}

export { RECORD_KINDS };
