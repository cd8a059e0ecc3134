/**
 * Shared headless-Chromium harness for browser tests.
 *
 * It drives Debian's Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`) through
 * playwright-core with `executablePath`; no browser is ever downloaded. Each
 * launch gets a fresh temporary profile, removed on close.
 *
 * Gate: where Chromium is missing, suites declared with {@link describeBrowser}
 * are reported as skipped with the reason on one line; with `CI=true` a missing
 * Chromium fails the run instead. A Chromium that is present but does not start
 * always fails (it is never skipped).
 */
import { accessSync, constants, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describe, it } from "vitest";

/** Where Chromium is looked for when `CHROMIUM_PATH` is not set. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Command-line flags every launch uses (headless mode is added by playwright-core). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
] as const;

/** What the gate decided: run the browser tests, skip them, or fail the run. */
export interface ChromiumGate {
  state: "run" | "skip" | "fail";
  /** The executable that is (or would be) launched. */
  path: string;
  /** Why the tests do not run; one line. Empty when `state` is `"run"`. */
  reason: string;
}

/** The Chromium executable to use: `CHROMIUM_PATH`, else {@link DEFAULT_CHROMIUM_PATH}. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  return fromEnv ? fromEnv : DEFAULT_CHROMIUM_PATH;
}

/** Whether `path` is an executable regular file. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides whether browser tests run. Missing Chromium: skip, or fail when
 * `CI` is `true` (CI must never pass by skipping them).
 */
export function chromiumGate(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = isExecutableFile,
): ChromiumGate {
  const path = chromiumPath(env);
  if (exists(path)) return { state: "run", path, reason: "" };
  const where = env.CHROMIUM_PATH?.trim() ? `CHROMIUM_PATH=${path}` : path;
  const reason = `Chromium not found at ${where} (install Debian's chromium, e.g. apt-get install -y chromium, or set CHROMIUM_PATH)`;
  return { state: env.CI === "true" ? "fail" : "skip", path, reason };
}

/**
 * Declares a suite of browser tests behind the gate: it runs normally with
 * Chromium present, is skipped (reason printed on one line) without it, and
 * becomes a single failing test without it when `CI=true`.
 */
export function describeBrowser(name: string, body: () => void, gate: ChromiumGate = chromiumGate()): void {
  if (gate.state === "run") {
    describe(name, body);
  } else if (gate.state === "fail") {
    describe(name, () => {
      it("needs a working Chromium (CI=true)", () => {
        throw new Error(gate.reason);
      });
    });
  } else {
    console.warn(`browser tests skipped: ${name}: ${gate.reason}`);
    describe.skip(`${name} [skipped: ${gate.reason}]`, body);
  }
}

/** One request as Chromium sent it (CORS preflights and the browser's own fetches included). */
export interface RecordedRequest {
  url: string;
  method: string;
  /** Chromium's resource type: `Document`, `Script`, `Fetch`, `Image`, `Other` (preflights), … */
  resourceType: string;
  /** Headers as sent on the wire, lower-case names. */
  requestHeaders: Record<string, string>;
  /** Response status, when a response arrived. */
  status?: number;
  /** Response headers, lower-case names, when a response arrived. */
  responseHeaders?: Record<string, string>;
  /** Chromium's error text when the request failed (`net::ERR_…`), with the reason it was blocked if any. */
  failure?: string;
}

/** A page with everything it did recorded from the moment it was opened. */
export interface TrackedPage {
  page: Page;
  /** Every request the page's frame sent, in order, read from the DevTools protocol. */
  requests: RecordedRequest[];
  /** URLs playwright saw requested by the page and its workers (a second, independent record). */
  requestedUrls: string[];
  /** Text of `console.error` messages (failed resource loads included). */
  consoleErrors: string[];
  /** Uncaught exceptions thrown in the page. */
  pageErrors: string[];
  /**
   * Waits (up to `timeoutMs`) until every recorded request has a response or
   * a failure. data: and blob: loads are not waited for: a worker's blob:
   * script is answered in the worker, which this page's record does not see.
   */
  settle(timeoutMs?: number): Promise<void>;
  /** Closes the tab. */
  close(): Promise<void>;
}

/** A running Chromium with one fresh profile. */
export interface BrowserSession {
  context: BrowserContext;
  /** Chromium's version string. */
  version: string;
  /** Opens a new tab that records requests and errors; navigates to `url` when given. */
  openPage(url?: string): Promise<TrackedPage>;
  /** Closes the browser and deletes the temporary profile. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with {@link CHROMIUM_FLAGS} and a fresh temporary
 * `--user-data-dir`. Rejects with a one-line message naming the executable
 * when it cannot be started. `timeoutMs` bounds the launch; `actionTimeoutMs`
 * (default 8 s) bounds each page action and wait.
 */
export async function launchBrowser(
  options: { path?: string; timeoutMs?: number; actionTimeoutMs?: number } = {},
): Promise<BrowserSession> {
  const executablePath = options.path ?? chromiumPath();
  const profile = await mkdtemp(join(tmpdir(), "roma-fdi-chromium-"));
  let context: BrowserContext;
  try {
    // launchPersistentContext is playwright's way to pass --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      timeout: options.timeoutMs ?? 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    const first = String((error as Error)?.message ?? error).split("\n").find((line) => line.trim()) ?? "unknown error";
    throw new Error(`Chromium at ${executablePath} could not be started: ${first.trim()}`, { cause: error });
  }
  // A persistent context opens with one blank tab; it is not used.
  await Promise.all(context.pages().map((page) => page.close()));

  return {
    context,
    version: context.browser()?.version() ?? "unknown",
    async openPage(url) {
      const page = await context.newPage();
      // Well inside vitest's test timeout, so a missing element fails with playwright's own message.
      page.setDefaultTimeout(options.actionTimeoutMs ?? 8_000);
      const tracked = await trackPage(context, page);
      if (url !== undefined) await page.goto(url);
      return tracked;
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const lowerCaseKeys = (headers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));

/**
 * Records through the DevTools protocol, which (unlike playwright's request
 * events) also reports CORS preflights and the browser's own fetches, with the
 * headers as actually sent.
 */
async function trackPage(context: BrowserContext, page: Page): Promise<TrackedPage> {
  const requests: RecordedRequest[] = [];
  const byId = new Map<string, RecordedRequest>();
  const wireHeaders = new Map<string, Record<string, string>>();
  const requestedUrls: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  const cdp = await context.newCDPSession(page);
  cdp.on("Network.requestWillBeSent", (event) => {
    const entry: RecordedRequest = {
      url: event.request.url,
      method: event.request.method,
      resourceType: event.type ?? "Other",
      requestHeaders: wireHeaders.get(event.requestId) ?? lowerCaseKeys(event.request.headers),
    };
    byId.set(event.requestId, entry);
    requests.push(entry);
  });
  // The full header set (Origin, cookies…) arrives separately, before or after the event above.
  cdp.on("Network.requestWillBeSentExtraInfo", (event) => {
    const headers = lowerCaseKeys(event.headers);
    wireHeaders.set(event.requestId, headers);
    const entry = byId.get(event.requestId);
    if (entry) entry.requestHeaders = headers;
  });
  cdp.on("Network.responseReceived", (event) => {
    const entry = byId.get(event.requestId);
    if (!entry) return;
    entry.status = event.response.status;
    entry.responseHeaders = lowerCaseKeys(event.response.headers);
  });
  cdp.on("Network.loadingFailed", (event) => {
    const entry = byId.get(event.requestId);
    if (entry) entry.failure = [event.errorText, event.blockedReason, event.corsErrorStatus?.corsError].filter(Boolean).join(" ");
  });
  await cdp.send("Network.enable");

  page.on("request", (request) => requestedUrls.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));

  return {
    page,
    requests,
    requestedUrls,
    consoleErrors,
    pageErrors,
    async settle(timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      const pending = () =>
        requests.some((entry) => entry.status === undefined && entry.failure === undefined && !/^(data|blob):/i.test(entry.url));
      while (pending() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}

/** Whether a URL stays on this machine: file:, data:, blob: and about: only. */
export function isOfflineUrl(url: string): boolean {
  return /^(file|data|blob|about):/i.test(url);
}

/** Whether a URL points at the loopback interface (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}
