import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { AppError } from "../core/errors.ts";

/** An uploaded file kept on disk until its import job ends. */
export interface Upload {
  readonly path: string;
  readonly bytes: number;
  /** The file name the browser sent (multipart), if any. */
  readonly filename?: string;
  /** Deletes the file (and its folder). */
  remove(): Promise<void>;
}

/** "200 MB" for messages. @example sizeText(209715200) // "200 MB" */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${bytes} bytes`;
}

/** The 413 `input_too_large` error naming the limit. @example throw uploadTooLarge(1024) */
export function uploadTooLarge(maxBytes: number): AppError {
  return new AppError("input_too_large", `the upload is larger than the import limit of ${sizeText(maxBytes)}`, {
    limit: maxBytes,
  });
}

/**
 * Streams a request body to a temporary file, refusing (413 `input_too_large`)
 * as soon as more than `maxBytes` arrive; the partial file is deleted. A
 * `multipart/form-data` body is unpacked on the fly: its `file` part is what
 * is kept (other parts are ignored). Memory stays bounded by one chunk.
 *
 * @example
 *   const upload = await receiveUpload(c.req.raw.body, c.req.header("content-type"), 200 * 1024 * 1024);
 */
export async function receiveUpload(
  body: AsyncIterable<Uint8Array> | null,
  contentType: string | undefined,
  maxBytes: number,
): Promise<Upload> {
  const dir = await mkdtemp(join(tmpdir(), "beltroad-upload-"));
  const path = join(dir, "upload");
  const remove = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(path);
  let written = 0;
  const write = async (chunk: Uint8Array) => {
    if (chunk.length === 0) return;
    written += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  };
  try {
    let received = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      if (!body) return;
      for await (const chunk of body) {
        received += chunk.length;
        if (received > maxBytes) throw uploadTooLarge(maxBytes);
        yield chunk;
      }
    }
    const boundary = /^multipart\/form-data/i.test(contentType ?? "") ? boundaryOf(contentType ?? "") : undefined;
    let filename: string | undefined;
    if (boundary) filename = await unpackMultipart(counted(), boundary, write);
    else for await (const chunk of counted()) await write(chunk);
    out.end();
    await finished(out);
    return { path, bytes: written, filename, remove };
  } catch (err) {
    out.destroy();
    await remove();
    throw err;
  }
}

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new AppError("invalid_request", "multipart/form-data without a boundary");
  return boundary;
}

/**
 * Writes the `file` part of a multipart body through `write`; returns its
 * file name. Scans for the boundary across chunk edges, keeping at most one
 * boundary's length of bytes back.
 */
async function unpackMultipart(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
  write: (chunk: Uint8Array) => Promise<void>,
): Promise<string | undefined> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary has no CRLF before it: pretend it had.
  let buf: Buffer = Buffer.from("\r\n");
  let state = "preamble" as "preamble" | "after-boundary" | "headers" | "part" | "done";
  let inFile = false;
  let sawFile = false;
  let filename: string | undefined;
  const step = async (final: boolean): Promise<boolean> => {
    if (state === "preamble" || state === "part") {
      const at = buf.indexOf(delimiter);
      if (at < 0) {
        const keep = final ? 0 : delimiter.length - 1;
        if (state === "part" && inFile && buf.length > keep) await write(buf.subarray(0, buf.length - keep));
        buf = buf.subarray(Math.max(0, buf.length - keep));
        return false;
      }
      if (state === "part" && inFile) await write(buf.subarray(0, at));
      buf = buf.subarray(at + delimiter.length);
      state = "after-boundary";
      return true;
    }
    if (state === "after-boundary") {
      if (buf.length < 2) return false;
      if (buf.subarray(0, 2).toString() === "--") {
        state = "done";
        return false;
      }
      state = "headers";
      return true;
    }
    if (state === "headers") {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) {
        if (buf.length > 16 * 1024) throw new AppError("invalid_request", "multipart part headers over 16 kB");
        return false;
      }
      const headers = buf.subarray(0, end).toString("utf8");
      buf = buf.subarray(end + 4);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? "";
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      inFile = name === "file" && !sawFile;
      if (inFile) {
        sawFile = true;
        filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      }
      state = "part";
      return true;
    }
    return false;
  };
  for await (const chunk of source) {
    if (state === "done") continue;
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    while (await step(false));
  }
  while (await step(true));
  if (!sawFile) throw new AppError("invalid_request", 'the form has no "file" field');
  if (state !== "done") throw new AppError("invalid_request", "the multipart body ends before its closing boundary");
  return filename;
}
