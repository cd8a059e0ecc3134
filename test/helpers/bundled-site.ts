/**
 * A browser test's stage: the client bundled for the browser and served as
 * /roma-fdi.js next to the test's own pages from one 127.0.0.1 port, and a
 * headless Chromium to open them.
 */
import { launchBrowser, type BrowserSession } from "./browser.js";
import { bundleForBrowser } from "./bundle.js";
import { serveStatic } from "./static-server.js";

/** A running stage; `stop()` closes the browser and the server and removes the bundle. */
export interface BundledSite {
  url: string;
  browser: BrowserSession;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8" };

/** Serves `pages` (path → text; the type follows the extension, `/` is HTML) plus /roma-fdi.js, and launches Chromium. */
export async function startBundledSite(pages: Record<string, string>): Promise<BundledSite> {
  const bundle = await bundleForBrowser();
  const files: Parameters<typeof serveStatic>[0] = {
    "/roma-fdi.js": { body: bundle.code, contentType: CONTENT_TYPES.js ?? "" },
  };
  for (const [path, body] of Object.entries(pages)) {
    const extension = path === "/" ? "html" : (path.split(".").pop() ?? "html");
    files[path] = { body, contentType: CONTENT_TYPES[extension] ?? "application/octet-stream" };
  }
  const site = await serveStatic(files);
  let browser: BrowserSession;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await site.stop();
    await bundle.remove();
    throw error;
  }
  return {
    url: site.url,
    browser,
    async stop() {
      await browser.close();
      await site.stop();
      await bundle.remove();
    },
  };
}
