import { AppError } from "../../core/errors.ts";
import type { ByteSource } from "../text/decode.ts";
import type { XmlHandler, XmlLimits, XmlOpenTag } from "../xml/parse-xml.ts";
import { parseXml } from "../xml/parse-xml.ts";
import { attr, nodeOf, type XNode } from "../xml/tree.ts";
import { type SchemaIssue, SchemaValidator } from "./validator.ts";
import { checkIatiVersion } from "./version.ts";

/** What the reader yields: the file's header once, then each activity, and schema issues outside any activity. */
export type IatiEvent =
  | { readonly kind: "file"; readonly version: string; readonly warning?: string; readonly attributes: XNode }
  | {
      readonly kind: "activity";
      readonly index: number;
      readonly line: number;
      readonly node: XNode;
      /** Schema issues inside the activity (the first 20). */
      readonly issues: readonly SchemaIssue[];
    }
  | { readonly kind: "file-issue"; readonly issue: SchemaIssue };

/** Elements one activity may hold before it is refused as too large (memory stays bounded). */
const MAX_ACTIVITY_ELEMENTS = 200_000;

class ActivityCollector implements XmlHandler {
  readonly queue: IatiEvent[] = [];
  readonly validator = new SchemaValidator(undefined, 0, (issue) => this.onIssue(issue));
  private depth = 0;
  private stack: XNode[] = [];
  private issues: SchemaIssue[] = [];
  private elements = 0;
  private index = 0;

  open(tag: XmlOpenTag): void {
    this.validator.open(tag);
    this.depth += 1;
    if (this.depth === 1) {
      this.root(tag);
      return;
    }
    if (this.stack.length === 0) {
      if (this.depth !== 2 || tag.uri !== "" || tag.local !== "iati-activity") return;
      this.elements = 0;
      this.issues = [];
    }
    if (++this.elements > MAX_ACTIVITY_ELEMENTS)
      throw new AppError(
        "input_too_large",
        `activity ${this.index + 1} has more than ${MAX_ACTIVITY_ELEMENTS} elements`,
      );
    const node = nodeOf(tag);
    this.stack.at(-1)?.children.push(node);
    this.stack.push(node);
  }

  text(text: string, cdata: boolean): void {
    this.validator.text(text, cdata);
    const top = this.stack.at(-1);
    if (top && top.text.length < 10_000_000) top.text += text;
  }

  close(line: number, column: number): void {
    this.validator.close(line, column);
    this.depth -= 1;
    const node = this.stack.pop();
    if (node && this.stack.length === 0) {
      this.index += 1;
      this.queue.push({ kind: "activity", index: this.index, line: node.line, node, issues: this.issues });
    }
  }

  private root(tag: XmlOpenTag): void {
    if (tag.uri === "" && tag.local === "iati-activity")
      throw new AppError(
        "unsupported_version",
        "the root element is <iati-activity>: a single activity without <iati-activities> is IATI 1.x style; " +
          'wrap it in <iati-activities version="2.03"> after converting it to IATI 2.03',
        { field: "iati-activity", line: tag.line },
      );
    if (tag.uri !== "" || tag.local !== "iati-activities")
      throw new AppError(
        "invalid_iati",
        `the root element is <${tag.name}>, not <iati-activities>: not an IATI activity file`,
      );
    const node = nodeOf(tag);
    const verdict = checkIatiVersion(attr(node, "version"));
    this.queue.push({ kind: "file", version: verdict.version, warning: verdict.warning, attributes: node });
  }

  private onIssue(issue: SchemaIssue): void {
    if (this.stack.length === 0) this.queue.push({ kind: "file-issue", issue });
    else if (this.issues.length < 20) this.issues.push(issue);
  }
}

/**
 * Streams the activities of an IATI 2.0x file, each validated against the
 * 2.03 schema as it goes: one activity at a time is held in memory.
 * Fatal problems (not XML, DOCTYPE, encoding, IATI 1.x, wrong root) end it
 * with an `AppError`.
 *
 * @example
 *   for await (const e of readIatiActivities(createReadStream(file))) if (e.kind === "activity") …
 */
export async function* readIatiActivities(source: ByteSource, limits: XmlLimits = {}): AsyncGenerator<IatiEvent> {
  const collector = new ActivityCollector();
  for await (const _ of parseXml(source, collector, limits)) {
    while (collector.queue.length > 0) yield collector.queue.shift()!;
  }
}
