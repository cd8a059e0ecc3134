// The Prism mock used from a real browser page, through the browser bundle of
// the client: the page is served from one 127.0.0.1 port, the mock listens on
// another, so every call is cross-origin with a CORS preflight.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RESPONSE_EXAMPLES } from "../generated/client.js";
import { parseTaskDetail, type ErrorBody, type ShowTaskResponse } from "roma-fdi";
import { describeBrowser, type TrackedPage } from "./helpers/browser.js";
import { bundleForBrowser } from "./helpers/bundle.js";
import { startBundledSite, type BundledSite } from "./helpers/bundled-site.js";
import { exampleValue } from "./helpers/examples.js";

const PAGE_DIR = new URL("./pages/task-viewer/", import.meta.url);
const TOKEN = "frontend-page-token"; // the value app.js sends

describe("browser bundle of roma-fdi", () => {
  it("builds for the browser platform from src/ without any node: module", async () => {
    const bundle = await bundleForBrowser();
    try {
      expect(bundle.inputs).toContain("src/client.ts");
      expect(bundle.inputs.filter((input) => input.startsWith("node:"))).toEqual([]);
      expect(bundle.code).not.toMatch(/from\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/);
      expect(bundle.code).toMatch(/export\s*\{[^}]*\bcreateRomaClient\b/);
    } finally {
      await bundle.remove();
    }
  });
});

describeBrowser("the Prism mock from a browser page", () => {
  const mockUrl = inject("prismUrl");
  let site: BundledSite;

  beforeAll(async () => {
    const [html, app] = await Promise.all([
      readFile(new URL("index.html", PAGE_DIR), "utf8"),
      readFile(new URL("app.js", PAGE_DIR), "utf8"),
    ]);
    site = await startBundledSite({ "/": html, "/app.js": app });
  });

  afterAll(() => site?.stop());

  /** Opens the page against the mock and waits until it has shown a task or an error. */
  async function openViewer(taskId: string, prefer?: string): Promise<TrackedPage> {
    // A task ID of its own per test: Chromium caches preflights per URL, and
    // each test must see its own.
    const query = new URLSearchParams({ mock: mockUrl, task: taskId });
    if (prefer) query.set("prefer", prefer);
    const tracked = await site.browser.openPage(`${site.url}/?${query}`);
    await tracked.page.waitForFunction(() => document.body.dataset.state !== "loading", undefined, { timeout: 15_000 });
    return tracked;
  }

  const text = (tracked: TrackedPage, selector: string) => tracked.page.locator(selector).innerText();

  /** The page's calls to the mock (the task read, not the page's own files). */
  const mockCalls = (tracked: TrackedPage) => tracked.requests.filter((request) => request.url.startsWith(mockUrl));

  it.each(RESPONSE_EXAMPLES["200"])("shows the task of example %s: name, status and column mapping", async (name) => {
    const expected = exampleValue<ShowTaskResponse>(name);
    const mapping = parseTaskDetail(expected.task_detail ?? "").mappingTable ?? [];
    const tracked = await openViewer(`task-${name}`, name === RESPONSE_EXAMPLES["200"][0] ? undefined : `example=${name}`);
    try {
      expect(await tracked.page.evaluate(() => document.body.dataset.state)).toBe("task");
      expect(await text(tracked, "#task-name")).toBe(expected.task?.task_name);
      expect(await text(tracked, "#task-status")).toBe(expected.task?.status);
      const rows = await tracked.page.locator("#mapping tr").evaluateAll((trs) =>
        trs.slice(1).map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
      );
      expect(rows).toEqual(mapping.map((column) => [column.sourceColumn, column.targetColumn]));
      expect(rows.length).toBeGreaterThan(0);

      // Chromium sent the CORS preflight, the mock allowed the page's origin and
      // headers, then the GET went out with the token. Prism saw no violation.
      await tracked.settle();
      const calls = mockCalls(tracked);
      expect(calls.map((call) => call.method).sort()).toEqual(["GET", "OPTIONS"]);
      const preflight = calls.find((call) => call.method === "OPTIONS");
      const get = calls.find((call) => call.method === "GET");
      expect([preflight?.method, preflight?.status]).toEqual(["OPTIONS", 204]);
      expect(preflight?.requestHeaders.origin).toBe(site.url);
      expect(preflight?.requestHeaders["access-control-request-headers"]?.split(",")).toContain("x-auth-token");
      expect(preflight?.responseHeaders?.["access-control-allow-origin"]).toBe(site.url);
      expect([get?.method, get?.status]).toEqual(["GET", 200]);
      expect(get?.requestHeaders["x-auth-token"]).toBe(TOKEN);
      expect(get?.requestHeaders.origin).toBe(site.url);
      expect(get?.responseHeaders?.["access-control-allow-origin"]).toBe(site.url);
      expect(get?.responseHeaders?.["sl-violations"]).toBeUndefined();
      expect(tracked.consoleErrors).toEqual([]);
      expect(tracked.pageErrors).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it.each(["400", "401", "403", "404", "500"] as const)("surfaces Prefer: code=%s as RomaApiError on the page", async (status) => {
    const example = RESPONSE_EXAMPLES[status][0];
    const body = exampleValue<ErrorBody>(example);
    const tracked = await openViewer(`task-${status}`, `code=${status}`);
    try {
      expect(await tracked.page.evaluate(() => document.body.dataset.state)).toBe("error");
      expect(await text(tracked, "#error-name")).toBe("RomaApiError");
      expect(await text(tracked, "#error-is-api")).toBe("true");
      expect(await text(tracked, "#error-status")).toBe(status);
      expect(await text(tracked, "#error-code")).toBe(body.error_code);
      const message = await text(tracked, "#error-message");
      expect(message).toContain(body.error_code);
      expect(message).not.toContain(TOKEN);

      await tracked.settle();
      const calls = mockCalls(tracked);
      const get = calls.find((call) => call.method === "GET");
      expect(calls.map((call) => [call.method, call.status]).sort()).toEqual([["GET", Number(status)], ["OPTIONS", 204]]);
      expect(get?.requestHeaders.prefer).toBe(`code=${status}`);
      expect(get?.responseHeaders?.["sl-violations"]).toBeUndefined();
      expect(tracked.pageErrors).toEqual([]);
    } finally {
      await tracked.close();
    }
  });
});
