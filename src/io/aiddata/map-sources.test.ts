import { describe, expect, it } from "vitest";
import type { FieldNote } from "../iati/map-context.ts";
import { rowSources } from "./map-sources.ts";

const read = (urls: string, titles: string, publishers: string, types: string) => {
  const warnings: FieldNote[] = [];
  const sources = rowSources(urls, titles, publishers, types, (w) => warnings.push(w));
  return { sources, warnings };
};

describe("rowSources", () => {
  it("keeps aligned lists together, the host as publisher when none is given, bad URLs in the note", () => {
    const first = read("https://a.example/x|not a url|http://exa\tmple.com/y", "A|B|", "Pa||", "News|Other|Blog");
    expect(first.warnings).toEqual([]);
    expect(first.sources).toEqual([
      { key: "s1", title: "A", publisher: "Pa", url: "https://a.example/x", note: "News" },
      { key: "s2", title: "B", publisher: "not stated", note: "Other; URL as given: not a url" },
      {
        key: "s3",
        title: "http://exa\tmple.com/y",
        publisher: "example.com",
        url: "http://exa\tmple.com/y",
        note: "Blog",
      },
    ]);
    // the same URLs again (answered from the cache) give the same sources
    expect(read("https://a.example/x|not a url|http://exa\tmple.com/y", "A|B|", "Pa||", "News|Other|Blog")).toEqual(
      first,
    );
  });

  it("keeps only the URLs, with their host, when the lists do not line up; drops repeats", () => {
    const { sources, warnings } = read("https://a.example/1|https://a.example/1|ftp://b.example", "x|y|z|w", "", "");
    expect(warnings.map((w) => w.message)).toEqual([
      "3 URLs, 4 titles and 0 publishers do not line up; URLs kept with their host as publisher",
    ]);
    expect(sources).toEqual([
      { key: "s1", title: "https://a.example/1", publisher: "a.example", url: "https://a.example/1" },
      { key: "s2", title: "ftp://b.example", publisher: "b.example", url: "ftp://b.example" },
    ]);
  });

  it("lines up when only titles are given", () => {
    expect(read("", "t1|t2", "", "").sources).toEqual([
      { key: "s1", title: "t1", publisher: "not stated" },
      { key: "s2", title: "t2", publisher: "not stated" },
    ]);
  });
});
