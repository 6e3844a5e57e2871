import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Role } from "../../src/core/governance.ts";
import { createApp } from "../../src/http/app.ts";
import type { Principal } from "../../src/services/access.ts";
import { createUser, setMember } from "../../src/services/account.service.ts";
import { resolvePrincipal } from "../../src/services/auth.service.ts";
import { seed } from "../../src/services/seed.service.ts";
import { createToken } from "../../src/services/token.service.ts";
import { writeFixture } from "./fixture.ts";
import type { TestDb } from "./test-db.ts";

/** Everyone the governance tests act as: organisation roles in country-chn, two parties of country-lao, an outsider, a platform admin. */
export const PEOPLE = {
  viewer: { org: "country-chn", role: "viewer" },
  editor: { org: "country-chn", role: "editor" },
  editor2: { org: "country-chn", role: "editor" },
  approver: { org: "country-chn", role: "approver" },
  admin: { org: "country-chn", role: "admin" },
  laoEditor: { org: "country-lao", role: "editor" },
  laoApprover: { org: "country-lao", role: "approver" },
  outsider: { org: "country-ken", role: "admin" },
  platform: { org: undefined, role: undefined },
} as const satisfies Record<string, { org: string | undefined; role: Role | undefined }>;
export type Person = keyof typeof PEOPLE;

export const PASSWORD = "correct horse battery staple";

export interface World {
  readonly app: OpenAPIHono;
  readonly dataDir: string;
  /** Bearer token of each person (every scope). */
  readonly tokens: Record<Person, string>;
  readonly principals: Record<Person, Principal>;
  readonly emails: Record<Person, string>;
  /** Sends a request as someone (a bearer token), or anonymously. */
  request(
    who: Person | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** Seeds the fixture and creates the people with their memberships and API tokens. */
export async function createWorld(t: TestDb): Promise<World> {
  const dataDir = writeFixture();
  await seed(t.store, dataDir);
  const tokens = {} as Record<Person, string>;
  const principals = {} as Record<Person, Principal>;
  const emails = {} as Record<Person, string>;
  for (const [name, p] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
    const email = `${name.toLowerCase()}@example.org`;
    emails[name] = email;
    await createUser(t.store, { email, password: PASSWORD, platformAdmin: name === "platform" });
    if (p.org && p.role) await setMember(t.store, "cli", { email, organisation: p.org, role: p.role });
    const grant = await createToken(
      t.store,
      { email },
      { name: "tests", scopes: ["read", "write", "approve", "admin"] },
    );
    tokens[name] = grant.token;
    const principal = await resolvePrincipal(t.store, { bearer: grant.token });
    if (!principal) throw new Error("no principal");
    principals[name] = principal;
  }
  const app = createApp(t.store, { dataDir });
  return {
    app,
    dataDir,
    tokens,
    principals,
    emails,
    async request(who, method, path, body, headers = {}) {
      return app.request(path, {
        method,
        headers: {
          ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
}

/** A valid project naming `parties` as participants (accountable). */
export function projectDoc(id: string, parties: readonly string[] = ["country-chn"]) {
  return {
    id,
    kind: "project",
    projectType: "rail",
    connectivity: ["hard"],
    status: "2",
    names: { en: `Test ${id}`, zh: "测试项目" },
    sources: [{ key: "s1", title: "Test source", publisher: "Beltroad tests" }],
    participants: parties.map((partner) => ({ partner, role: "2", sources: ["s1"] })),
  };
}

export const ifMatch = (version: number) => ({ "if-match": `W/"v${version}"` });
