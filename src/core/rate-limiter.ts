/**
 * A fixed-window counter per key, in memory, with a bounded number of keys.
 * Time comes in as an argument so that tests need not wait.
 *
 * @example
 *   const limiter = new RateLimiter({ max: 5, windowMs: 15 * 60_000 });
 *   if (!limiter.hit(`login:${email}`, Date.now()).allowed) refuse();
 */
export class RateLimiter {
  readonly max: number;
  readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(options: { max: number; windowMs: number; maxKeys?: number }) {
    this.max = options.max;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Counts one event for `key`; `allowed` is false once the window holds more than `max`. */
  hit(key: string, now: number): { allowed: boolean; remaining: number; resetMs: number } {
    const w = this.current(key, now) ?? this.open(key, now);
    w.count += 1;
    return {
      allowed: w.count <= this.max,
      remaining: Math.max(0, this.max - w.count),
      resetMs: w.start + this.windowMs - now,
    };
  }

  /** True when `key` has used up its window (without counting a new event). */
  blocked(key: string, now: number): { blocked: boolean; resetMs: number } {
    const w = this.current(key, now);
    return { blocked: !!w && w.count >= this.max, resetMs: w ? w.start + this.windowMs - now : 0 };
  }

  /** Forgets `key` (after a successful login, say). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string, now: number) {
    const w = this.windows.get(key);
    if (w && now - w.start < this.windowMs) return w;
    if (w) this.windows.delete(key);
    return undefined;
  }

  private open(key: string, now: number) {
    if (this.windows.size >= this.maxKeys) {
      for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
      // Still full: drop the oldest windows (insertion order) rather than grow without bound.
      for (const k of this.windows.keys()) {
        if (this.windows.size < this.maxKeys) break;
        this.windows.delete(k);
      }
    }
    const w = { start: now, count: 0 };
    this.windows.set(key, w);
    return w;
  }
}
