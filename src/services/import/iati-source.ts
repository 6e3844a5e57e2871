import type { Source } from "../../core/domain/index.ts";
import { activitySource, mapActivity } from "../../io/iati/map-activity.ts";
import { readIatiActivities } from "../../io/iati/read-activities.ts";
import type { ByteSource } from "../../io/text/decode.ts";
import type { XmlLimits } from "../../io/xml/parse-xml.ts";
import type { PartnerResolver } from "./partner-resolver.ts";
import type { SourceEvent } from "./report.ts";

/**
 * IATI 2.0x activities as drafts of project records: each activity validated
 * against the 2.03 schema (an invalid one is a draft with its schema issues
 * as errors), then mapped, organisations matched or made through `resolver`.
 *
 * @example
 *   for await (const e of iatiEvents(createReadStream(file), resolver)) …
 */
export async function* iatiEvents(
  source: ByteSource,
  resolver: PartnerResolver,
  limits: XmlLimits = {},
): AsyncGenerator<SourceEvent> {
  for await (const e of readIatiActivities(source, limits)) {
    if (e.kind === "file") {
      if (e.warning) yield { type: "warning", note: { path: "iati-activities/@version", message: e.warning } };
      continue;
    }
    if (e.kind === "file-issue") {
      const { path, line, message } = e.issue;
      yield { type: "error", note: { path, line, field: path.split("/").at(-1), message } };
      continue;
    }
    const path = `iati-activities/iati-activity[${e.index}]`;
    const base = { kind: "project" as const, row: e.index, path, line: e.line };
    if (e.issues.length > 0) {
      const errors = e.issues.map((i) => ({ path: i.path, line: i.line, message: i.message }));
      yield { type: "item", item: { ...base, errors, warnings: [] } };
      continue;
    }
    const src = activitySource(e.node) as Source;
    const mapped = mapActivity(e.node, (org) => resolver.resolve(org, src));
    const warnings = [...mapped.warnings];
    for (const name of new Set(mapped.rawNames)) warnings.push({ path: name, message: "kept verbatim (not modelled)" });
    yield { type: "item", item: { ...base, record: mapped.record, errors: mapped.errors, warnings } };
  }
}
