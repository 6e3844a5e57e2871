import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { createUser } from "../src/services/account.service.ts";
import { setUserDisabled } from "../src/services/users.service.ts";
import { verifyAuditChain } from "../src/store/audit.repository.ts";
import { createWorld, PASSWORD, type World } from "./support/governance.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = Record<string, any>;
const json = async (res: Response) => (await res.json()) as Json;
const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../bin/beltroad.js");

describe.skipIf(engineUnavailable())(`disabling users on ${ENGINE}`, { timeout: 120_000 }, () => {
  let t: TestDb;
  let w: World;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t);
    app = createApp(t.store, { dataDir: w.dataDir });
  });
  afterAll(async () => {
    await t.drop();
  });

  const login = (email: string, password = PASSWORD) =>
    app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  const me = (cookie: string) => app.request("/api/v1/me", { headers: { cookie } });
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const userId = (who: keyof World["principals"]) => w.principals[who].userId;

  it("lets a platform admin disable a user: sign-in answers like a wrong password, sessions and tokens stop at once", async () => {
    const signedIn = await login(w.emails.editor2);
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    expect((await me(cookie)).status).toBe(200);
    expect((await w.request("editor2", "GET", "/api/v1/me")).status).toBe(200);

    const res = await w.request("platform", "POST", `/api/v1/admin/users/${userId("editor2")}/disable`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      id: userId("editor2"),
      email: w.emails.editor2,
      disabled: true,
      changed: true,
      sessionsEnded: 1,
    });

    // The live session is gone and the token is refused, on the very next request.
    expect((await me(cookie)).status).toBe(401);
    const token = await w.request("editor2", "GET", "/api/v1/projects");
    expect(token.status).toBe(401);
    expect((await json(token)).error.code).toBe("invalid_token");

    // The right password of a disabled user, a wrong password and an unknown email: the same answer.
    const disabled = await login(w.emails.editor2);
    const wrong = await login(w.emails.editor, "not the password at all");
    const unknown = await login("nobody-here@example.org");
    expect([disabled.status, wrong.status, unknown.status]).toEqual([401, 401, 401]);
    const bodies = await Promise.all([disabled, wrong, unknown].map(json));
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toEqual(bodies[2]);
    expect(disabled.headers.get("set-cookie")).toBeNull();
  });

  it("enables the user again: they sign in and their API token works; the ended session stays ended", async () => {
    const res = await w.request("platform", "POST", `/api/v1/admin/users/${userId("editor2")}/enable`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ disabled: false, changed: true });
    expect((await login(w.emails.editor2)).status).toBe(200);
    expect((await w.request("editor2", "GET", "/api/v1/me")).status).toBe(200);
    const again = await w.request("platform", "POST", `/api/v1/admin/users/${userId("editor2")}/enable`);
    expect(await json(again)).toMatchObject({ disabled: false, changed: false });
  });

  it("refuses everyone but platform admins, a platform admin disabling themselves, and unknown users", async () => {
    const target = `/api/v1/admin/users/${userId("viewer")}/disable`;
    expect((await w.request(undefined, "POST", target)).status).toBe(401);
    for (const who of ["admin", "approver", "outsider"] as const) {
      const res = await w.request(who, "POST", target);
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe("forbidden");
    }
    const self = await w.request("platform", "POST", `/api/v1/admin/users/${userId("platform")}/disable`);
    expect(self.status).toBe(409);
    expect((await w.request("platform", "POST", "/api/v1/admin/users/usr_0000/disable")).status).toBe(404);
    expect((await w.request("platform", "POST", "/api/v1/admin/users/not-an-id/disable")).status).toBe(400);
    expect((await login(w.emails.viewer)).status).toBe(200);
  });

  it("keeps the last platform admin who can sign in", async () => {
    const second = await createUser(t.store, {
      email: "second-admin@example.org",
      password: PASSWORD,
      platformAdmin: true,
    });
    const principal = { ...w.principals.platform, userId: second };
    // With two platform admins one may be disabled; the other then is the last and stays.
    expect((await setUserDisabled(t.store, principal, { id: userId("platform") }, true)).disabled).toBe(true);
    await expect(setUserDisabled(t.store, "cli", { email: "second-admin@example.org" }, true)).rejects.toMatchObject({
      code: "conflict",
    });
    await setUserDisabled(t.store, "cli", { email: w.emails.platform }, false);
  });

  it("records every change in the audit log, whose chain still verifies", async () => {
    const rows = await t.store.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "actor"])
      .where("action", "in", ["user.disable", "user.enable"])
      .orderBy("seq")
      .execute();
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ["user.disable", userId("editor2")],
      ["user.enable", userId("editor2")],
      ["user.disable", userId("platform")],
      ["user.enable", userId("platform")],
    ]);
    expect(rows[0]?.actor).toBe(userId("platform"));
    expect(rows[3]?.actor).toBe("cli");
    expect((await verifyAuditChain(t.store.db)).ok).toBe(true);
  });

  it("beltroad user disable / enable --email", async () => {
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await run(process.execPath, [BIN, ...t.cliTarget.args, "--json", "user", ...args], {
          env: { ...process.env, DATABASE_URL: "", ...t.cliTarget.env },
        });
        return { code: 0, out: JSON.parse(stdout) as Json };
      } catch (e) {
        return { code: (e as { code: number }).code, out: {} as Json };
      }
    };
    const off = await cli("disable", "--email", w.emails.laoEditor);
    expect(off).toMatchObject({ code: 0, out: { email: w.emails.laoEditor, disabled: true, changed: true } });
    expect((await login(w.emails.laoEditor)).status).toBe(401);
    const on = await cli("enable", "--email", w.emails.laoEditor.toUpperCase());
    expect(on).toMatchObject({ code: 0, out: { disabled: false, changed: true } });
    expect((await login(w.emails.laoEditor)).status).toBe(200);
    expect((await cli("disable", "--email", "nobody-here@example.org")).code).toBe(1);
  });
});
