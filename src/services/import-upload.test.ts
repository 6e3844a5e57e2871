import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { receiveUpload } from "./import-upload.ts";

const BOUNDARY = "----x-boundary-42";

/** A multipart body cut into chunks of `size` bytes, so the boundary straddles chunk edges. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const form = (content: string) =>
  [
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="note"',
    "",
    "hello",
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="file"; filename="a.csv"',
    "Content-Type: text/csv",
    "",
    content,
    `--${BOUNDARY}--`,
    "",
  ].join("\r\n");

describe("receiveUpload", () => {
  it("keeps the file part of a multipart body, whatever the chunking", async () => {
    const content = `id,name\r\n1,"--${BOUNDARY.slice(0, 8)}"\r\n2,two\r\n`;
    for (const size of [1, 3, 7, 64, 4096]) {
      const upload = await receiveUpload(chunks(form(content), size), `multipart/form-data; boundary=${BOUNDARY}`, 1e6);
      expect(readFileSync(upload.path, "utf8"), `chunks of ${size}`).toBe(content);
      expect(upload).toMatchObject({ filename: "a.csv", bytes: Buffer.byteLength(content) });
      await upload.remove();
    }
  });

  it("keeps a raw body as is and refuses one over the limit", async () => {
    const upload = await receiveUpload(chunks("abc".repeat(100), 7), "application/octet-stream", 300);
    expect(upload.bytes).toBe(300);
    await upload.remove();
    await expect(receiveUpload(chunks("abc".repeat(100), 7), undefined, 299)).rejects.toMatchObject({
      code: "input_too_large",
      details: { limit: 299 },
    });
  });

  it("refuses a form without a file field or without its closing boundary", async () => {
    const type = `multipart/form-data; boundary=${BOUNDARY}`;
    const noFile = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--${BOUNDARY}--\r\n`;
    await expect(receiveUpload(chunks(noFile, 5), type, 1e6)).rejects.toMatchObject({ code: "invalid_request" });
    await expect(receiveUpload(chunks(form("abc").slice(0, -20), 5), type, 1e6)).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});
