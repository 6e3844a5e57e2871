/**
 * Text normalisation shared by search indexing, search queries and name
 * matching, so that `Xi'an`, `Xi’an` and `xian` are one word and Chinese
 * names can be searched by any run of characters.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * Lower case, accents removed, apostrophes dropped, dashes and punctuation
 * turned into spaces, each CJK character a word of its own.
 *
 * @example
 *   normalizeText("Xi’an–Duisburg 中老铁路") // "xian duisburg 中 老 铁 路"
 */
export function normalizeText(text: string): string {
  const n = write(text, 0);
  return n < 0 ? exact(text) : read(n);
}

/**
 * `normalizeText(parts.join(" "))`, without building the joined string: a
 * space keeps its neighbours from changing each other, so each part can be
 * normalised alone.
 *
 * @example
 *   normalizeTexts(["Xi’an", "Duisburg"]) // "xian duisburg"
 */
export function normalizeTexts(parts: readonly string[]): string {
  let n = 0;
  for (const p of parts) {
    const m = write(p, n);
    n = m < 0 ? writeWords(exact(p), n, true) : m;
  }
  return read(n);
}

/** The words of a search query, normalised; CJK runs become single characters (matched as a sequence by AND). */
export function ftsQueryTerms(q: string): string[] {
  return normalizeText(q)
    .split(" ")
    .filter((t) => t.length > 0)
    .slice(0, 16);
}

/** True when the text contains Chinese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** The definition of `normalizeText`, applied to the whole text at once; the fast path gives the same. */
function exact(text: string): string {
  return words(text).trim();
}

/** `exact` without the final trim: a separator at either end stays as a space. */
function words(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/([\u3400-\u9fff\uf900-\ufaff])/gu, " $1 ")
    .replace(/\s+/g, " ");
}

/*
 * The fast path. Apart from two exceptions, `exact` works character by
 * character: NFKD reorders only combining characters (every character with a
 * non-zero combining class is a mark, and marks are dropped), and lower case
 * maps each character alone. So the output is the words of what each
 * character becomes on its own. The exceptions fall back to `exact`: capital
 * sigma (its lower case depends on the letters around it: σ or final ς) and
 * surrogates (astral characters and lone surrogates, rare in our data).
 *
 * What a UTF-16 code unit becomes is worked out with `exact`'s own steps the
 * first time it is met, so the fast path follows the Unicode version of the
 * runtime; the unit test compares both on every code unit.
 */

/*
 * What a code unit becomes, in one table: 0 not learnt yet; 1–0xffff the
 * letter or digit it becomes (continuing the word); 0x10000 + a CJK letter
 * (a word of its own); or one of the negative kinds below.
 */
const CODE = new Int32Array(0x10000);
const CJK_BASE = 0x10000;
/** Ends a word. */
const SPACE = -1;
/** Nothing: a mark or an apostrophe (the letters either side stay one word). */
const SKIP = -2;
/** Several letters or words (`PIECES`): normalised, with a space first or last when it ends a word. */
const PIECE = -3;
/** Use `exact` on the whole text. */
const FALLBACK = -4;
const PIECES = new Map<number, string>();
const SPACE_CODE = 32;

function learn(c: number): number {
  CODE[c] = codeOf(c);
  return CODE[c]!;
}

function codeOf(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return FALLBACK;
  const s = String.fromCharCode(c);
  if (s.normalize("NFKD").includes("Σ")) return FALLBACK;
  const piece = words(s);
  if (piece === "") return SKIP;
  if (piece === " ") return SPACE;
  if (piece.length === 1) return piece.charCodeAt(0);
  if (piece.length === 3 && piece[0] === " " && piece[2] === " " && CJK.test(piece[1]!))
    return CJK_BASE + piece.charCodeAt(1);
  PIECES.set(c, piece);
  return PIECE;
}

/** The output being written, as UTF-16 code units; one buffer for all calls (they never nest). */
const INITIAL = 1 << 14;
let buf = new Uint16Array(INITIAL);
const CHUNK = 1 << 13;

function reserve(n: number, more: number): void {
  if (buf.length >= n + more) return;
  const bigger = new Uint16Array(2 * (n + more));
  bigger.set(buf.subarray(0, n));
  buf = bigger;
}

/**
 * Writes the words of `text` into `buf` from `n`, after a space when `n > 0`.
 * Returns the new length, or -1 when `text` needs `exact`.
 */
function write(text: string, n: number): number {
  // Each code unit writes at most two (a space and a letter); pieces make room themselves.
  reserve(n, 2 * text.length + 1);
  let out = buf;
  let gap = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let code = CODE[c]!;
    if (code > 0 && code < CJK_BASE) {
      if (gap) {
        if (n > 0) out[n++] = SPACE_CODE;
        gap = false;
      }
      out[n++] = code;
    } else if (code === SPACE) gap = true;
    else {
      if (code === 0) code = learn(c);
      if (code > 0 && code < CJK_BASE) {
        if (gap && n > 0) out[n++] = SPACE_CODE;
        gap = false;
        out[n++] = code;
      } else if (code === SPACE) gap = true;
      else if (code >= CJK_BASE) {
        if (n > 0) out[n++] = SPACE_CODE;
        out[n++] = code - CJK_BASE;
        gap = true;
      } else if (code === PIECE) {
        const piece = PIECES.get(c)!;
        n = writeWords(piece, n, gap);
        gap = piece.charCodeAt(piece.length - 1) === SPACE_CODE;
        reserve(n, 2 * (text.length - i) + 1);
        out = buf;
      } else if (code === FALLBACK) return -1;
    }
  }
  return n;
}

/** Writes normalised words (a space first or last ends the word before or after) from `n`; the new length. */
function writeWords(words: string, n: number, gap: boolean): number {
  reserve(n, words.length + 1);
  const out = buf;
  for (let i = 0; i < words.length; i++) {
    const c = words.charCodeAt(i);
    if (c === SPACE_CODE) gap = true;
    else {
      if (gap && n > 0) out[n++] = SPACE_CODE;
      gap = false;
      out[n++] = c;
    }
  }
  return n;
}

const UTF16LE = new TextDecoder("utf-16le");
/** True when `buf`'s bytes are in little-endian order, as `UTF16LE` reads them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The first `n` code units of `buf` as a string. */
function read(n: number): string {
  // TextDecoder is the faster for all but short texts.
  let s = "";
  if (LITTLE_ENDIAN && n > 96) s = UTF16LE.decode(new Uint8Array(buf.buffer, 0, 2 * n));
  else
    for (let i = 0; i < n; i += CHUNK)
      s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  // Give back what an exceptionally long text took.
  if (buf.length > 1 << 20) buf = new Uint16Array(INITIAL);
  return s;
}
