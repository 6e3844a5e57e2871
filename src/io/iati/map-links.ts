import { z } from "zod";
import { isCode } from "../../core/codelists/index.ts";
import { activityId } from "../slug.ts";
import { attr, child, children, type XNode } from "../xml/tree.ts";
import { datePart, localized, type MapContext, narratives } from "./map-context.ts";
import type { Mapped } from "./map-places.ts";

const Url = z.url();

/**
 * document-link → sources (`d1`, `d2`…): URL, title, the reporting
 * organisation as publisher, document date, and format, categories,
 * languages and other-language titles under `document`.
 */
export function mapDocuments(nodes: XNode[], publisher: string, ctx: MapContext): Mapped<Record<string, unknown>> {
  const out: Mapped<Record<string, unknown>> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const url = attr(n, "url") ?? "";
    const titles = narratives(child(n, "title"), ctx.lang);
    const title = localized(titles, false);
    const categories = children(n, "category").map((c) => attr(c, "code") ?? "");
    if (!Url.safeParse(url).success || !title || !attr(n, "format") || categories.some((c) => !c)) {
      ctx.warn(`document-link[${i + 1}]`, `"${url}" is not an absolute URL (or the link has no title); kept verbatim`);
      out.raw.push(n);
      return;
    }
    const languages = children(n, "language").map((l) => attr(l, "code") ?? "");
    const description = narratives(child(n, "description"), ctx.lang);
    const others = Object.keys(titles).length > 1 ? titles : undefined;
    out.items.push({
      key: `d${out.items.length + 1}`,
      url,
      title: title.text.en,
      publisher,
      published: datePart(attr(child(n, "document-date"), "iso-date")),
      document: {
        format: attr(n, "format") ?? "",
        categories,
        languages: languages.length ? languages : undefined,
        titles: others,
        description: Object.keys(description).length ? description : undefined,
      },
    });
  });
  return out;
}

/** related-activity → related records (id derived from the IATI identifier, which is kept as `ref`). */
export function mapRelated(nodes: XNode[], ctx: MapContext): Mapped<{ id: string; type: string; ref: string }> {
  const out: Mapped<{ id: string; type: string; ref: string }> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const ref = attr(n, "ref") ?? "";
    const type = attr(n, "type") ?? "";
    const id = activityId(ref);
    if (!id || !isCode("RelatedActivityType", type)) {
      ctx.warn(`related-activity[${i + 1}]`, `needs an identifier and an IATI RelatedActivityType code; kept verbatim`);
      out.raw.push(n);
      return;
    }
    out.items.push({ id, type, ref });
  });
  return out;
}
