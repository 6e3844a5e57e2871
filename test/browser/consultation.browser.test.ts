import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, setMember } from "../../src/services/account.service.ts";
import { createToken } from "../../src/services/token.service.ts";
import type { Db } from "../../src/store/database.ts";
import { PASSWORD } from "../support/governance.ts";
import { chromiumMissing, laptopContext, launchChromium, type PageWatch, watchPage } from "./support/browser.ts";
import { type Portal, portalMissing, startPortal } from "./support/portal.ts";

const SCREENSHOTS = join(import.meta.dirname, "../../docs/screenshots");
const missing = chromiumMissing() ?? portalMissing();
const required = process.env.BELTROAD_REQUIRE_BROWSER === "1";
if (missing && !required) console.warn(`browser tests skipped: ${missing}`);
if (missing !== undefined && required) {
  describe("consultation in Chromium (required)", () => {
    it("can run", () => {
      throw new Error(`BELTROAD_REQUIRE_BROWSER=1 but ${missing}`);
    });
  });
}

const POLL = { timeout: 60_000, interval: 200 };
// CPEC's parties are China and Pakistan: a change needs an approver of each.
const RECORD = "cpec";
const PEOPLE = {
  editor: { email: "editor@chn.example.org", org: "country-chn", role: "editor" },
  approverA: { email: "approver@chn.example.org", org: "country-chn", role: "approver" },
  approverB: { email: "approver@pak.example.org", org: "country-pak", role: "approver" },
} as const;

describe.skipIf(missing !== undefined)("consultation in the portal (Chromium)", () => {
  let portal: Portal;
  let store: Db;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let proposal: string;
  const watch: PageWatch = { requests: [], offsite: [], errors: [] };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    portal = await startPortal(Object.values(PEOPLE));
    store = portal.store;
    origin = portal.origin;
    browser = await launchChromium();
    const context = await laptopContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    watchPage(page, origin, watch);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const h1 = () => page.getByRole("heading", { level: 1 }).textContent();

  async function signIn(who: keyof typeof PEOPLE, screenshot?: string) {
    await page.getByLabel("Email").fill(PEOPLE[who].email);
    await page.getByLabel("Password").fill(PASSWORD);
    if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("banner").getByText(PEOPLE[who].email).waitFor();
  }

  async function signOut() {
    await page.getByRole("banner").locator(".account-menu summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
  }

  it("signs the editor in from a record page, back to it, with the Secure session cookie over http://127.0.0.1", async () => {
    await page.goto(`${origin}/projects/${RECORD}`);
    await expect.poll(h1, POLL).toBe("China–Pakistan Economic Corridor (CPEC)");
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(/\/signin\?next=%2Fprojects%2Fcpec$/);
    // A wrong password: the server's one message for any wrong credential, announced as an alert.
    const before = watch.errors.length;
    await page.getByLabel("Email").fill(PEOPLE.editor.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("The email or the password is not right.").waitFor();
    expect(await page.locator("form.account-form").getAttribute("aria-describedby")).toBe("signin-error");
    // Chromium logs the expected 401 of that attempt as a console error: take it out, and only it.
    expect(watch.errors.splice(before).every((e) => e.includes("status of 401"))).toBe(true);
    await signIn("editor", "signin.png");
    await page.waitForURL(new RegExp(`/projects/${RECORD}$`));
    const cookie = (await page.context().cookies()).find((c) => c.name === "__Host-beltroad_session");
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Strict", path: "/" });
  });

  it("edits the published project: the change becomes a proposal to both parties", async () => {
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.waitForURL(new RegExp(`/edit/projects/${RECORD}$`));
    await page.getByLabel("Status").selectOption("3");
    await page.getByLabel("Why (kept with the version)").fill("first phase completed");
    await page.getByRole("button", { name: "Propose this change" }).click();
    await page.getByText("Your change is proposed to the record's parties.").waitFor();
    await page.getByRole("link", { name: "See the proposal" }).click();
    await page.waitForURL(/\/proposals\/prp_[0-9a-f]+$/);
    proposal = new URL(page.url()).pathname;
    const change = page.getByRole("table", { name: "The proposed change" });
    await change.getByRole("row", { name: /Status\s+Implementation\s+Finalisation/ }).waitFor();
    await page.getByText("first phase completed").waitFor();
    const decisions = page.locator("table.decisions");
    expect(await decisions.locator("tbody tr").count()).toBe(2);
    expect(await decisions.getByText("Pending").count()).toBe(2);
    await page.getByRole("button", { name: "Withdraw the proposal" }).waitFor();
    expect(await page.getByRole("button", { name: "Consent" }).count()).toBe(0);
    await signOut();
  });

  it("approver A consents from the workspace", async () => {
    await page.goto(`${origin}/signin?next=%2Fworkspace`);
    await signIn("approverA");
    await page.waitForURL(/\/workspace$/);
    await page.getByRole("heading", { level: 3, name: "Waiting for your decision (1)" }).waitFor();
    await page.getByRole("link", { name: /China–Pakistan Economic Corridor/ }).click();
    await page.waitForURL(new RegExp(`${proposal}$`));
    await page.getByRole("button", { name: "Consent" }).click();
    await page.getByRole("status").getByText("Your consent is recorded.").waitFor();
    await page.locator("table.decisions tr.decision-consent").waitFor();
    await signOut();
  });

  it("approver B objects with a comment: the proposal stays open and the comment shows", async () => {
    await page.goto(`${origin}/signin?next=%2Fworkspace`);
    await signIn("approverB");
    await page.waitForURL(/\/workspace$/);
    await page.getByRole("heading", { level: 2, name: "Open proposals" }).waitFor();
    await page.getByRole("link", { name: /China–Pakistan Economic Corridor/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "workspace.png"), fullPage: true });
    await page.goto(`${origin}${proposal}`);
    await page.getByRole("button", { name: "Object" }).click();
    await page.getByRole("alert").getByText("An objection needs a comment saying why.").waitFor();
    const reason = "The corridor's first phase is not complete in Gwadar yet.";
    await page.getByLabel("Comment", { exact: true }).fill(reason);
    await page.getByRole("button", { name: "Object" }).click();
    await page.getByRole("status").getByText("Your objection is recorded.").waitFor();
    await page.locator("table.decisions tr.decision-object").getByText(reason).waitFor();
    await page.locator(".comments .comment-body", { hasText: reason }).waitFor();
    expect(await page.locator(".page-header .badge").textContent()).toBe("Open");
    await page.screenshot({ path: join(SCREENSHOTS, "proposal.png"), fullPage: true });
  });

  it("B changes their mind and consents: the change applies; the history shows both versions and the diff", async () => {
    await page.getByRole("button", { name: "Consent" }).click();
    await expect.poll(() => page.locator(".page-header .badge").textContent(), POLL).toBe("Applied");
    await page.getByRole("link", { name: "History and comments" }).click();
    await page.waitForURL(new RegExp(`/history/projects/${RECORD}$`));
    const versions = page.getByRole("region", { name: "Versions", exact: true }).locator("tbody tr");
    await expect.poll(() => versions.count(), POLL).toBe(2);
    await versions.nth(1).getByText("first phase completed").waitFor();
    const diff = page.getByRole("table", { name: "Changes from version 1 to version 2" });
    await diff.getByRole("row", { name: /Status\s+Implementation\s+Finalisation/ }).waitFor();
    await page.locator(".comments .comment-body").first().waitFor();
    await page.getByLabel("New comment").fill("Thank you, updated.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.locator(".comments .comment-body", { hasText: "Thank you, updated." }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "history.png"), fullPage: true });
  });

  it("explains a stale edit (412) and reloads the record", async () => {
    await page.goto(`${origin}/edit/projects/${RECORD}`);
    await expect.poll(() => page.getByLabel("Status").inputValue(), POLL).toBe("3");
    // Meanwhile someone approving for both parties changes the record at once with an API token.
    const both = "approver@both.example.org";
    await createUser(store, { email: both, password: PASSWORD });
    for (const org of ["country-chn", "country-pak"])
      await setMember(store, "cli", { email: both, organisation: org, role: "approver" });
    const { token } = await createToken(store, { email: both }, { name: "test", scopes: ["read", "write", "approve"] });
    const res = await fetch(`${origin}/api/v1/projects/${RECORD}?note=closed`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${token}`,
        "if-match": 'W/"v2"',
        "content-type": "application/merge-patch+json",
      },
      body: JSON.stringify({ status: "4" }),
    });
    expect(res.status).toBe(200);

    await page.getByLabel("English").first().fill("China–Pakistan Economic Corridor");
    const before = watch.errors.length;
    await page.getByRole("button", { name: "Propose this change" }).click();
    await page
      .getByRole("alert")
      .getByText(/Someone else changed this record .*version 3/)
      .waitFor();
    expect(watch.errors.splice(before).every((e) => e.includes("status of 412"))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "edit-stale.png"), fullPage: true });
    await page.getByRole("button", { name: "Reload the record" }).click();
    await expect.poll(() => page.getByLabel("Status").inputValue(), POLL).toBe("4");
    expect(await page.getByLabel("English").first().inputValue()).toBe("China–Pakistan Economic Corridor (CPEC)");
  });

  it("shows the pages in Chinese, then signs out", async () => {
    await page.goto(`${origin}/history/projects/${RECORD}?from=1&to=2`);
    await page.getByRole("button", { name: "中文" }).click();
    await expect.poll(h1, POLL).toMatch(/的修订历史$/);
    await page.getByRole("heading", { level: 2, name: "比较两个版本" }).waitFor();
    await page.getByRole("columnheader", { name: "修改前" }).waitFor();
    await page.getByRole("row", { name: /进展状态\s+实施/ }).waitFor();
    await page.goto(`${origin}${proposal}`);
    await page.getByRole("heading", { level: 2, name: "各参与方的决定" }).waitFor();
    await page.getByText("已生效").first().waitFor();
    await page.getByRole("banner").locator(".account-menu summary").click();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByRole("banner").getByRole("link", { name: "登录" }).waitFor();
    await page.goto(`${origin}/workspace`);
    await page.getByRole("link", { name: "登录" }).first().waitFor();
    expect((await page.context().cookies()).some((c) => c.name === "__Host-beltroad_session")).toBe(false);
    expect(watch.errors).toEqual([]);
    expect(watch.offsite).toEqual([]);
  });
});
