import { describe, expect, it } from "vitest";
import { IndexedHeap } from "./heap.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

describe("IndexedHeap", () => {
  it("pops in key order", () => {
    const heap = new IndexedHeap(8);
    [5, 1, 4, 2, 7, 0, 3, 6].forEach((node, i) => heap.push(node, [3, 1, 4, 1.5, 9, 2, 6, 5][i]!));
    const order: number[] = [];
    while (heap.size > 0) order.push(heap.pop());
    expect(order).toEqual([1, 2, 0, 5, 4, 6, 3, 7]);
    expect(heap.pop()).toBe(-1);
  });

  it("decrease moves a node forward", () => {
    const heap = new IndexedHeap(4);
    heap.push(0, 10);
    heap.push(1, 20);
    heap.push(2, 30);
    heap.decrease(2, 5);
    expect(heap.peekKey()).toBe(5);
    expect(heap.pop()).toBe(2);
    expect(heap.has(2)).toBe(false);
    expect(heap.has(1)).toBe(true);
  });

  it("matches a brute-force priority queue over random push / decrease / pop / clear", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(seed);
      const capacity = 1 + Math.floor(random() * 60);
      const heap = new IndexedHeap(capacity);
      const model = new Map<number, number>();
      for (let step = 0; step < 400; step++) {
        const r = random();
        const node = Math.floor(random() * capacity);
        const key = Math.floor(random() * 50) / 2; // repeated keys on purpose
        if (r < 0.45) {
          if (model.has(node)) {
            if (key < model.get(node)!) {
              heap.decrease(node, key);
              model.set(node, key);
            }
          } else {
            heap.push(node, key);
            model.set(node, key);
          }
        } else if (r < 0.9) {
          const min = Math.min(...model.values());
          const popped = heap.pop();
          if (model.size === 0) {
            expect(popped).toBe(-1);
            continue;
          }
          expect(model.get(popped)).toBe(min);
          model.delete(popped);
        } else if (r < 0.93) {
          heap.clear();
          model.clear();
        }
        expect(heap.size).toBe(model.size);
        for (const [n] of model) expect(heap.has(n)).toBe(true);
      }
    }
  });
});
