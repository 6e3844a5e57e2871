/** A seeded PRNG (mulberry32), so the bench picks the same pairs every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Median and 95th percentile of a list of milliseconds. */
export function summarise(ms: readonly number[]): { medianMs: number; p95Ms: number; meanMs: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95), meanMs: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

/** Times `run` once per pair after `warmup` untimed calls; returns each call's ms and answer. */
export function timeQueries<T>(
  pairs: readonly (readonly [number, number])[],
  run: (from: number, to: number) => T,
  warmup: number,
): { ms: number[]; answers: T[] } {
  for (let i = 0; i < warmup; i++) {
    const [a, b] = pairs[i % pairs.length]!;
    run(a, b);
  }
  const ms: number[] = [];
  const answers: T[] = [];
  for (const [a, b] of pairs) {
    const t = performance.now();
    answers.push(run(a, b));
    ms.push(performance.now() - t);
  }
  return { ms, answers };
}
