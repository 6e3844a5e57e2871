/**
 * API benchmark: generates N synthetic projects (default 100,000; `--projects 1000000`) into a fresh
 * SQLite database next to the demo dataset, starts `beltroad serve` on it as a separate process, and
 * times a filtered list, faceted aggregates and full-text searches over HTTP; prints p50/p95 and the
 * server's resident memory. Goals at 1,000,000 projects: aggregate p50 ≤ 50 ms, search p95 ≤ 50 ms,
 * RSS ≤ 500 MB.
 *
 * @example
 *   npm run bench:api -- --projects 1000000 --json
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { SingleBar } from "cli-progress";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { seed } from "../src/services/seed.service.ts";
import { openDatabase } from "../src/store/database.ts";
import { BENCH_WORDS, generateProjects, rng } from "./lib/synthetic-projects.ts";

const { values } = parseArgs({
  options: {
    projects: { type: "string", default: "100000" },
    db: { type: "string", default: "/tmp/beltroad-bench-api.db" },
    requests: { type: "string", default: "60" },
    reuse: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const n = Number(values.projects);
const file = values.db;
const say = (s: string) => (values.json ? process.stderr.write(`${s}\n`) : console.log(s));

async function prepare(): Promise<number> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  const store = openDatabase({ sqlite: file });
  await seed(store, DEFAULT_DATA_DIR, "bench");
  await store.close();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const countries = (
    db.prepare("SELECT DISTINCT country FROM record_countries WHERE country <> 'CHN' ORDER BY country").all() as Array<{
      country: string;
    }>
  ).map((r) => r.country);
  const started = performance.now();
  const bar = new SingleBar({
    format: "generating {bar} {value}/{total} projects",
    hideCursor: true,
    stream: process.stderr,
  });
  if (process.stderr.isTTY) bar.start(n, 0);
  generateProjects(db, n, countries, (done) => process.stderr.isTTY && bar.update(done));
  bar.stop();
  db.exec("ANALYZE");
  db.close();
  return (performance.now() - started) / 1000;
}

function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, "../bin/beltroad.js"), "serve", "--db", file, "--port", "0"],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, DATABASE_URL: "" },
      },
    );
    child.stdout.on("data", (chunk: Buffer) => {
      const url = /running at (http:\/\/[^ ]+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ url, pid: child.pid ?? 0, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(url: string, paths: string[]): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (const path of paths) {
    const t0 = performance.now();
    const res = await fetch(url + path);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const generateSeconds = values.reuse ? 0 : await prepare();
say(`database ${file}: ${n} synthetic projects generated in ${generateSeconds.toFixed(1)} s`);
const server = await startServer();
try {
  const random = rng(7);
  const countries = ["KEN", "PAK", "IDN", "LAO", "ETH", "NGA", "KAZ", "BRA", "EGY", "SRB"];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const count = Number(values.requests);
  await time(server.url, ["api/v1/projects?limit=1", "api/v1/aggregate?by=country"]); // warm-up
  const list = await time(
    server.url,
    Array.from({ length: count }, () => `api/v1/projects?country=${pick(countries)}&status=2&sort=-committed&limit=50`),
  );
  const aggregate = await time(
    server.url,
    Array.from({ length: count }, () => {
      const by = pick(["country", "sector", "year", "region", "kind"]);
      const filter = pick([
        "",
        `&country=${pick(countries)}`,
        "&status=3",
        `&from=${2005 + Math.floor(random() * 15)}`,
        "&kind=heart",
      ]);
      return `api/v1/aggregate?by=${by}&measure=${pick(["count", "committedUsdConstant"])}${filter}`;
    }),
  );
  const search = await time(
    server.url,
    Array.from({ length: count }, () => `api/v1/search?q=${pick(BENCH_WORDS)}%20${pick(BENCH_WORDS)}&limit=20`),
  );
  const rss = rssMb(server.pid);
  const result = { projects: n, generateSeconds, list, aggregate, search, rssMb: rss };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    const row = (name: string, r: { p50: number; p95: number }, goal: string) =>
      console.log(
        `${name.padEnd(22)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ${goal}`,
      );
    row("filtered list", list, "");
    row("faceted aggregate", aggregate, "goal at 1M: p50 ≤ 50 ms");
    row("full-text search", search, "goal at 1M: p95 ≤ 50 ms");
    console.log(`server RSS             ${rss.toFixed(0)} MB (goal ≤ 500 MB)`);
  }
} finally {
  server.stop();
}
