// The reference docs as a reader sees them: `npm run docs` output opened from
// disk in headless Chromium, with no network. Everything expected on the page
// is read from the bundled spec, so the test follows the spec as it grows.
import { execFile } from "node:child_process";
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { RESPONSE_EXAMPLES, SHOW_TASK_PATH } from "../generated/client.js";
import type { ErrorBody, ShowTaskResponse } from "roma-fdi";
import { describeBrowser, isOfflineUrl, launchBrowser, type BrowserSession, type TrackedPage } from "./helpers/browser.js";
import { exampleValue } from "./helpers/examples.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOCS = join(ROOT, "docs/index.html");
const SCREENSHOT = join(ROOT, "test/artifacts/docs.png");

interface SpecFacts {
  info: { title: string };
  tags: { name: string }[];
  components: {
    schemas: { Task: { properties: Record<string, unknown> } };
    securitySchemes: Record<string, { type: string; in?: string; name?: string }>;
    examples: Record<string, { summary?: string }>;
  };
  paths: Record<string, { get: { summary: string } }>;
}
const facts = spec as unknown as SpecFacts;
const TASK_FIELDS = Object.keys(facts.components.schemas.Task.properties);
const OPERATION_SUMMARY = facts.paths[SHOW_TASK_PATH]?.get.summary ?? "(showTask has no summary)";

describeBrowser("docs/index.html in Chromium, opened from disk", () => {
  let browser: BrowserSession;
  let docs: TrackedPage;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [join(ROOT, "scripts/docs.mjs")], { cwd: ROOT, timeout: 120_000 });
    browser = await launchBrowser();
    docs = await browser.openPage(pathToFileURL(DOCS).href);
    await docs.page.getByRole("heading", { name: facts.info.title }).first().waitFor();
    // The operation sits under its tag, as a reader would find it from the sidebar.
    const tag = facts.tags[0]?.name ?? "Tasks";
    await docs.page.locator('[data-component-name="Menu/MenuItem"]', { hasText: new RegExp(`^\\s*${tag}\\s*$`) }).first().click();
    await docs.page.getByText(OPERATION_SUMMARY, { exact: true }).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const page = () => docs.page;
  const visibleText = () => page().evaluate(() => document.body.innerText.replace(/\u200b/g, ""));
  const responsePanel = () => page().locator(".panel-response-samples").first();
  const statusTab = (status: string) => responsePanel().locator("button", { hasText: new RegExp(`^\\s*${status}\\s*$`) }).first();
  const sample = () => responsePanel().locator('[data-component-name="JsonViewer/JsonViewer"]').first();

  it("shows the operation: its summary, method and path", async () => {
    expect(OPERATION_SUMMARY).toBe("Query a task");
    await page().getByRole("heading", { name: OPERATION_SUMMARY }).first().waitFor({ state: "visible" });
    await expect.poll(visibleText, { timeout: 8_000 }).toMatch(new RegExp(`GET\\s+${escapeRegExp(SHOW_TASK_PATH)}`));
  });

  it(`shows every field of Task (${TASK_FIELDS.length}, read from the spec)`, async () => {
    // Redoc folds the nested object behind a "Show N properties" button.
    await page().locator("button", { hasText: /^\+?\s*Show \d+ properties$/ }).first().click();
    const shown = await page().locator(".schema-property-item .schema-name").evaluateAll((names) =>
      names
        .filter((name) => name.checkVisibility())
        .map((name) => (name.parentElement?.textContent ?? "").replace(/\u200b/g, "").trim()),
    );
    const missing = TASK_FIELDS.filter((field) => !shown.includes(`task.${field}`));
    expect(missing).toEqual([]);
    expect(TASK_FIELDS.length).toBeGreaterThanOrEqual(20);
  });

  it("shows both security schemes with the header each one uses", async () => {
    const schemes = Object.entries(facts.components.securitySchemes);
    expect(schemes.map(([name]) => name).sort()).toEqual(["akskSignature", "iamToken"]);
    await expect.poll(visibleText, { timeout: 8_000 }).toContain(schemes.map(([name]) => name).join(" or "));
    await page().getByRole("button", { name: "View security details" }).first().click();
    for (const [name, scheme] of schemes) {
      const tab = page().getByRole("tab", { name, exact: true });
      await tab.click();
      await expect(tab.isVisible()).resolves.toBe(true);
      await expect.poll(visibleText, { timeout: 8_000 }).toMatch(new RegExp(`Header parameter name:\\s*${scheme.name}\\b`));
    }
    await page().keyboard.press("Escape");
  });

  it.each(RESPONSE_EXAMPLES["200"])("shows the 200 example %s by its summary, and its body when picked", async (name) => {
    const summary = facts.components.examples[name]?.summary ?? name;
    const taskName = exampleValue<ShowTaskResponse>(name).task?.task_name ?? "";
    await statusTab("200").click();
    // The example picker is a drop-down whose button shows the current example's summary.
    const pickerSummaries = RESPONSE_EXAMPLES["200"].map((other) => facts.components.examples[other]?.summary ?? other);
    const picker = responsePanel().locator("button", { hasText: new RegExp(pickerSummaries.map(escapeRegExp).join("|")) }).first();
    await picker.click();
    const items = await page().locator('[data-component-name="Dropdown/DropdownMenuItem"]').allInnerTexts();
    expect(items).toEqual(expect.arrayContaining(pickerSummaries));
    await page().locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: summary }).first().click();
    await expect.poll(() => picker.innerText(), { timeout: 8_000 }).toContain(summary);
    await expect.poll(() => sample().innerText(), { timeout: 8_000 }).toContain(`"task_name": "${taskName}"`);
  });

  it.each(["400", "401", "403", "404", "500"] as const)("shows the %s error example when its tab is picked", async (status) => {
    const body = exampleValue<ErrorBody>(RESPONSE_EXAMPLES[status][0]);
    await statusTab(status).click();
    await expect.poll(() => sample().innerText(), { timeout: 8_000 }).toContain(`"error_code": "${body.error_code}"`);
    expect(await sample().innerText()).toContain(`"error_msg": ${JSON.stringify(body.error_msg)}`);
  });

  it("made no request outside the machine, and saves a screenshot", async () => {
    // Runs last, so it covers the loading and every click above.
    await docs.settle();
    const urls = [...docs.requests.map((request) => request.url), ...docs.requestedUrls];
    expect(urls[0]).toBe(pathToFileURL(DOCS).href);
    expect(urls.filter((url) => !isOfflineUrl(url))).toEqual([]);
    expect(docs.consoleErrors).toEqual([]);
    expect(docs.pageErrors).toEqual([]);

    await statusTab("200").click();
    await page().getByRole("heading", { name: OPERATION_SUMMARY }).first().scrollIntoViewIfNeeded();
    await mkdir(join(ROOT, "test/artifacts"), { recursive: true });
    await page().screenshot({ path: SCREENSHOT, fullPage: false });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
