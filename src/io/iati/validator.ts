import type { XmlAttribute, XmlHandler, XmlOpenTag } from "../xml/parse-xml.ts";
import { datatypeName, isValidValue } from "./datatypes.ts";
import { IATI_ACTIVITY_SCHEMA } from "./schema-data.ts";
import type { XsdParticle, XsdSchema, XsdType } from "./schema-types.ts";

/** One way a document breaks the schema: where, which element or attribute, and the rule. */
export interface SchemaIssue {
  readonly line: number;
  readonly column: number;
  /** `iati-activity[2]/budget[1]/value`, with `@attribute` when an attribute is at fault. */
  readonly path: string;
  readonly message: string;
}

interface Frame {
  readonly type: XsdType | undefined; // undefined: not validated (lax wildcard without a declaration)
  readonly path: string;
  pos: number;
  count: number;
  text: string;
  /** After the first content error in this element, further ones are not reported (they would be echoes). */
  broken: boolean;
  readonly counts: Map<string, number>;
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const isBlank = (s: string) => /^[ \t\n\r]*$/.test(s);
const elementName = (tag: XmlOpenTag) => (tag.uri ? `{${tag.uri}}${tag.local}` : tag.local);

/**
 * Checks a document against the IATI activity schema as it streams past, the
 * way `xmllint --schema iati-activities-schema.xsd` does: element order and
 * cardinality of every xs:sequence, required and undeclared attributes,
 * datatypes, text where only elements may go, lax wildcards. Collects issues
 * (at most `maxIssues`); never throws.
 *
 * @example
 *   const v = new SchemaValidator();
 *   for await (const _ of parseXml(stream, v)) {}
 *   v.issues.length === 0 // valid
 */
export class SchemaValidator implements XmlHandler {
  readonly issues: SchemaIssue[] = [];
  /** Issues found, including those past `maxIssues`. */
  issueCount = 0;
  private readonly stack: Frame[] = [];
  private line = 0;
  private column = 0;

  constructor(
    private readonly schema: XsdSchema = IATI_ACTIVITY_SCHEMA,
    private readonly maxIssues = 1000,
    /** Called for every issue, kept or not (importers attribute them to activities). */
    private readonly onIssue?: (issue: SchemaIssue) => void,
  ) {}

  /** Depth of the element being read (1 for the root). */
  get depth(): number {
    return this.stack.length;
  }

  open(tag: XmlOpenTag): void {
    this.line = tag.line;
    this.column = tag.column;
    const parent = this.stack.at(-1);
    const name = elementName(tag);
    const n = (parent?.counts.get(name) ?? 0) + 1;
    parent?.counts.set(name, n);
    const path = parent ? `${parent.path}/${name}${n > 1 || this.repeatable(parent, name) ? `[${n}]` : ""}` : name;
    const type = parent ? this.childType(parent, tag, path) : this.rootType(tag, path);
    this.stack.push({ type, path, pos: 0, count: 0, text: "", broken: false, counts: new Map() });
    if (type) this.checkAttributes(type, tag.attributes, path);
  }

  text(text: string, cdata: boolean): void {
    const frame = this.stack.at(-1);
    if (!frame?.type || frame.type.any) return;
    if (frame.type.simple) {
      if (frame.text.length < 10_000_000) frame.text += text;
    } else if ((cdata || !isBlank(text)) && !frame.broken) {
      frame.broken = true;
      this.report(frame.path, "text is not allowed here: this element may contain only child elements");
    }
  }

  close(line: number, column: number): void {
    this.line = line;
    this.column = column;
    const frame = this.stack.pop();
    if (!frame?.type) return;
    const { type } = frame;
    if (type.simple) {
      if (!isValidValue(type.simple, frame.text))
        this.report(frame.path, `'${clip(frame.text)}' is not a valid ${datatypeName(type.simple)}`);
      return;
    }
    if (frame.broken) return;
    const missing = type.particles.find((p, i) => i >= frame.pos && (i === frame.pos ? frame.count : 0) < p.min);
    if (missing) this.report(frame.path, `missing child element <${missing.name}> (required here)`);
  }

  private rootType(tag: XmlOpenTag, path: string): XsdType | undefined {
    const index = tag.uri === "" ? this.schema.globals[tag.local] : undefined;
    if (index === undefined) this.report(path, `root element <${tag.name}> is not declared by the IATI schema`);
    return index === undefined ? undefined : this.schema.types[index];
  }

  /** The type a child gets: from the parent's sequence, or, under a lax wildcard, from a global declaration. */
  private laxType(tag: XmlOpenTag): XsdType | undefined {
    const index = tag.uri === "" ? this.schema.globals[tag.local] : undefined;
    return index === undefined ? undefined : this.schema.types[index];
  }

  private childType(parent: Frame, tag: XmlOpenTag, path: string): XsdType | undefined {
    const type = parent.type;
    if (!type || type.any) return this.laxType(tag);
    if (type.simple) {
      if (!parent.broken) this.report(path, `element <${tag.name}> is not allowed here: its parent holds text only`);
      parent.broken = true;
      return this.laxType(tag);
    }
    const particles = type.particles;
    const [startPos, startCount] = [parent.pos, parent.count];
    while (parent.pos < particles.length) {
      const p = particles[parent.pos]!;
      const matches = p.name === null ? tag.uri !== "" : tag.uri === "" && tag.local === p.name;
      if (matches && (p.max === -1 || parent.count < p.max)) {
        parent.count += 1;
        return p.name === null ? this.laxType(tag) : this.schema.types[p.type];
      }
      if (parent.count < p.min) break;
      parent.pos += 1;
      parent.count = 0;
    }
    if (!parent.broken) {
      const expected = expectedAt(particles, startPos, startCount);
      this.report(
        path,
        `element <${tag.name}> is not expected here; expected ${expected.length ? listed(expected) : "no more elements"}`,
      );
    }
    parent.broken = true;
    return this.laxType(tag);
  }

  private checkAttributes(type: XsdType, attributes: readonly XmlAttribute[], path: string): void {
    for (const a of attributes) {
      const at = `${path}/@${a.name}`;
      if (a.uri === "") {
        const decl = type.attributes.find((d) => d.name === a.local);
        if (!decl) {
          if (!type.any) this.report(at, `attribute '${a.name}' is not allowed on this element`);
        } else if (!isValidValue(decl.type, a.value))
          this.report(at, `'${clip(a.value)}' is not a valid ${datatypeName(decl.type)}`);
        continue;
      }
      const declared = a.uri === XML_NS && type.attributes.some((d) => d.name === `xml:${a.local}`);
      if (a.uri === XSI_NS && (a.local === "type" || a.local === "nil")) {
        this.report(at, `xsi:${a.local} is not supported by the IATI schema`);
      } else if (!declared && !type.anyAttribute && !type.any && a.uri !== XSI_NS) {
        this.report(at, `attribute '${a.name}' is not allowed on this element`);
      } else if (a.uri === XML_NS) this.checkXmlAttribute(a, at);
    }
    for (const d of type.attributes) {
      if (!d.required) continue;
      const present = attributes.some((a) =>
        d.name.startsWith("xml:")
          ? a.uri === XML_NS && `xml:${a.local}` === d.name
          : a.uri === "" && a.local === d.name,
      );
      if (!present) this.report(`${path}/@${d.name}`, `required attribute '${d.name}' is missing`);
    }
  }

  /** xml:lang, xml:space, xml:base and xml:id as xml.xsd declares them. */
  private checkXmlAttribute(a: XmlAttribute, at: string): void {
    const v = a.value;
    const ok =
      a.local === "lang"
        ? isValidValue("xml-lang", v)
        : a.local === "space"
          ? v === "default" || v === "preserve"
          : a.local === "base"
            ? isValidValue("anyURI", v)
            : a.local === "id"
              ? /^[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*$/u.test(v)
              : true;
    if (!ok) this.report(at, `'${clip(v)}' is not a valid value for xml:${a.local}`);
  }

  private repeatable(parent: Frame, name: string): boolean {
    const p = parent.type?.particles.find((q) => q.name === name);
    return p !== undefined && p.max !== 1;
  }

  private report(path: string, message: string): void {
    this.issueCount += 1;
    const issue = { line: this.line, column: this.column, path, message };
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
    this.onIssue?.(issue);
  }
}

/** Names that could come next in a sequence at position `pos` with `count` already matched there. */
function expectedAt(particles: readonly XsdParticle[], pos: number, count: number): string[] {
  const out: string[] = [];
  for (let i = pos; i < particles.length; i++) {
    const p = particles[i]!;
    const seen = i === pos ? count : 0;
    if (p.max === -1 || seen < p.max) out.push(p.name === null ? "an element from another namespace" : `<${p.name}>`);
    if (seen < p.min) break;
  }
  return out;
}

function listed(names: readonly string[]): string {
  return names.length > 8 ? `one of ${names.slice(0, 8).join(", ")}, …` : names.join(" or ");
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
