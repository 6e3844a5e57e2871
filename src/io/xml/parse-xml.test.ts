import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.ts";
import { validateIatiXml } from "../iati/validate.ts";
import { parseXml, type XmlHandler, type XmlLimits } from "./parse-xml.ts";

const sink: XmlHandler = { open() {}, text() {}, close() {} };

async function failure(source: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, limits?: XmlLimits) {
  try {
    for await (const _ of parseXml(source, sink, limits)) {
      // drain
    }
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  return undefined;
}

const minimal = (body: string) =>
  `<iati-activities version="2.03"><iati-activity><iati-identifier>A</iati-identifier><reporting-org ref="A" type="10"><narrative>${body}</narrative></reporting-org><title><narrative>T</narrative></title><description><narrative>D</narrative></description><participating-org role="1" ref="A"/><activity-status code="2"/><activity-date type="1" iso-date="2020-01-01"/></iati-activity></iati-activities>`;

describe("hostile XML", () => {
  it("refuses a DOCTYPE outright: external entities are never fetched", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('<!ENTITY x "pwned">');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const doctype of [
        `<!DOCTYPE a SYSTEM "http://127.0.0.1:${port}/evil.dtd">`,
        `<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
        `<!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p.dtd"> %p;]>`,
      ]) {
        const e = await failure([`<?xml version="1.0"?>\n${doctype}\n${minimal("&xxe;")}`]);
        expect(e?.code).toBe("invalid_xml");
        expect(e?.message).toMatch(/DOCTYPE declaration is not accepted/);
      }
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it("stops a billion-laughs document at once, expanding nothing", async () => {
    const lol = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
    ).join("");
    const started = Date.now();
    const e = await failure([`<!DOCTYPE lolz [${lol}]><lolz>&lol9;</lolz>`]);
    expect(e?.message).toMatch(/DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("does not expand undefined entities", async () => {
    expect((await failure([minimal("&xxe;")]))?.message).toMatch(/undefined entity/);
  });

  it("enforces size, depth and token limits", async () => {
    expect((await failure([minimal("x".repeat(5000))], { maxBytes: 1000 }))?.code).toBe("input_too_large");
    expect((await failure([`${"<a>".repeat(300)}${"</a>".repeat(300)}`]))?.message).toMatch(/nested deeper than 256/);
    expect((await failure([minimal("x".repeat(50_000))], { maxToken: 10_000 }))?.message).toMatch(
      /longer than 10,000 characters/,
    );
  });

  it("rejects binary garbage and wrong encodings with clear messages", async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const g = await failure([garbage]);
    expect(["invalid_xml", "invalid_encoding"]).toContain(g?.code);
    const latin1Undeclared = Buffer.from(minimal("Minist\u00e8re"), "latin1");
    expect((await failure([latin1Undeclared]))?.code).toBe("invalid_encoding");
    expect((await failure([`<?xml version="1.0" encoding="UTF-16"?>${minimal("x")}`]))?.code).toBe("invalid_encoding");
    expect((await failure([`<?xml version="1.0" encoding="EBCDIC-XYZ"?>${minimal("x")}`]))?.code).toBe(
      "unsupported_encoding",
    );
  });

  it("reads declared ISO-8859-1 and UTF-16 with a byte-order mark", async () => {
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${minimal("Minist\u00e8re")}`, "latin1");
    expect((await validateIatiXml([latin1])).valid).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal("\u4e2d\u6587"), "utf16le")]);
    expect((await validateIatiXml([utf16])).valid).toBe(true);
    // split across chunks in the middle of a multi-byte character
    const bytes = Buffer.from(minimal("\u4e2d\u6587\u00e8"));
    expect((await validateIatiXml([bytes.subarray(0, 1500), bytes.subarray(1500)])).valid).toBe(true);
  });
});
