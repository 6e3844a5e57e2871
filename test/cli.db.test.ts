import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_STATS, writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../bin/beltroad.js");

/** Runs the real `beltroad` binary against the test database; never throws, returns code and output. */
async function beltroad(t: TestDb, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...t.cliTarget.args, ...args], {
      env: { ...process.env, DATABASE_URL: "", ...t.cliTarget.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// Each test spawns the real binary a few times; on a busy 2-core machine that takes a while.
describe.skipIf(engineUnavailable())(`beltroad CLI on ${ENGINE}`, { timeout: 180_000 }, () => {
  let t: TestDb;
  const data = writeFixture();
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("migrates, seeds, and seeding again changes nothing", async () => {
    const migrate = await beltroad(t, "db", "migrate", "--json");
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout).applied).toEqual(expect.arrayContaining(["0001-registry"]));
    const first = await beltroad(t, "seed", "--data", data, "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).records).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
    const second = await beltroad(t, "seed", "--data", data);
    expect(second.stdout).toMatch(/records 0 inserted, 0 updated, 12 unchanged/);
  });

  it("prints the headline figures with exactly the documented keys", async () => {
    const { code, stdout } = await beltroad(t, "stats", "--json");
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(Object.keys(stats).sort()).toEqual(
      [
        "projects",
        "partnerCountries",
        "cooperationCountries",
        "agreements",
        "programmes",
        "committedUsdConstant",
        "peopleTrained",
        "freightTripsByYear",
      ].sort(),
    );
    expect(stats).toEqual(FIXTURE_STATS);
    const human = await beltroad(t, "stats");
    expect(human.stdout).toMatch(/projects\s+2/);
  });

  it("exports JSON with sources, CSV with escaped formulas, and GeoJSON", async () => {
    const json = JSON.parse((await beltroad(t, "export", "--kind", "projects", "--format", "json")).stdout);
    expect(json.map((r: { id: string }) => r.id)).toEqual(["test-port", "test-railway"]);
    expect(json[1].sources[0]).toMatchObject({ title: "Test source", publisher: "Beltroad tests" });
    expect(json[1].version).toBe(1);

    const out = join(data, "projects.csv");
    const csv = await beltroad(t, "export", "--kind", "projects", "--format", "csv", "--out", out);
    expect(csv.stderr).toMatch(/wrote 2 projects/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^id,kind,name_en,name_zh,/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("Xi’an–Test Railway");

    const geo = JSON.parse((await beltroad(t, "export", "--kind", "projects", "--format", "geojson")).stdout);
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.features.map((f: { id: string }) => f.id)).toEqual(["test-railway"]);
    expect(geo.features[0].geometry.type).toBe("LineString");

    const services = JSON.parse((await beltroad(t, "export", "--kind", "services", "--format", "geojson")).stdout);
    expect(services.features[0].geometry.coordinates).toEqual([
      [108.94, 34.26],
      [6.76, 51.43],
    ]);
  });

  it("refuses bad data with exit code 3, naming file, record and field, and changes nothing", async () => {
    const bad = writeFixture((f) => {
      (f["projects/projects.json"] as Array<Record<string, unknown>>)[1]!.status = "42";
    });
    const r = await beltroad(t, "seed", "--data", bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /projects\/projects\.json \[test-port\] status: not a code of the IATI ActivityStatus codelist/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const stats = JSON.parse((await beltroad(t, "stats", "--json")).stdout);
    expect(stats).toEqual(FIXTURE_STATS);
    rmSync(bad, { recursive: true, force: true });
  });

  it("explains usage errors with exit code 2 and has --help on every command", async () => {
    const r = await beltroad(t, "export", "--kind", "spaceships");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are partners, projects/);
    // every command's help is checked in-process by test/cli-help.test.ts; here one real run
    const help = await beltroad(t, "seed", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: beltroad seed /);
  });
});
