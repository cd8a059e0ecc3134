// What the CLI says when the command line is wrong. Found in review: usage
// errors echoed stray arguments (a secret key given without --sk), a missing
// --token value came out garbled, parseArgs messages spanned several lines,
// and input errors named library options (auth.secretKey) instead of flags.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../src/cli/args.js";
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
    expect(stderr).toMatch(/^roma-fdi: --region must be one of [a-z0-9-]+(, [a-z0-9-]+)+ \(or pass endpoint\)\n$/);
    expect(stderr).not.toContain("mars-1");
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
