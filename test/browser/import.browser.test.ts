import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/database.ts";
import { PASSWORD } from "../support/governance.ts";
import { AIDDATA_DIR, hasReference } from "../support/reference.ts";
import { chromiumMissing, laptopContext, launchChromium, type PageWatch, watchPage } from "./support/browser.ts";
import { type Portal, portalMissing, startPortal } from "./support/portal.ts";

const SCREENSHOTS = join(import.meta.dirname, "../../docs/screenshots");
const FIXTURE = join(import.meta.dirname, "../fixtures/iati-sample.xml");
const missing = chromiumMissing() ?? portalMissing();
const required = process.env.BELTROAD_REQUIRE_BROWSER === "1";
if (missing && !required) console.warn(`browser tests skipped: ${missing}`);
if (missing !== undefined && required) {
  describe("the import page in Chromium (required)", () => {
    it("can run", () => {
      throw new Error(`BELTROAD_REQUIRE_BROWSER=1 but ${missing}`);
    });
  });
}

const EDITOR = { email: "importer@chn.example.org", org: "country-chn", role: "editor" } as const;

describe.skipIf(missing !== undefined)("the import page (Chromium)", () => {
  let portal: Portal;
  let store: Db;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const watch: PageWatch = { requests: [], offsite: [], errors: [] };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    portal = await startPortal([EDITOR]);
    store = portal.store;
    origin = portal.origin;
    browser = await launchChromium();
    page = await (await laptopContext(browser)).newPage();
    page.setDefaultTimeout(60_000);
    watchPage(page, origin, watch);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom("records")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("tells a visitor that importing needs an editor account, with a link to sign in", async () => {
    await page.goto(`${origin}/import`);
    await page.getByText("Importing needs an editor account").waitFor();
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(/\/signin\?next=%2Fimport$/);
    await page.getByLabel("Email").fill(EDITOR.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/import$/);
  });

  it("uploads the IATI fixture as a dry run and shows the report; nothing is written", async () => {
    const before = await count();
    await page.getByRole("heading", { level: 1, name: "Import records" }).waitFor();
    await page.getByRole("radio", { name: /IATI 2\.03 XML/ }).check();
    expect(await page.getByRole("checkbox", { name: /Dry run/ }).isChecked()).toBe(true);
    await page.getByLabel("File", { exact: true }).setInputFiles(FIXTURE);
    await page.getByText("Chosen: iati-sample.xml").waitFor();
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByRole("heading", { level: 2, name: "Dry-run report for iati-sample.xml" }).waitFor();
    await page
      .getByRole("status")
      .getByText(/Dry run finished with problems/)
      .waitFor();
    const totals = page.locator(".import-totals");
    await totals.getByText("new records").waitFor();
    // Two activities break the IATI schema; the valid one names no organisation the editor edits for, so it is
    // refused like a bad row (an editor's import follows the rule of every other write).
    expect(await totals.locator("li").first().textContent()).toMatch(/^0\s*new records$/);
    const rows = page.locator(".import-errors tbody tr");
    expect(await rows.count()).toBe(3);
    await page.getByRole("cell", { name: "activity-status/@code" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "import.png"), fullPage: true });

    await page.getByLabel("Filter errors").fill("ActivityStatus");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText("Showing 1 of 3").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download errors as CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toBe("row,path,line,field,message");
    expect(csv.trim().split("\n")).toHaveLength(4);
    expect(await page.getByRole("button", { name: "Run for real" }).count()).toBe(0);
    expect(await count()).toBe(before);
    expect(watch.offsite).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it.skipIf(!hasReference())("imports a clean AidData file for real after its dry run", async () => {
    const before = await count();
    await page.getByRole("radio", { name: /AidData GCDF/ }).check();
    await page.getByLabel("File", { exact: true }).setInputFiles(join(AIDDATA_DIR, "ports_projects.csv"));
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page
      .getByRole("status")
      .getByText(/Dry run finished without errors/)
      .waitFor();
    expect(await count()).toBe(before);
    await page.getByRole("button", { name: "Run for real" }).click();
    await page.getByRole("status").getByText("Import finished without errors.").waitFor();
    await page.getByRole("heading", { level: 2, name: "Import report for ports_projects.csv" }).waitFor();
    expect(await page.locator(".import-totals li").first().textContent()).toMatch(/^20\s*new records$/);
    expect(await count()).toBeGreaterThanOrEqual(before + 20);
    expect(watch.errors).toEqual([]);
  });

  it("offers the CSV and XLSX templates for the template formats", async () => {
    await page.getByRole("radio", { name: /Template \(CSV\)/ }).check();
    const link = page.getByRole("listitem").filter({ hasText: "Projects" }).getByRole("link", { name: "CSV" });
    const res = await fetch(`${origin}${await link.getAttribute("href")}`);
    expect(res.status).toBe(200);
    expect((await res.text()).startsWith("id,")).toBe(true);
  });
});
