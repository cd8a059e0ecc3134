// What the CLI says when the command line is wrong. Found in review: usage
// errors echoed stray arguments (a secret key given without --sk), a missing
// --token value came out garbled, parseArgs messages spanned several lines,
// and input errors named library options (auth.secretKey) instead of flags.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { createRomaClient, RomaInputError } from "roma-fdi";
import { parseCommand } from "../src/cli/args.js";
import { describeFailure } from "../src/cli/failure.js";
import { exitCodeFor } from "../src/cli/run.js";
import { pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { cli, isOneErrorLine, SHOW } from "./helpers/cli.js";

const SECRET = "s3cr3tVALUE0123456789";
// Library option names that must not reach a CLI user.
const LIBRARY_NAMES = /\b(auth\.\w+|auth|projectId|instanceId|taskId|timeoutMs|options\.\w+)\b/;

/** Runs a command that must fail with exit 2 before anything is sent. */
async function usageFailure(args: readonly string[], env: Record<string, string> = { ROMA_TOKEN: "t" }) {
  const { fetch, calls } = fakeFetch(() => json(pageExample()));
  const result = await cli(args, { env, fetch });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(calls).toHaveLength(0);
  expect(isOneErrorLine(result.stderr), JSON.stringify(result.stderr)).toBe(true);
  expect(result.stderr).not.toMatch(LIBRARY_NAMES);
  return result.stderr;
}

describe("usage errors never echo arguments or option values", () => {
  it.each([
    ["a secret key given without --sk", [...SHOW, "--ak", "AKX", SECRET]],
    ["a token after --", [...SHOW, "--", "--token", SECRET]],
    ["an unknown command word", [SECRET, "show"]],
    ["a value for a flag that takes none", [...SHOW, `--json=${SECRET}`]],
    ["a value for an unknown flag", [...SHOW, `--tokn=${SECRET}`]],
    ["an unknown flag that looks like a value", [...SHOW, `--${SECRET}`]],
    ["a short-option group that looks like a value", [...SHOW, "--ak", "AKX", `-${SECRET}`]],
    ["a region that is not one", ["task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", "p", "--region", SECRET]],
    ["a non-numeric --retries", [...SHOW, "--retries", SECRET]],
    ["a non-numeric --timeout-ms", [...SHOW, `--timeout-ms=${SECRET}`]],
  ])("%s", async (_, args) => {
    const stderr = await usageFailure(args);
    expect(stderr).not.toContain(SECRET);
    expect(stderr).not.toContain(SECRET.slice(1));
  });

  it("an extra argument is reported without its text, with a hint", async () => {
    const stderr = await usageFailure([...SHOW, "--ak", "AKX", SECRET]);
    expect(stderr).toBe('roma-fdi: unexpected argument after "task show" (arguments are not echoed; did a value lose its --flag?) (see roma-fdi --help)\n');
  });

  it("an unknown command is reported without its text", async () => {
    expect(await usageFailure(["tasks", "list"])).toBe('roma-fdi: unknown command; the command is "task show" (see roma-fdi --help)\n');
  });

  it.each([
    [["--token"], "--token needs a value"],
    [["--token", "--json"], "--token needs a value (to give one that starts with '-', write --token=VALUE)"],
    [["--sk"], "--sk needs a value"],
    [["--retries", "-1"], "--retries needs a value (to give one that starts with '-', write --retries=VALUE)"],
    [["--json=yes"], "--json takes no value"],
    [["--nope"], "unknown option --nope"],
    [["--nope=1"], "unknown option --nope"],
    [["-x"], "unknown option -x"],
  ])("%j → %s", async (extra, message) => {
    const stderr = await usageFailure([...SHOW, ...extra]);
    expect(stderr).toBe(`roma-fdi: ${message} (see roma-fdi --help)\n`);
  });

  it("whatever the command line, a usage error holds none of its values (property)", async () => {
    // Values are marked so that they cannot be mistaken for words of a message.
    const value = fc.stringMatching(/^[A-Za-z0-9+/=._-]{6,16}$/).map((text) => `Zq${text}`);
    const flag = fc.constantFrom("--instance-id", "--task-id", "--project-id", "--endpoint", "--region", "--token", "--ak", "--sk", "--json", "--timeout-ms", "--retries", "--", "-x", "-hv");
    const argument = fc.oneof(value, flag, flag.chain((name) => value.map((text) => `${name}=${text}`)), value.map((text) => `-${text}`), value.map((text) => `--${text}`));
    const { fetch } = fakeFetch(() => json(pageExample()));
    await fc.assert(
      fc.asyncProperty(fc.array(argument, { maxLength: 8 }), fc.boolean(), async (extra, withCommand) => {
        const args = withCommand ? ["task", "show", ...extra] : extra;
        const { code, stdout, stderr } = await cli(args, { env: {}, fetch });
        if (code !== 2) return;
        for (const text of args.join(" ").match(/Zq[A-Za-z0-9+/=._-]+/g) ?? []) expect(stdout + stderr).not.toContain(text);
        expect(isOneErrorLine(stderr), stderr).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("an option name that does not look like one is not echoed either", async () => {
    expect(await usageFailure([...SHOW, "--Zm9vYmFyYmF6cXV4"])).toBe("roma-fdi: unknown option (not shown: it does not look like an option name) (see roma-fdi --help)\n");
  });
});

describe("input errors name flags and environment variables", () => {
  const ids = ["task", "show", "--instance-id", "i", "--task-id", "t"];

  it.each([
    ["no endpoint or region", [...ids, "--project-id", "p"], { ROMA_TOKEN: "t" }, "--endpoint or --region is required (or ROMA_ENDPOINT / ROMA_REGION)"],
    ["no project", [...ids, "--endpoint", "https://x.test"], { ROMA_TOKEN: "t" }, "--project-id is required (or ROMA_PROJECT_ID)"],
    ["a dot-segment instance id", ["task", "show", "--instance-id", "..", "--task-id", "t", "--project-id", "p", "--endpoint", "https://x.test"], { ROMA_TOKEN: "t" }, '--instance-id must not be a dot segment ("." or "..")'],
    ["a dot-segment task id", ["task", "show", "--instance-id", "i", "--task-id", ".", "--project-id", "p", "--endpoint", "https://x.test"], { ROMA_TOKEN: "t" }, '--task-id must not be a dot segment ("." or "..")'],
    ["a dot-segment project id from the environment", [...ids, "--endpoint", "https://x.test"], { ROMA_TOKEN: "t", ROMA_PROJECT_ID: ".." }, 'ROMA_PROJECT_ID must not be a dot segment ("." or "..")'],
    ["a bad --endpoint", [...ids, "--project-id", "p", "--endpoint", "ftp://x.test"], { ROMA_TOKEN: "t" }, "--endpoint must be an absolute http(s) URL"],
    ["a bad ROMA_ENDPOINT", [...ids, "--project-id", "p"], { ROMA_TOKEN: "t", ROMA_ENDPOINT: "not a url" }, "ROMA_ENDPOINT must be an absolute http(s) URL"],
    ["a token with a space", [...SHOW, "--token", "a b"], {}, "--token must be printable ASCII without spaces (no CR, LF or other control characters)"],
    ["a token with a newline from the environment", SHOW, { ROMA_TOKEN: "abc\n" }, "ROMA_TOKEN must be printable ASCII without spaces (no CR, LF or other control characters)"],
    ["an access key with a tab", [...SHOW, "--ak", "A\tK", "--sk", "S"], {}, "--ak must be printable ASCII without spaces (no CR, LF or other control characters)"],
    ["a secret key with a space", SHOW, { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "S K" }, "HUAWEICLOUD_SDK_SK must be printable ASCII without spaces (no CR, LF or other control characters)"],
    ["a bad security token", SHOW, { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK", HUAWEICLOUD_SDK_SECURITY_TOKEN: "x y" }, "HUAWEICLOUD_SDK_SECURITY_TOKEN must be printable ASCII without spaces (no CR, LF or other control characters)"],
    ["an access key without a secret key", SHOW, { HUAWEICLOUD_SDK_AK: "AK" }, "an access key needs a secret key: set HUAWEICLOUD_SDK_SK or pass --sk"],
    ["a secret key without an access key", [...SHOW, "--sk", "SK"], {}, "a secret key needs an access key: set HUAWEICLOUD_SDK_AK or pass --ak"],
    ["an empty ROMA_TOKEN", SHOW, { ROMA_TOKEN: "" }, "ROMA_TOKEN must not be empty"],
  ])("%s", async (_, args, env, message) => {
    expect(await usageFailure(args, env)).toBe(`roma-fdi: ${message}\n`);
  });

  it("an unknown region names --region and lists the regions, without echoing the value", async () => {
    const stderr = await usageFailure([...ids, "--project-id", "p", "--region", "mars-1"]);
    expect(stderr).toMatch(/^roma-fdi: --region must be one of [a-z0-9-]+(, [a-z0-9-]+)+ \(or use --endpoint or ROMA_ENDPOINT instead\)\n$/);
    expect(stderr).not.toContain("mars-1");
  });

  it("an unknown ROMA_REGION is named as such", async () => {
    const stderr = await usageFailure([...ids, "--project-id", "p"], { ROMA_TOKEN: "t", ROMA_REGION: "mars-1" });
    expect(stderr).toMatch(/^roma-fdi: ROMA_REGION must be one of [a-z0-9-]+(, [a-z0-9-]+)+ \(or use --endpoint or ROMA_ENDPOINT instead\)\n$/);
  });

  it.each([
    ["--endpoint with user:password@", [...ids, "--project-id", "p", "--endpoint", "http://u:pw@x.test"], { ROMA_TOKEN: "t" }, "--endpoint must not carry credentials (user:password@); give credentials with --token or --ak/--sk (or their variables)"],
    ["ROMA_ENDPOINT with user:password@", [...ids, "--project-id", "p"], { ROMA_TOKEN: "t", ROMA_ENDPOINT: "http://u:pw@x.test" }, "ROMA_ENDPOINT must not carry credentials (user:password@); give credentials with --token or --ak/--sk (or their variables)"],
    ["--endpoint with a query", [...ids, "--project-id", "p", "--endpoint", "http://x.test/?a=1"], { ROMA_TOKEN: "t" }, "--endpoint must not have a query or fragment"],
    ["a project id a signed header cannot carry", [...ids, "--project-id", "项目", "--endpoint", "https://x.test"], { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK" }, "--project-id contains a character an HTTP header cannot carry (CR, LF, NUL or non-Latin-1)"],
  ])("%s", async (_, args, env, message) => {
    expect(await usageFailure(args, env)).toBe(`roma-fdi: ${message}\n`);
  });

  it("a bad regional endpoint override is named by its variable", async () => {
    // The library reads HUAWEICLOUD_SDK_REGION_ROMA_<REGION> from the process environment itself.
    vi.stubEnv("HUAWEICLOUD_SDK_REGION_ROMA_CN_NORTH_4", "nope");
    try {
      expect(await usageFailure([...ids, "--project-id", "p", "--region", "cn-north-4"])).toBe(
        "roma-fdi: HUAWEICLOUD_SDK_REGION_ROMA_CN_NORTH_4 must be an absolute http(s) URL\n",
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("an id that is too long names the flag and the limits", async () => {
    const stderr = await usageFailure(["task", "show", "--instance-id", "i", "--task-id", "t".repeat(300), "--project-id", "p", "--endpoint", "https://x.test"]);
    expect(stderr).toMatch(/^roma-fdi: --task-id must be \d+ to \d+ characters long, got 300\n$/);
  });

  it.each([
    [["--retries", "11"], "--retries must be a whole number from 0 to 10"],
    [["--retries=-1"], "--retries must be a whole number from 0 to 10"],
    [["--retries", "1.5"], "--retries must be a whole number from 0 to 10"],
    [["--retries", ""], "--retries must be a whole number from 0 to 10"],
    [["--timeout-ms", "0"], "--timeout-ms must be a whole number from 1 to 2147483647"],
    [["--timeout-ms", "1e3"], "--timeout-ms must be a whole number from 1 to 2147483647"],
    [["--timeout-ms", "2147483648"], "--timeout-ms must be a whole number from 1 to 2147483647"],
    [["--timeout-ms", " 5"], "--timeout-ms must be a whole number from 1 to 2147483647"],
  ])("%j → %s", async (extra, message) => {
    expect(await usageFailure([...SHOW, ...extra])).toBe(`roma-fdi: ${message} (see roma-fdi --help)\n`);
  });

  it("the limits themselves are accepted", () => {
    expect(parseCommand([...SHOW, "--retries", "10", "--timeout-ms", "1"], { ROMA_TOKEN: "t" })).toMatchObject({ retries: 10, timeoutMs: 1 });
    expect(parseCommand([...SHOW, "--retries=0", "--timeout-ms=2147483647"], { ROMA_TOKEN: "t" })).toMatchObject({ retries: 0, timeoutMs: 2147483647 });
  });
});

// Found in review: `--region mars` ended "(or pass endpoint)", the library's
// wording. Every rule the library can give is collected here from the
// library itself (so a new or reworded rule shows up), and the CLI's line
// for it must name flags and variables only.
describe("library rules, as the CLI words them", () => {
  // Library names, and option words not written as a flag (--endpoint) or a variable (ROMA_ENDPOINT).
  const LIBRARY_WORDING = /\b(auth(\.\w+)?|projectId|instanceId|taskId|timeoutMs|accessKey|secretKey|securityToken|maxRetryDelayMs|retryBaseDelayMs|options(\.\w+)?|params|headers|signal|fetch)\b|\{ token \}|(?<![-\w])(endpoint|region|token|retries)\b/;
  const neverCalled = async (): Promise<Response> => {
    throw new Error("must not be called");
  };
  const GOOD = { endpoint: "https://x.test", projectId: "p", auth: { token: "t" }, fetch: neverCalled };

  /** The RomaInputError the library throws for these options, params and call options. */
  async function refusal(options: Record<string, unknown>, params: unknown = { instanceId: "i", taskId: "t" }, call?: unknown): Promise<RomaInputError> {
    try {
      const client = createRomaClient({ ...GOOD, ...options } as never);
      await client.getTask(params as never, call as never);
    } catch (error) {
      if (error instanceof RomaInputError) return error;
      throw error;
    }
    throw new Error("the library accepted it");
  }

  // Settings the CLI passes to the library: each refusal names a flag or a variable, exit 2.
  const SETTINGS: [string, () => Promise<RomaInputError>][] = [
    ["no endpoint or region", () => refusal({ endpoint: undefined })],
    ["an unknown region", () => refusal({ endpoint: undefined, region: "mars" })],
    ["an endpoint that is not a URL", () => refusal({ endpoint: "x" })],
    ["an endpoint of another scheme", () => refusal({ endpoint: "ftp://x.test" })],
    ["an endpoint with user:password@", () => refusal({ endpoint: "https://u:p@x.test" })],
    ["an endpoint with a query", () => refusal({ endpoint: "https://x.test/?q=1" })],
    ["no auth", () => refusal({ auth: undefined })],
    ["an empty auth", () => refusal({ auth: {} })],
    ["both kinds of auth", () => refusal({ auth: { token: "t", accessKey: "a", secretKey: "s" } })],
    ["an empty token", () => refusal({ auth: { token: "" } })],
    ["a token with a space", () => refusal({ auth: { token: "a b" } })],
    ["a token that is not text", () => refusal({ auth: { token: 5 } })],
    ["a bad access key", () => refusal({ auth: { accessKey: "a b", secretKey: "s" } })],
    ["a missing secret key", () => refusal({ auth: { accessKey: "a" } })],
    ["a bad security token", () => refusal({ auth: { accessKey: "a", secretKey: "s", securityToken: "" } })],
    ["a security token with a token", () => refusal({ auth: { token: "t", securityToken: "s" } })],
    ["no project", () => refusal({ projectId: undefined })],
    ["a dot-segment project", () => refusal({ projectId: ".." })],
    ["a project with a control character", () => refusal({ projectId: "p\u0007" })],
    ["a blank project", () => refusal({ projectId: "  " })],
    ["a project with a lone surrogate", () => refusal({ projectId: "p\ud800" })],
    ["a project too long", () => refusal({ projectId: "p".repeat(300) })],
    ["a project a signed header cannot carry", () => refusal({ projectId: "项目", auth: { accessKey: "a", secretKey: "s" } })],
    ["a bad instance id", () => refusal({}, { instanceId: "..", taskId: "t" })],
    ["a task id that is not text", () => refusal({}, { instanceId: "i", taskId: 5 })],
    ["a zero timeout", () => refusal({ timeoutMs: 0 })],
    ["a negative timeout", () => refusal({ timeoutMs: -1 })],
    ["too many retries", () => refusal({ retries: 99 })],
  ];

  it.each(SETTINGS)("%s", async (_, make) => {
    const error = await make();
    const line = describeFailure(error);
    expect(line, line).not.toMatch(LIBRARY_WORDING);
    expect(line).toMatch(/^roma-fdi: (--[a-z-]+|[A-Z][A-Z0-9_]+|credentials|give --token)/);
    expect(exitCodeFor(error)).toBe(2);
  });

  it("a setting's name follows where its value came from", async () => {
    const error = await refusal({ endpoint: undefined, region: "mars" });
    expect(describeFailure(error, { sources: { region: "ROMA_REGION" } })).toMatch(/^roma-fdi: ROMA_REGION must be one of .* \(or use --endpoint or ROMA_ENDPOINT instead\)\n$/);
  });

  // Options the CLI never sets: a refusal of one is a bug in the CLI (exit 1), and says so.
  it.each<[string, () => Promise<RomaInputError>]>([
    ["headers", () => refusal({ headers: { "bad name": "x" } })],
    ["a header value", () => refusal({ headers: { "X-A": "\n" } })],
    ["fetch", () => refusal({ fetch: 5 })],
    ["maxRetryDelayMs", () => refusal({ maxRetryDelayMs: -1 })],
    ["the call's signal", () => refusal({}, undefined, { signal: 5 })],
    ["the call's timeoutMs", () => refusal({}, undefined, { timeoutMs: 0 })],
    ["params", () => refusal({}, null)],
    ["the call's options", () => refusal({}, undefined, null)],
  ])("%s", async (_, make) => {
    const error = await make();
    expect(describeFailure(error)).toMatch(/^roma-fdi: unexpected error \(a bug: please report it\): the client refused /);
    expect(exitCodeFor(error)).toBe(1);
  });
});
