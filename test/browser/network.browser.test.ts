import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/http/server.ts";
import { DEFAULT_DATA_DIR } from "../../src/services/data-files.ts";
import { loadNetwork, networkPath } from "../../src/services/network/network-store.ts";
import { seed } from "../../src/services/seed.service.ts";
import { openDatabase } from "../../src/store/database.ts";
import { chromiumMissing, laptopContext, launchChromium, type PageWatch, watchPage } from "./support/browser.ts";
import { portalMissing } from "./support/portal.ts";

const SCREENSHOTS = join(import.meta.dirname, "../../docs/screenshots");
const missing = chromiumMissing() ?? portalMissing();
if (missing) console.warn(`network browser tests skipped: ${missing}`);

const POLL = { timeout: 90_000, interval: 250 };
/** The real server (API with the connectivity routes, and the portal) on a seeded temporary database. */
async function startNetworkPortal(): Promise<{ origin: string; close(): Promise<void> }> {
  // Builds .beltroad/network.bin when it is missing or stale (a few seconds), as the CLI does.
  loadNetwork(networkPath());
  const dir = mkdtempSync(join(tmpdir(), "beltroad-network-browser-"));
  const store = openDatabase({ sqlite: join(dir, "portal.db") });
  await seed(store, DEFAULT_DATA_DIR);
  const { server, url } = await startServer(store, 0, "127.0.0.1");
  return {
    origin: url.replace(/\/$/, ""),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(missing !== undefined)("the connectivity pages in Chromium", () => {
  let portal: { origin: string; close(): Promise<void> };
  let browser: Browser;
  const watch: PageWatch = { requests: [], offsite: [], errors: [] };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    portal = await startNetworkPortal();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function open(path: string): Promise<Page> {
    const context = await laptopContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    watchPage(page, portal.origin, watch);
    await page.goto(`${portal.origin}${path}`);
    return page;
  }

  async function settled(page: Page) {
    await page.waitForFunction(
      () => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
          .document;
        const busy = doc.querySelectorAll('.map-frame[aria-busy="true"]').length;
        return busy === 0 && doc.querySelectorAll(".loading").length === 0;
      },
      undefined,
      { timeout: 90_000, polling: 250 },
    );
  }

  /** The number in a cell of the comparison table ("13.4" or "1,234"). */
  async function cellNumber(page: Page, mode: string, column: number): Promise<number> {
    const row = page.locator("table.route-compare tbody tr", { has: page.getByRole("rowheader", { name: mode }) });
    const text = (await row.locator("td").nth(column).textContent()) ?? "";
    return Number(text.replace(/[^0-9.]/g, ""));
  }

  it("plans Xi'an → Duisburg: rail is faster than sea, the legs and sources are listed", async () => {
    const page = await open("/route");
    await page.getByRole("heading", { level: 1, name: "Route planner" }).waitFor();
    await page.getByLabel("From", { exact: true }).fill("Xi'an");
    await page.getByLabel("To", { exact: true }).fill("Duisburg");
    await page.getByRole("button", { name: "Plan routes" }).click();
    await page.waitForURL(/from=Xi/);
    const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Days" }) });
    await table.getByRole("rowheader", { name: "Rail" }).waitFor({ timeout: 90_000 });
    await expect.poll(() => cellNumber(page, "Rail", 0), POLL).toBeGreaterThan(0);
    const rail = await cellNumber(page, "Rail", 0);
    const sea = await cellNumber(page, "Sea", 0);
    expect(sea).toBeGreaterThan(0);
    expect(rail).toBeLessThan(sea);
    await page.getByRole("button", { name: "Show the Rail route on the map" }).click();
    await page.getByRole("heading", { level: 2, name: /Legs of the Rail route/ }).waitFor();
    await page.getByRole("cell", { name: "Khorgos" }).first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Assumptions and their sources" }).waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, "route-planner.png"), fullPage: true });
    await page.context().close();
  }, 180_000);

  it("colours each leg of a multimodal route by its mode (Nairobi → Mumbai: SGR rail, then sea)", async () => {
    const page = await open("/route?from=Nairobi&to=Mumbai");
    await page.getByRole("heading", { level: 2, name: /Legs of the Multimodal route/ }).waitFor({ timeout: 90_000 });
    const legs = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Hours" }) });
    await legs.getByRole("cell", { name: "Rail", exact: true }).first().waitFor();
    await legs.getByRole("cell", { name: "Sea", exact: true }).first().waitFor();
    const legend = page.getByRole("list", { name: "Modes on the map" });
    for (const mode of ["Sea", "Rail", "Road"]) await legend.getByText(mode, { exact: true }).waitFor();
    await settled(page);
    // The map, its legend and the first legs in one view.
    await page
      .locator(".map-frame")
      .first()
      .evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SCREENSHOTS, "route-legs.png") });
    await page.context().close();
  }, 180_000);

  it("shows the network layers on the main map, switched on from the keyboard, with a legend", async () => {
    const page = await open("/map?shade=0");
    await page.getByRole("heading", { level: 1, name: "Map of projects" }).waitFor();
    const rail = page.getByRole("checkbox", { name: "Rail corridors" });
    await rail.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => rail.isChecked(), POLL).toBe(true);
    await expect.poll(() => page.url(), POLL).toMatch(/net=rail/);
    for (const name of ["Sea lanes", "Ports", "Border crossings (gauge change)"]) {
      await page.keyboard.press("Tab");
      const focused = () =>
        page.evaluate(() => {
          const doc = (
            globalThis as unknown as {
              document: { activeElement: { parentElement: { textContent: string } | null } | null };
            }
          ).document;
          return doc.activeElement?.parentElement?.textContent ?? "";
        });
      await expect.poll(focused, POLL).toBe(name);
      await page.keyboard.press("Space");
    }
    await expect.poll(() => decodeURIComponent(page.url()), POLL).toMatch(/net=rail,sea,ports,crossings/);
    const legend = page.getByRole("list", { name: "Network legend" });
    for (const item of ["Rail: in service", "Rail: under construction", "Rail: planned", "Sea lanes", "Ports"])
      await legend.getByText(item, { exact: true }).waitFor();
    await settled(page);
    expect(watch.requests.some((u) => u.includes("/api/v1/network/geojson"))).toBe(true);
    await page.locator(".map-frame").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, "map-network.png") });
    await page.context().close();
  }, 180_000);

  it("runs a what-if with the China–Laos Railway off and lists Laos (Lao PDR)", async () => {
    const page = await open("/whatif");
    await page.getByRole("heading", { level: 1, name: /What-if/ }).waitFor();
    await page.getByRole("checkbox", { name: "China–Laos Railway" }).check();
    await page.getByRole("button", { name: "Run the what-if" }).click();
    const countries = page.getByRole("region", { name: "Change in shipment time by country" });
    await countries.getByRole("rowheader", { name: /^Lao/ }).waitFor({ timeout: 120_000 });
    const lao = countries.getByRole("row", { name: /^Lao/ });
    expect(await lao.locator("td").first().textContent()).toMatch(/^\+\d/);
    await page.getByRole("rowheader", { name: "World" }).waitFor();
    await settled(page);
    await page.getByRole("heading", { level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, "whatif.png") });
    await page.context().close();
  }, 180_000);

  it("says so in text when a place is unknown", async () => {
    const page = await open("/route?from=Xyzzyville&to=Duisburg");
    await page.getByRole("alert").filter({ hasText: "unknown place" }).waitFor({ timeout: 60_000 });
    await page.context().close();
    // 400 (unknown place) and 404 (no rail route, e.g. Nairobi → Mumbai) are answers the pages show as text.
    expect(watch.errors.filter((e) => !e.includes("400") && !e.includes("404"))).toEqual([]);
    expect(watch.offsite).toEqual([]);
  }, 120_000);
});
