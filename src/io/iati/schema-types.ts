/**
 * The shape of the IATI 2.03 activity schema as data: what each element may
 * contain and which attributes it takes. `schema-data.ts` holds the values,
 * generated from the official XSD by `scripts/gen-iati-schema.ts`.
 */

/** The XSD datatypes the 2.03 activity schema uses (`xml-lang` is xml.xsd's union of xs:language and ""). */
export type Datatype =
  | "string"
  | "decimal"
  | "date"
  | "dateTime"
  | "boolean"
  | "anyURI"
  | "int"
  | "nonNegativeInteger"
  | "positiveInteger"
  | "NMTOKEN"
  | "xml-lang";

/** A declared attribute (`name` is the local name, or `xml:lang` for the xml namespace). */
export interface XsdAttribute {
  readonly name: string;
  readonly type: Datatype;
  readonly required: boolean;
}

/**
 * One particle of an `xs:sequence`: an element (`name`, with the index of its
 * type in `TYPES`) or, when `name` is null, `xs:any namespace="##other"
 * processContents="lax"`. `max` -1 is unbounded.
 */
export interface XsdParticle {
  readonly name: string | null;
  readonly type: number;
  readonly min: number;
  readonly max: number;
}

/**
 * An element's type. `simple` set: text content of that datatype, no child
 * elements. `any` set: xs:anyType (anything goes). Otherwise element-only
 * content: the sequence `particles`, in order.
 */
export interface XsdType {
  readonly simple?: Datatype;
  readonly any?: true;
  readonly particles: readonly XsdParticle[];
  readonly attributes: readonly XsdAttribute[];
  /** `xs:anyAttribute namespace="##other" processContents="lax"`. */
  readonly anyAttribute: boolean;
}

/** The schema as data: every type, and the global elements (any of which may be a document's root). */
export interface XsdSchema {
  readonly version: string;
  readonly types: readonly XsdType[];
  readonly globals: Readonly<Record<string, number>>;
}
