import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); never a downloaded browser. */
export const CHROMIUM = process.env.BELTROAD_CHROMIUM ?? "/usr/bin/chromium";

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium)`;
}

/**
 * Headless Chromium with nothing phoning home; WebGL (MapLibre) runs on SwiftShader, the software renderer.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}

/** What a page did that a test checks afterwards: requests to other hosts, console errors, uncaught errors. */
export interface PageWatch {
  readonly requests: string[];
  readonly offsite: string[];
  readonly errors: string[];
}

/**
 * Records every request a page makes (all must stay on `origin`; `data:` and `blob:` URLs never leave the page)
 * and every console error or uncaught exception.
 */
export function watchPage(page: Page, origin: string, watch: PageWatch = { requests: [], offsite: [], errors: [] }) {
  page.on("request", (req) => {
    const url = req.url();
    watch.requests.push(url);
    if (!(url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:"))) watch.offsite.push(url);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") watch.errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => watch.errors.push(`page: ${err.message}`));
  return watch;
}

/** A browser context the size of a laptop screen, in English unless told otherwise, with downloads allowed. */
export function laptopContext(browser: Browser, locale = "en-GB"): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale, acceptDownloads: true });
}
