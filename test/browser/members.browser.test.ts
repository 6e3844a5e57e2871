import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/services/account.service.ts";
import { membersOf } from "../../src/store/users.repository.ts";
import { PASSWORD } from "../support/governance.ts";
import { chromiumMissing, laptopContext, launchChromium, type PageWatch, watchPage } from "./support/browser.ts";
import { type Portal, portalMissing, startPortal } from "./support/portal.ts";

const missing = chromiumMissing() ?? portalMissing();
if (missing) console.warn(`browser tests skipped: ${missing}`);

const ORG = "country-pak";
const ADMIN = { email: "admin@pak.example.org", org: ORG, role: "admin" } as const;
/** A user of the platform who is not yet a member of the organisation. */
const NEWCOMER = "analyst@pak.example.org";

describe.skipIf(missing !== undefined)("an organisation's members in the workspace (Chromium)", () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const watch: PageWatch = { requests: [], offsite: [], errors: [] };

  beforeAll(async () => {
    portal = await startPortal([ADMIN]);
    await createUser(portal.store, { email: NEWCOMER, password: PASSWORD });
    browser = await launchChromium();
    page = await (await laptopContext(browser)).newPage();
    page.setDefaultTimeout(60_000);
    watchPage(page, portal.origin, watch);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const section = () => page.getByRole("region", { name: /^Members of / });
  const row = (email: string) => section().getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });
  const stored = async () =>
    Object.fromEntries((await membersOf(portal.store.db, ORG)).map((m) => [m.email, m.role] as const));

  async function setMember(email: string, role: string) {
    await section().getByLabel("Email").fill(email);
    await section().getByLabel("Role").selectOption({ label: role });
    await section().getByRole("button", { name: "Add or change" }).click();
  }

  it("lists the organisation's members for its admin", async () => {
    await page.goto(`${portal.origin}/signin?next=%2Fworkspace`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/workspace$/);
    await row(ADMIN.email).getByText("Admin", { exact: true }).waitFor();
    expect(await section().locator("tbody tr").count()).toBe(1);
  });

  it("adds an existing user, then changes their role", async () => {
    await setMember(NEWCOMER, "Editor");
    await row(NEWCOMER).getByText("Editor", { exact: true }).waitFor();
    // The form is cleared for the next one.
    expect(await section().getByLabel("Email").inputValue()).toBe("");
    expect(await stored()).toEqual({ [ADMIN.email]: "admin", [NEWCOMER]: "editor" });

    await setMember(NEWCOMER, "Approver");
    await row(NEWCOMER).getByText("Approver", { exact: true }).waitFor();
    expect(await section().locator("tbody tr").count()).toBe(2);
    expect(await stored()).toEqual({ [ADMIN.email]: "admin", [NEWCOMER]: "approver" });
  });

  it("says so when the email is nobody's, and changes nothing", async () => {
    const before = watch.errors.length;
    await setMember("nobody@example.org", "Viewer");
    await section().getByRole("alert").getByText("It does not exist, or you may not see it.").waitFor();
    // Chromium logs the expected 404 as a console error: take it out, and only it.
    expect(watch.errors.splice(before).every((e) => e.includes("status of 404"))).toBe(true);
    expect(await section().locator("tbody tr").count()).toBe(2);
    expect(Object.keys(await stored())).toHaveLength(2);
  });

  it("removes a member", async () => {
    await row(NEWCOMER)
      .getByRole("button", { name: `Remove ${NEWCOMER}` })
      .click();
    await expect.poll(() => section().locator("tbody tr").count(), { timeout: 60_000 }).toBe(1);
    expect(await stored()).toEqual({ [ADMIN.email]: "admin" });
    expect(watch.offsite).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
