import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cli, isOneErrorLine, SHOW } from "./helpers/cli.js";
import { IDS, pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { startVerifyingServer, type VerifyingServer } from "./helpers/verifying-server.js";

describe("roma-fdi task show", () => {
  it("prints a readable summary with ISO dates, source → target and the mapping table", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const { code, stdout, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(calls[0]?.headers.get("x-auth-token")).toBe("cli-token");
    expect(stdout).toContain("Task      fdi_task_pzy4m5 (9496207a5d6b44b486d79005b5815bd4)");
    expect(stdout).toContain("Type      timing");
    expect(stdout).toContain("Status    stop (last run: SUCCESS)");
    expect(stdout).toContain("Created   2022-10-26T08:19:35.897Z");
    expect(stdout).toContain("Source    100.85.221.77 (MYSQL), table zhenghaotest.zh_sss01");
    expect(stdout).toContain("Target    100.85.221.77 (MYSQL), table zhenghaotest.zh_sss02");
    expect(stdout).toMatch(/SOURCE COLUMN\s+TYPE\s+TARGET COLUMN\s+TYPE/);
    expect(stdout).toMatch(/id\s+INT\(11\)\s+→\s+id\s+INT\(11\)/);
    expect(stdout).toMatch(/name\s+VARCHAR\(255\)\s+→\s+name\s+VARCHAR\(255\)/);
  });

  it("--json prints the body with task_detail parsed", async () => {
    const { fetch } = fakeFetch(() => json(pageExample()));
    const { code, stdout } = await cli([...SHOW, "--json"], { fetch });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed.task).toEqual(pageExample().task);
    expect(printed.task_detail).toEqual(JSON.parse(pageExample().task_detail ?? ""));
  });

  it("still shows the task when task_detail is not JSON, and says so", async () => {
    const { fetch } = fakeFetch(() => json({ ...pageExample(), task_detail: "{oops" }));
    const { code, stdout } = await cli(SHOW, { fetch });
    expect(code).toBe(0);
    expect(stdout).toContain("fdi_task_pzy4m5");
    expect(stdout).toMatch(/Column mapping: not shown \(task_detail is not valid JSON/);
  });

  it("--token works when ROMA_TOKEN is unset", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const { code } = await cli([...SHOW, "--token", "flag-token"], { fetch, env: {} });
    expect(code).toBe(0);
    expect(calls[0]?.headers.get("x-auth-token")).toBe("flag-token");
  });
});

describe("exit codes and one-line errors", () => {
  const oneLine = (stderr: string) => expect(isOneErrorLine(stderr), stderr).toBe(true);

  it.each([
    ["no credentials", SHOW, {}, /credentials are required: set ROMA_TOKEN, or HUAWEICLOUD_SDK_AK/],
    ["an access key without a secret key", SHOW, { HUAWEICLOUD_SDK_AK: "AK" }, /an access key needs a secret key: set HUAWEICLOUD_SDK_SK or pass --sk/],
    ["a missing --task-id", ["task", "show", "--instance-id", "i"], { ROMA_TOKEN: "t" }, /--task-id is required/],
    ["an unknown flag", [...SHOW, "--nope"], { ROMA_TOKEN: "t" }, /unknown option --nope/],
    ["an unknown command", ["tasks", "list"], { ROMA_TOKEN: "t" }, /unknown command; the command is "task show"/],
    ["a dot-segment id", ["task", "show", "--instance-id", "..", "--task-id", "t", "--project-id", "p", "--endpoint", "https://x.test"], { ROMA_TOKEN: "t" }, /--instance-id must not be a dot segment/],
    ["an unknown region", ["task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", "p", "--region", "mars-1"], { ROMA_TOKEN: "t" }, /--region must be one of/],
    ["both --endpoint and --region", [...SHOW, "--region", "cn-north-4"], { ROMA_TOKEN: "t" }, /not both/],
    ["a non-numeric --retries", [...SHOW, "--retries", "x"], { ROMA_TOKEN: "t" }, /--retries must be a whole number/],
  ])("%s → exit 2", async (_, args, env, message) => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const { code, stdout, stderr } = await cli(args, { env, fetch });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    oneLine(stderr);
    expect(calls).toHaveLength(0);
  });

  it("an API error → exit 3 with status, code and request id on one line", async () => {
    const { fetch } = fakeFetch(() => json({ error_code: "FDI.3083", error_msg: "no\nplan" }, 404, { "x-request-id": "rid-9" }));
    const { code, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(3);
    expect(stderr).toMatch(/HTTP 404 FDI\.3083: no plan \(request id rid-9\)/);
    oneLine(stderr);
  });

  // What README and --help promise: an API error line shows the request URL
  // (endpoint and IDs, which are not secret), never the credentials.
  it("an API error shows the request URL with its IDs, and no credential", async () => {
    const { fetch } = fakeFetch(() => json({ error_code: "APIGW.0301", error_msg: "bad" }, 401));
    const { code, stderr } = await cli(SHOW, { fetch, env: { ROMA_TOKEN: "secret-token-0123456789" } });
    expect(code).toBe(3);
    expect(stderr).toContain(`GET https://roma.example.test/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId} failed with HTTP 401`);
    expect(stderr).not.toContain("secret-token-0123456789");
  });

  it("--help states exactly what is never printed", async () => {
    const { stdout } = await cli(["--help"]);
    const help = stdout.replace(/\s+/g, " ");
    expect(help).toContain("Secrets (tokens, secret keys) and positional arguments are never printed");
    expect(help).toContain("API and network errors show the request URL");
    expect(help).not.toMatch(/nor are arguments or option values/);
  });

  it("a 2xx that is not a task → exit 3", async () => {
    const { fetch } = fakeFetch(() => new Response("<html>", { status: 200 }));
    const { code, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(3);
    oneLine(stderr);
  });

  it("a network failure → exit 4", async () => {
    const fetch = async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    };
    const { code, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(4);
    expect(stderr).toMatch(/ECONNREFUSED/);
    oneLine(stderr);
  });

  it("a timeout → exit 4", async () => {
    // Hold the requests strongly: undici links a Request's signal to its parent
    // only weakly, so an otherwise unreferenced pending request could be
    // garbage-collected together with its abort listener.
    const pending: Request[] = [];
    const fetch = (request: Request) =>
      new Promise<Response>((_, reject) => {
        pending.push(request);
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    const { code, stderr } = await cli([...SHOW, "--timeout-ms", "50"], { fetch });
    expect(code).toBe(4);
    expect(stderr).toMatch(/timed out after 50 ms/);
    oneLine(stderr);
  });

  it("--help documents commands, options, environment and exit codes", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const text of ["task show", "--instance-id", "--task-id", "--project-id", "--endpoint", "--region", "--json", "ROMA_TOKEN", "Exit codes"]) {
      expect(stdout).toContain(text);
    }
  });
});

describe("roma-fdi with AK/SK", () => {
  const KEYS = { accessKey: "AKCLI0001", secretKey: "cli-Secret/Key+0123456789" };
  let server: VerifyingServer;
  beforeAll(async () => {
    server = await startVerifyingServer(KEYS, pageExample());
  });
  afterAll(() => server.close());
  const args = (endpoint: string) => ["task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", IDS.projectId, "--endpoint", endpoint, "--retries", "0"];

  it("signs with HUAWEICLOUD_SDK_AK/SK (and the security token) from the environment", async () => {
    const { code, stdout } = await cli(args(server.url), {
      env: { HUAWEICLOUD_SDK_AK: KEYS.accessKey, HUAWEICLOUD_SDK_SK: KEYS.secretKey, HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-1" },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("fdi_task_pzy4m5");
    expect(server.seen.at(-1)).toMatchObject({ verified: true, headers: { "x-security-token": "sts-1" } });
  });

  it("signs with --ak/--sk, and a wrong secret is an API error that never shows the secret", async () => {
    const good = await cli([...args(server.url), "--ak", KEYS.accessKey, "--sk", KEYS.secretKey], { env: {} });
    expect(good.code).toBe(0);
    const bad = await cli([...args(server.url), "--ak", KEYS.accessKey, "--sk", "wrong-Secret-987654321"], { env: {} });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/HTTP 401 APIGW\.0301/);
    expect(bad.stdout + bad.stderr).not.toContain("wrong-Secret-987654321");
  });

  it("honours HUAWEICLOUD_SDK_REGION_ROMA_<REGION> for --region (first of the listed endpoints)", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_REGION_ROMA_CN_EAST_3", `${server.url}, https://unused.test`);
    try {
      const before = server.seen.length;
      const { code } = await cli(["task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", IDS.projectId, "--region", "cn-east-3"], {
        env: { HUAWEICLOUD_SDK_AK: KEYS.accessKey, HUAWEICLOUD_SDK_SK: KEYS.secretKey },
      });
      expect(code).toBe(0);
      expect(server.seen.length).toBe(before + 1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("the built roma-fdi binary against the Prism mock", () => {
  it("shows the example task (same path as npm start)", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["dist/src/cli/bin.js", "task", "show", "--instance-id", IDS.instanceId, "--task-id", IDS.taskId, "--project-id", IDS.projectId, "--endpoint", inject("prismUrl")],
      { env: { ...process.env, ROMA_TOKEN: "mock-token" } },
    );
    expect(stdout).toContain("fdi_task_pzy4m5");
    expect(stdout).toMatch(/id\s+INT\(11\)\s+→\s+id/);
  });

  it("exits 4 when nothing listens at the endpoint", async () => {
    const run = promisify(execFile)(
      process.execPath,
      ["dist/src/cli/bin.js", "task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", "p", "--endpoint", "http://127.0.0.1:1", "--retries", "0"],
      { env: { ...process.env, ROMA_TOKEN: "mock-token" } },
    );
    await expect(run).rejects.toMatchObject({ code: 4 });
  });
});
