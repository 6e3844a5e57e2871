import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one line per test project (unit, sqlite, postgres) with its passed,
 * failed and skipped counts, so a run shows plainly that both storage
 * engines ran and how many tests each.
 */
export default class EngineSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const totals = new Map<string, { passed: number; failed: number; skipped: number; broken: number }>();
    for (const m of modules) {
      const name = m.project.name || "default";
      const t = totals.get(name) ?? { passed: 0, failed: 0, skipped: 0, broken: 0 };
      // A file whose setup or hooks failed leaves its tests "skipped": count the file as broken, not as fine.
      if (m.state() === "failed" || m.errors().length > 0) t.broken++;
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") t.passed++;
        else if (state === "failed") t.failed++;
        else t.skipped++;
      }
      totals.set(name, t);
    }
    console.log("\nTests per project (unit runs once; the storage suite runs on each engine):");
    const sum = { passed: 0, failed: 0, skipped: 0, broken: 0 };
    const line = (t: typeof sum) =>
      `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.broken ? `, ${t.broken} file(s) FAILED outside a test` : ""}`;
    for (const [name, t] of [...totals].sort()) {
      console.log(`${name}: ${line(t)}`);
      sum.passed += t.passed;
      sum.failed += t.failed;
      sum.skipped += t.skipped;
      sum.broken += t.broken;
    }
    console.log(`total: ${line(sum)}`);
  }
}
