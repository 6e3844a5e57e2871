import { spawn } from "node:child_process";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../src/core/derive.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { createApp } from "../src/http/app.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { seed } from "../src/services/seed.service.ts";
import { lockAuditChain, verifyAuditChain } from "../src/store/audit.repository.ts";
import { findRecordState, upsertRecord } from "../src/store/record.repository.ts";
import { writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const BIN = join(import.meta.dirname, "../bin/beltroad.js");

/** Runs the real `beltroad` binary against the test database, with `stdin` piped in. */
function beltroad(t: TestDb, args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...t.cliTarget.args, ...args], {
      env: { ...process.env, DATABASE_URL: "", ...t.cliTarget.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const count = async (t: TestDb) =>
  Number(
    (
      await t.store.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(engineUnavailable())(`audit log and governance CLI on ${ENGINE}`, () => {
  let t: TestDb;
  const data = writeFixture();
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("appends one entry per write of the seed, and nothing when seeding again", async () => {
    const first = await seed(t.store, data);
    const written = first.records.inserted + first.statistics.inserted;
    expect(written).toBe(17);
    expect(await count(t)).toBe(written);
    const entries = await t.store.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
    expect(entries.map((e) => Number(e.seq))).toEqual(Array.from({ length: written }, (_, i) => i + 1));
    expect(entries[0]).toMatchObject({ actor: "seed", action: "record.create", entity: "record" });
    expect(entries.at(-1)).toMatchObject({ actor: "seed", action: "statistic.create", entity: "statistic" });
    expect(entries[1]!.prev_hash).toBe(entries[0]!.hash);
    const again = await seed(t.store, data);
    expect(again.records.unchanged).toBe(12);
    expect(await count(t)).toBe(written);
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: true, entries: written });
  });

  it("keeps the chain whole under concurrent writers, and lets only one of two compare-and-set writes win", async () => {
    const money = loadMoneyTables(data).tables!.converter;
    const base = (await findRecordState(t.store.db, "test-port"))!;
    const write = (en: string) =>
      t.store.db.transaction().execute(async (tx) => {
        const record = { ...base.record, names: { ...base.record.names, en } } as AnyRecord;
        return upsertRecord(tx, t.store.engine, record, derive(record, money), {
          by: "test",
          now: new Date().toISOString(),
          expectedVersion: base.version,
        });
      });
    const results = await Promise.allSettled([write("Port A"), write("Port B")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason.code).toBe("precondition_failed");
    expect((await findRecordState(t.store.db, "test-port"))!.version).toBe(base.version + 1);

    const before = await count(t);
    const many = Array.from({ length: 8 }, (_, i) =>
      t.store.db.transaction().execute(async (tx) => {
        await lockAuditChain(tx); // as the services do: queue first, then read what to change
        const current = (await findRecordState(tx, "test-workshops"))!;
        const record = { ...current.record, tags: [`tag-${i}`] } as AnyRecord;
        return upsertRecord(tx, t.store.engine, record, derive(record, money), {
          by: "test",
          now: new Date().toISOString(),
        });
      }),
    );
    await Promise.all(many);
    expect(await count(t)).toBe(before + 8);
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: true, entries: before + 8 });
  });

  it("creates a platform admin, a member and a token from the CLI, and the token works on the API", {
    timeout: 180_000,
  }, async () => {
    const admin = await beltroad(
      t,
      ["admin", "create", "--email", "Root@Example.org", "--password-stdin", "--json"],
      "root password long\n",
    );
    expect(admin.code, admin.stderr).toBe(0);
    expect(JSON.parse(admin.stdout)).toMatchObject({ email: "root@example.org", platformAdmin: true });
    const user = await beltroad(
      t,
      [
        "user",
        "add",
        "--email",
        "ops@example.org",
        "--password-stdin",
        "--org",
        "country-lao",
        "--role",
        "editor",
        "--json",
      ],
      "ops password long enough",
    );
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ organisation: "country-lao", role: "editor", created: true });
    const badRole = await beltroad(t, [
      "user",
      "add",
      "--email",
      "ops@example.org",
      "--org",
      "country-lao",
      "--role",
      "boss",
    ]);
    expect(badRole.code).toBe(2);
    const tok = await beltroad(t, [
      "token",
      "create",
      "--email",
      "ops@example.org",
      "--name",
      "trips upload",
      "--expires",
      "30",
      "--json",
    ]);
    expect(tok.code, tok.stderr).toBe(0);
    const { token } = JSON.parse(tok.stdout);
    expect(token).toMatch(/^brt_/);
    for (const out of [admin, user, tok]) {
      expect(out.stdout + out.stderr).not.toContain("root password long");
      expect(out.stdout + out.stderr).not.toContain("ops password long enough");
    }
    const me = await createApp(t.store, { dataDir: data }).request("/api/v1/me", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({
      email: "ops@example.org",
      memberships: [{ organisation: "country-lao", role: "editor" }],
    });
    const log = await t.store.db.selectFrom("audit_log").select("action").execute();
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(["user.create", "membership.set", "token.create"]));
  });

  it("verify-audit names the first entry that a direct edit of audit_log broke", { timeout: 180_000 }, async () => {
    const good = await beltroad(t, ["verify-audit", "--json"]);
    expect(good.code, good.stderr).toBe(0);
    const entries = await count(t);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, entries });

    const row = await t.store.db.selectFrom("audit_log").selectAll().where("seq", "=", 5).executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET detail = ${'{"kind":"project","version":1,"note":"forged"}'} WHERE seq = ${5}`.execute(
      t.store.db,
    );
    const broken = await beltroad(t, ["verify-audit", "--json"]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({ ok: false, brokenAt: 5 });

    // a forger who also recomputes that entry's digest and hash breaks the link to the next one
    const api = await createApp(t.store, { dataDir: data }).request("/api/v1/audit/verify");
    expect(await api.json()).toMatchObject({ ok: false, brokenAt: 5 });
    const { entryDigest, chainHash } = await import("../src/store/audit.repository.ts");
    const forged = {
      seq: 5,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      detail: '{"kind":"project","version":1,"note":"forged"}',
    };
    const digest = entryDigest(forged);
    await sql`UPDATE audit_log SET digest = ${digest}, hash = ${chainHash(row.prev_hash, digest)} WHERE seq = ${5}`.execute(
      t.store.db,
    );
    expect(JSON.parse((await beltroad(t, ["verify-audit", "--json"])).stdout)).toEqual({ ok: false, brokenAt: 6 });

    await sql`UPDATE audit_log SET detail = ${row.detail}, digest = ${row.digest}, hash = ${row.hash} WHERE seq = ${5}`.execute(
      t.store.db,
    );
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: true });
    await sql`DELETE FROM audit_log WHERE seq = ${entries}`.execute(t.store.db);
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, brokenAt: entries });
  });

  it("shows the chain to anyone and the actions to platform admins only", async () => {
    const app = createApp(t.store, { dataDir: data });
    const res = await app.request("/api/v1/audit?limit=3");
    const body = (await res.json()) as { data: Array<Record<string, unknown>>; head: { seq: number } };
    expect(body.data).toHaveLength(3);
    expect(Object.keys(body.data[0]!).sort()).toEqual(["at", "digest", "hash", "prevHash", "seq"]);
  });
});
