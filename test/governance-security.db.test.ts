import { Hono } from "hono";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/http/app.ts";
import { rateLimit } from "../src/http/middleware/rate-limit.ts";
import { bootstrapAdmin, createUser } from "../src/services/account.service.ts";
import { createToken } from "../src/services/token.service.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { createWorld, PASSWORD, projectDoc, type World } from "./support/governance.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = Record<string, any>;
const json = async (res: Response) => (await res.json()) as Json;

describe.skipIf(engineUnavailable())(`accounts and security on ${ENGINE}`, () => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await t.drop();
  });

  const login = (
    app: ReturnType<typeof createApp>,
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ) =>
    app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
    });

  /** Signs in; returns the Cookie header to send back and the CSRF token. */
  async function session(app: ReturnType<typeof createApp>, email: string, password = PASSWORD) {
    const res = await login(app, email, password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    const body = await json(res);
    return { cookie: cookie.split(";")[0]!, csrf: body.csrfToken as string, setCookie: cookie, body };
  }

  it("signs in with a Secure, HttpOnly, SameSite=Strict host-only session cookie and signs out", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    const s = await session(app, w.emails.editor);
    expect(s.setCookie).toMatch(/^__Host-beltroad_session=[\w-]{40,};/);
    expect(s.setCookie).toMatch(/; HttpOnly/);
    expect(s.setCookie).toMatch(/; Secure/);
    expect(s.setCookie).toMatch(/; SameSite=Strict/);
    expect(s.setCookie).toMatch(/; Path=\//);
    expect(s.setCookie).not.toMatch(/Domain=/i);
    const me = await app.request("/api/v1/me", { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    const body = await json(me);
    expect(body.user).toMatchObject({
      email: w.emails.editor,
      via: "session",
      memberships: [{ organisation: "country-chn", role: "editor" }],
    });
    expect(body.csrfToken).toBe(s.csrf);
    const out = await app.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/__Host-beltroad_session=;.*Max-Age=0/);
    expect((await app.request("/api/v1/me", { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it("answers an unknown email and a wrong password the same way (no user enumeration)", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    const unknown = await login(app, "nobody@example.org", "whatever password");
    const wrong = await login(app, w.emails.viewer, "whatever password");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(unknown.headers.get("set-cookie")).toBeNull();
    const injection = await login(app, "' OR '1'='1", "' OR '1'='1");
    expect(injection.status).toBe(401);
  });

  it("throttles repeated failed sign-ins per email, known or not, even with the right password then", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    for (const email of [w.emails.approver, "ghost@example.org"]) {
      for (let i = 0; i < 5; i++) expect((await login(app, email, "wrong password!")).status).toBe(401);
      const blocked = await login(app, email, email === w.emails.approver ? PASSWORD : "wrong password!");
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await json(blocked)).error.code).toBe("rate_limited");
    }
    // another account is not affected
    expect((await login(app, w.emails.admin, PASSWORD)).status).toBe(200);
  });

  it("refuses a browser write without the session's CSRF token or from another origin", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    const s = await session(app, w.emails.editor);
    const create = (headers: Record<string, string>) =>
      app.request("/api/v1/projects", {
        method: "POST",
        headers: { cookie: s.cookie, "content-type": "application/json", "if-none-match": "*", ...headers },
        body: JSON.stringify(projectDoc("csrf-check")),
      });
    const none = await create({});
    expect(none.status).toBe(403);
    expect((await json(none)).error.code).toBe("csrf_failed");
    expect((await create({ "x-csrf-token": "0".repeat(64) })).status).toBe(403);
    expect((await create({ "x-csrf-token": s.csrf, origin: "https://evil.example" })).status).toBe(403);
    expect((await w.request("editor", "GET", "/api/v1/projects/csrf-check")).status).toBe(404);
    const ok = await create({ "x-csrf-token": s.csrf, origin: "http://localhost" });
    expect(ok.status).toBe(201);
    // reads need no token
    expect((await app.request("/api/v1/me/drafts", { headers: { cookie: s.cookie } })).status).toBe(200);
    // a login from another site is refused too
    expect((await login(app, w.emails.editor, PASSWORD, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("honours API token expiry, revocation and scope; tokens cannot mint tokens", async () => {
    const readOnly = await createToken(t.store, { email: w.emails.editor }, { name: "reader", scopes: ["read"] });
    const app = w.app;
    const as = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await as(readOnly.token, "GET", "/api/v1/me/drafts")).status).toBe(200);
    const denied = await as(readOnly.token, "POST", "/api/v1/projects", projectDoc("scope-check"), {
      "if-none-match": "*",
    });
    expect(denied.status).toBe(403);
    expect((await json(denied)).error.code).toBe("insufficient_scope");

    const minted = await as(w.tokens.editor, "POST", "/api/v1/me/tokens", { name: "child" });
    expect(minted.status).toBe(403);

    const shortLived = await createToken(t.store, { email: w.emails.editor }, { name: "short", expiresInDays: 1 });
    expect((await as(shortLived.token, "GET", "/api/v1/me")).status).toBe(200);
    await t.store.db
      .updateTable("api_tokens")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("id", "=", shortLived.id)
      .execute();
    const expired = await as(shortLived.token, "GET", "/api/v1/me");
    expect(expired.status).toBe(401);
    expect((await json(expired)).error.code).toBe("invalid_token");
    // even a public read fails loudly with a dead token, so that a script notices
    expect((await as(shortLived.token, "GET", "/api/v1/projects")).status).toBe(401);

    const revoked = await createToken(t.store, { email: w.emails.editor }, { name: "to revoke" });
    expect((await as(revoked.token, "DELETE", `/api/v1/me/tokens/${revoked.id}`)).status).toBe(204);
    expect((await as(revoked.token, "GET", "/api/v1/me")).status).toBe(401);
    expect((await app.request("/api/v1/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    const listed = await json(await as(w.tokens.editor, "GET", "/api/v1/me/tokens"));
    expect(JSON.stringify(listed)).not.toContain(readOnly.token);
    const stored = await t.store.db.selectFrom("api_tokens").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(readOnly.token);
  });

  it("lets a browser session create a token that then works as Bearer", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    const s = await session(app, w.emails.approver);
    const res = await app.request("/api/v1/me/tokens", {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
      body: JSON.stringify({ name: "script", scopes: ["read"], expiresInDays: 7 }),
    });
    expect(res.status).toBe(201);
    const grant = await json(res);
    expect(grant.token).toMatch(/^brt_/);
    const me = await json(await app.request("/api/v1/me", { headers: { authorization: `Bearer ${grant.token}` } }));
    expect(me.user).toMatchObject({ email: w.emails.approver, via: "token", scopes: ["read"] });
  });

  it("sets security headers on every answer, HSTS only over TLS", async () => {
    const app = w.app;
    for (const path of ["/healthz", "/api/v1/projects", "/api/v1/nope", "/api/docs", "/"]) {
      const res = await app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const tls = await app.request("https://beltroad.example/healthz");
    expect(tls.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("rate-limits the API per token and per address, with RateLimit headers", async () => {
    const res = await w.request(undefined, "GET", "/healthz");
    expect(res.headers.get("ratelimit-limit")).toBeNull(); // only the API is limited
    const api = await w.request("viewer", "GET", "/api/v1/me");
    expect(api.headers.get("ratelimit-limit")).toBe("600");
    let clock = 0;
    const app = new Hono();
    app.use("*", rateLimit({ max: 2, anonymousMax: 1, windowMs: 1000, now: () => clock }));
    app.get("/x", (c) => c.text("ok"));
    const get = (token?: string) => app.request("/x", { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get("a")).status).toBe(200);
    expect((await get("a")).status).toBe(200);
    const limited = await get("a");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await get("b")).status).toBe(200); // another token has its own budget
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
    clock = 1000;
    expect((await get("a")).status).toBe(200);
  });

  it("limits request bodies", async () => {
    const big = await w.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x@example.org", password: "p".repeat(20_000) }),
    });
    expect(big.status).toBe(413);
    const huge = await w.request(
      "editor",
      "POST",
      "/api/v1/projects",
      { ...projectDoc("huge"), descriptions: { en: "x".repeat(1_100_000) } },
      {
        "if-none-match": "*",
      },
    );
    expect(huge.status).toBe(413);
  });

  it("bootstraps one platform admin whose one-time password must be changed first", async () => {
    const fresh = await createTestDb();
    try {
      await migrateToLatest(fresh.store);
      const first = await bootstrapAdmin(fresh.store);
      expect(first?.email).toBe("admin@beltroad.local");
      expect(first?.password.length).toBeGreaterThanOrEqual(20);
      expect(await bootstrapAdmin(fresh.store)).toBeUndefined();
      const app = createApp(fresh.store, { dataDir: w.dataDir });
      const s = await session(app, first!.email, first!.password);
      const other = await session(app, first!.email, first!.password);
      expect(s.body.user.mustChangePassword).toBe(true);
      const blocked = await app.request("/api/v1/me/tokens", {
        method: "POST",
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      });
      expect(blocked.status).toBe(403);
      expect((await json(blocked)).error.code).toBe("password_change_required");
      const changed = await app.request("/api/v1/me/password", {
        method: "POST",
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
        body: JSON.stringify({ current: first!.password, password: "a brand new long password" }),
      });
      expect(changed.status).toBe(204);
      expect((await app.request("/api/v1/me", { headers: { cookie: s.cookie } })).status).toBe(200);
      expect((await app.request("/api/v1/me", { headers: { cookie: other.cookie } })).status).toBe(401);
      expect((await login(app, first!.email, first!.password)).status).toBe(401);
      expect((await login(app, first!.email, "a brand new long password")).status).toBe(200);
    } finally {
      await fresh.drop();
    }
  });

  it("never writes a password or token to the logs", async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    };
    const spies = [
      vi.spyOn(console, "log").mockImplementation(capture),
      vi.spyOn(console, "error").mockImplementation(capture),
      vi.spyOn(console, "warn").mockImplementation(capture),
      vi.spyOn(console, "info").mockImplementation(capture),
    ];
    try {
      const app = createApp(t.store, { dataDir: w.dataDir });
      await login(app, w.emails.laoEditor, "a wrong password here");
      const s = await session(app, w.emails.laoEditor);
      await createUser(t.store, { email: "logged@example.org", password: "another secret password" });
      const grant = await createToken(t.store, { email: "logged@example.org" }, { name: "n" });
      await app.request("/api/v1/me", { headers: { authorization: `Bearer ${grant.token}` } });
      const all = lines.join("\n");
      for (const secret of [
        PASSWORD,
        "a wrong password here",
        "another secret password",
        grant.token,
        s.cookie.split("=")[1]!,
      ])
        expect(all).not.toContain(secret);
      const stored = JSON.stringify(await t.store.db.selectFrom("audit_log").selectAll().execute());
      expect(stored).not.toContain(grant.token);
      expect(stored).not.toContain(PASSWORD);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it("ends an expired session", async () => {
    const app = createApp(t.store, { dataDir: w.dataDir });
    const s = await session(app, w.emails.viewer);
    await sql`UPDATE sessions SET expires_at = ${"2000-01-01T00:00:00.000Z"}`.execute(t.store.db);
    expect((await app.request("/api/v1/me", { headers: { cookie: s.cookie } })).status).toBe(401);
  });
});
