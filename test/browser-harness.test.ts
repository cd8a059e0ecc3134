// The Chromium harness itself: where Chromium is looked for, what happens
// when it is missing (skip locally, fail in CI) or broken (always fail).
import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { chromiumGate, chromiumPath, DEFAULT_CHROMIUM_PATH, isOfflineUrl, isLoopbackUrl, launchBrowser } from "./helpers/browser.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");
const FIXTURE_CONFIG = join(ROOT, "test/fixtures/browser-gate/vitest.config.ts");

describe("chromiumGate", () => {
  const present = () => true;
  const absent = () => false;

  it("uses /usr/bin/chromium unless CHROMIUM_PATH says otherwise", () => {
    expect(chromiumPath({})).toBe(DEFAULT_CHROMIUM_PATH);
    expect(chromiumPath({ CHROMIUM_PATH: "  " })).toBe(DEFAULT_CHROMIUM_PATH);
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chromium/chrome" })).toBe("/opt/chromium/chrome");
    const seen: string[] = [];
    chromiumGate({ CHROMIUM_PATH: "/opt/chromium/chrome" }, (path) => (seen.push(path), true));
    expect(seen).toEqual(["/opt/chromium/chrome"]);
  });

  it("runs the browser tests when Chromium is there, in CI or not", () => {
    expect(chromiumGate({}, present)).toEqual({ state: "run", path: DEFAULT_CHROMIUM_PATH, reason: "" });
    expect(chromiumGate({ CI: "true" }, present).state).toBe("run");
  });

  it("skips them without Chromium, with the reason on one line", () => {
    const gate = chromiumGate({}, absent);
    expect(gate.state).toBe("skip");
    expect(gate.reason).toContain(`Chromium not found at ${DEFAULT_CHROMIUM_PATH}`);
    expect(gate.reason).not.toMatch(/\n/);
    expect(chromiumGate({ CHROMIUM_PATH: "/nope/chrome" }, absent).reason).toContain("CHROMIUM_PATH=/nope/chrome");
  });

  it("fails them without Chromium when CI=true", () => {
    expect(chromiumGate({ CI: "true" }, absent).state).toBe("fail");
    expect(chromiumGate({ CI: "1" }, absent).state).toBe("skip"); // only the exact value CI runs with
  });
});

describe("URL classes", () => {
  it("tells offline, loopback and remote URLs apart", () => {
    for (const url of ["file:///x/docs/index.html", "data:,", "blob:null/1234", "about:blank"]) expect(isOfflineUrl(url)).toBe(true);
    for (const url of ["https://cdn.example.com/logo.svg", "http://127.0.0.1:4010/x", "ws://localhost/"]) expect(isOfflineUrl(url)).toBe(false);
    for (const url of ["http://127.0.0.1:4010/x", "http://127.9.8.7/", "http://localhost:3000/", "http://[::1]:80/"]) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ["http://10.0.0.1/", "https://roma.cn-north-4.myhuaweicloud.com/", "http://127.0.0.1.example.com/", "file:///x"]) {
      expect(isLoopbackUrl(url)).toBe(false);
    }
  });
});

describe("launchBrowser", () => {
  it("rejects with one line naming the executable when Chromium does not start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "roma-fdi-broken-chromium-"));
    try {
      const broken = join(dir, "chromium");
      await writeFile(broken, "#!/bin/sh\necho 'this chromium is broken' >&2\nexit 1\n");
      await chmod(broken, 0o755);
      const error: Error = await launchBrowser({ path: broken, timeoutMs: 10_000 }).then(
        () => { throw new Error("launched a broken Chromium"); },
        (caught: Error) => caught,
      );
      expect(error.message).toMatch(new RegExp(`^Chromium at ${broken.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} could not be started: \\S`));
      expect(error.message).not.toMatch(/\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.concurrent("describeBrowser in a real vitest run without Chromium", () => {
  /** Runs the fixture suite in a child vitest with CHROMIUM_PATH pointing at nothing. */
  async function runFixture(ci: boolean) {
    const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium", NO_COLOR: "1", FORCE_COLOR: "0" };
    delete env.CI;
    delete env.VITEST;
    if (ci) env.CI = "true";
    return promisify(execFile)(process.execPath, [VITEST, "run", "--config", FIXTURE_CONFIG], { cwd: ROOT, env, timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
    );
  }

  it("reports the suite as skipped, with the reason on one line, and passes", async () => {
    const { code, output } = await runFixture(false);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Tests\s+1 skipped/);
    const reasonLines = output.split("\n").filter((line) => line.includes("Chromium not found at CHROMIUM_PATH=/nonexistent/chromium"));
    expect(reasonLines.length, output).toBeGreaterThan(0);
    expect(reasonLines[0]).toMatch(/browser tests skipped: fixture browser suite: Chromium not found/);
  });

  it("fails the run with the reason when CI=true", async () => {
    const { code, output } = await runFixture(true);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/Tests\s+1 failed/);
    expect(output).toContain("Chromium not found at CHROMIUM_PATH=/nonexistent/chromium");
    expect(output).not.toContain("the gate let a browser test run");
  });
});
