/**
 * Regenerates `src/io/iati/schema-data.ts` from the official IATI 2.03
 * activity schema (`iati-activities-schema.xsd` + `iati-common.xsd`) in
 * `../shared/reference/iati/` (development only; the product never reads the
 * XSD at run time). Supports exactly the XSD constructs that schema uses and
 * stops on anything else, so a new schema version cannot be misread silently.
 *
 * @example
 *   npx tsx scripts/gen-iati-schema.ts
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import type { Datatype, XsdAttribute, XsdParticle, XsdType } from "../src/io/iati/schema-types.ts";

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}

const XSD = "http://www.w3.org/2001/XMLSchema";
const dir = process.argv[2] ?? join(import.meta.dirname, "../../shared/reference/iati");
const out = join(import.meta.dirname, "../src/io/iati/schema-data.ts");

function parse(file: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Node[] = [{ name: "#document", attrs: {}, children: [] }];
  parser.on("opentag", (tag) => {
    if (tag.uri !== XSD) throw new Error(`${file}: unexpected element ${tag.name}`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.name] = a.value;
    const node: Node = { name: tag.local, attrs, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(readFileSync(join(dir, file), "utf8")).close();
  return stack[0]!.children[0]!;
}

const roots = [parse("iati-activities-schema.xsd"), parse("iati-common.xsd")];
const top = (kind: string) =>
  new Map(roots.flatMap((r) => r.children.filter((c) => c.name === kind).map((c) => [c.attrs.name!, c] as const)));
const globalElements = top("element");
const namedTypes = top("complexType");
const globalAttributes = top("attribute");

const DATATYPES = new Set<string>([
  "string",
  "decimal",
  "date",
  "dateTime",
  "boolean",
  "anyURI",
  "int",
  "nonNegativeInteger",
  "positiveInteger",
  "NMTOKEN",
]);
function datatype(qname: string): Datatype {
  const local = qname.replace(/^xsd:/, "");
  if (!qname.startsWith("xsd:") || !DATATYPES.has(local)) throw new Error(`unsupported datatype ${qname}`);
  return local as Datatype;
}

const types: XsdType[] = [];
const memo = new Map<Node, number>();
const skip = (n: Node) => n.name === "annotation";

function attribute(n: Node): XsdAttribute {
  const required = n.attrs.use === "required";
  if (n.attrs.ref === "xml:lang") return { name: "xml:lang", type: "xml-lang", required };
  if (n.attrs.ref) {
    const g = globalAttributes.get(n.attrs.ref);
    if (!g) throw new Error(`unknown attribute ref ${n.attrs.ref}`);
    return { name: n.attrs.ref, type: datatype(g.attrs.type!), required };
  }
  return { name: n.attrs.name!, type: datatype(n.attrs.type ?? "xsd:string"), required };
}

function attributesOf(nodes: Node[]): { attributes: XsdAttribute[]; anyAttribute: boolean } {
  const attributes: XsdAttribute[] = [];
  let anyAttribute = false;
  for (const n of nodes) {
    if (n.name === "attribute") attributes.push(attribute(n));
    else if (n.name === "anyAttribute") {
      if (n.attrs.namespace !== "##other" || n.attrs.processContents !== "lax")
        throw new Error("unsupported anyAttribute");
      anyAttribute = true;
    }
  }
  return { attributes, anyAttribute };
}

function occurs(n: Node): { min: number; max: number } {
  const max = n.attrs.maxOccurs ?? "1";
  return { min: Number(n.attrs.minOccurs ?? "1"), max: max === "unbounded" ? -1 : Number(max) };
}

function sequence(n: Node): XsdParticle[] {
  return n.children
    .filter((c) => !skip(c))
    .map((c): XsdParticle => {
      if (c.name === "any") {
        if (c.attrs.namespace !== "##other" || c.attrs.processContents !== "lax") throw new Error("unsupported xs:any");
        return { name: null, type: -1, ...occurs(c) };
      }
      if (c.name !== "element") throw new Error(`unsupported particle ${c.name}`);
      return { name: c.attrs.ref ?? c.attrs.name!, type: elementType(c), ...occurs(c) };
    });
}

function complexType(n: Node): number {
  const known = memo.get(n);
  if (known !== undefined) return known;
  const index = types.length;
  memo.set(n, index);
  types.push({ particles: [], attributes: [], anyAttribute: false });
  const body = n.children.filter((c) => !skip(c));
  const first = body[0];
  let type: XsdType;
  if (first?.name === "simpleContent" || first?.name === "complexContent") {
    const ext = first.children.find((c) => c.name === "extension");
    if (!ext) throw new Error(`unsupported ${first.name}`);
    const own = attributesOf(ext.children);
    if (first.name === "simpleContent") type = { simple: datatype(ext.attrs.base!), particles: [], ...own };
    else {
      const base = namedTypes.get(ext.attrs.base!);
      if (!base || ext.children.some((c) => !skip(c))) throw new Error("unsupported complexContent extension");
      type = types[complexType(base)]!;
    }
  } else {
    const seq = body.find((c) => c.name === "sequence");
    const unknown = body.find((c) => !["sequence", "attribute", "anyAttribute"].includes(c.name));
    if (unknown) throw new Error(`unsupported ${unknown.name} in complexType`);
    type = { particles: seq ? sequence(seq) : [], ...attributesOf(body) };
  }
  types[index] = type;
  return index;
}

function elementType(n: Node): number {
  if (n.attrs.ref) {
    const g = globalElements.get(n.attrs.ref);
    if (!g) throw new Error(`unknown element ref ${n.attrs.ref}`);
    return elementType(g);
  }
  const known = memo.get(n);
  if (known !== undefined) return known;
  let index: number;
  const inline = n.children.find((c) => c.name === "complexType");
  if (inline) index = complexType(inline);
  else if (n.attrs.type?.startsWith("xsd:")) {
    index = types.push({ simple: datatype(n.attrs.type), particles: [], attributes: [], anyAttribute: false }) - 1;
  } else if (n.attrs.type) {
    const named = namedTypes.get(n.attrs.type);
    if (!named) throw new Error(`unknown type ${n.attrs.type}`);
    index = complexType(named);
  } else index = types.push({ any: true, particles: [], attributes: [], anyAttribute: true }) - 1;
  memo.set(n, index);
  return index;
}

const globals: Record<string, number> = {};
for (const [name, node] of globalElements) globals[name] = elementType(node);
const version = roots[0]!.attrs.version ?? "?";

const lines = [
  "// Generated by scripts/gen-iati-schema.ts from the IATI activity schema (iati-activities-schema.xsd and",
  "// iati-common.xsd). Do not edit by hand.",
  'import type { XsdSchema } from "./schema-types.ts";',
  "",
  `/** The IATI ${version} activity schema as data (see \`schema-types.ts\`). */`,
  "export const IATI_ACTIVITY_SCHEMA: XsdSchema = {",
  `  version: ${JSON.stringify(version)},`,
  `  globals: ${JSON.stringify(globals)},`,
  "  types: [",
  ...types.map((t, i) => `    /* ${i} */ ${JSON.stringify(t)},`),
  "  ],",
  "};",
  "",
];
writeFileSync(out, lines.join("\n"));
execFileSync("npx", ["biome", "format", "--write", out], { stdio: "inherit" });
console.log(`wrote ${types.length} types and ${Object.keys(globals).length} global elements to ${out}`);
