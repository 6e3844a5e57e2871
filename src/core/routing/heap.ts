/**
 * An indexed 4-ary min-heap of node ids 0..capacity-1 keyed by float64, on
 * typed arrays: no allocation per push, O(log4 n) push / pop / decrease.
 * A node is in the heap at most once; `decrease` moves it up in place, so
 * Dijkstra needs no duplicate entries. Reuse one heap across queries with
 * `clear()` (O(size), not O(capacity)).
 *
 * @example
 *   const heap = new IndexedHeap(10);
 *   heap.push(3, 2.5);
 *   heap.push(7, 1.0);
 *   heap.decrease(3, 0.5);
 *   heap.pop(); // 3
 *   heap.pop(); // 7
 */
export class IndexedHeap {
  /** Node at each heap slot. */
  private readonly nodes: Int32Array;
  /** Key at each heap slot (kept beside the node for cache locality). */
  private readonly keys: Float64Array;
  /** Slot of each node, or -1 when absent. */
  private readonly slot: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.slot = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** True when `node` is waiting in the heap. */
  has(node: number): boolean {
    return this.slot[node]! >= 0;
  }

  /** The smallest key (undefined when empty). */
  peekKey(): number | undefined {
    return this.count > 0 ? this.keys[0] : undefined;
  }

  /** Adds a node that is not in the heap. */
  push(node: number, key: number): void {
    this.siftUp(this.count++, node, key);
  }

  /** Lowers the key of a node that is in the heap. */
  decrease(node: number, key: number): void {
    this.siftUp(this.slot[node]!, node, key);
  }

  /** Removes and returns the node with the smallest key (-1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.nodes[0]!;
    this.slot[top] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.nodes[last]!, this.keys[last]!);
    return top;
  }

  /** Empties the heap. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slot[this.nodes[i]!] = -1;
    this.count = 0;
  }

  private siftUp(start: number, node: number, key: number): void {
    const { nodes, keys, slot } = this;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      const parentNode = nodes[parent]!;
      nodes[i] = parentNode;
      keys[i] = parentKey;
      slot[parentNode] = i;
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
    slot[node] = i;
  }

  private siftDown(start: number, node: number, key: number): void {
    const { nodes, keys, slot } = this;
    const n = this.count;
    let i = start;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bestKey = keys[first]!;
      const end = Math.min(first + 4, n);
      for (let c = first + 1; c < end; c++) {
        const k = keys[c]!;
        if (k < bestKey) {
          best = c;
          bestKey = k;
        }
      }
      if (bestKey >= key) break;
      const child = nodes[best]!;
      nodes[i] = child;
      keys[i] = bestKey;
      slot[child] = i;
      i = best;
    }
    nodes[i] = node;
    keys[i] = key;
    slot[node] = i;
  }
}
