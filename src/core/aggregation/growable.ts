/** A typed array that grows by doubling: rows are appended without creating objects. */
export class Growable<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The filled part, trimmed to length. */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}
