// Which credentials `roma-fdi task show` uses. Found in review: an explicit
// --token was silently overridden by HUAWEICLOUD_SDK_AK/SK in the
// environment. The rule: flags first (--token, or --ak/--sk; never both),
// then the environment, where HUAWEICLOUD_SDK_AK/SK win over ROMA_TOKEN.
import { describe, expect, it } from "vitest";
import { HELP } from "../src/cli/args.js";
import { pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { cli, isOneErrorLine, SHOW } from "./helpers/cli.js";

const FLAG_TOKEN = ["--token", "flag-token"];
const FLAG_KEYS = ["--ak", "FLAGAK", "--sk", "flag-secret-key"];
const ENV_TOKEN = { ROMA_TOKEN: "env-token" };
const ENV_KEYS = { HUAWEICLOUD_SDK_AK: "ENVAK", HUAWEICLOUD_SDK_SK: "env-secret-key" };

/** What a request carried: the token, or the access key named in the signature. */
type Sent = { token: string } | { accessKey: string; securityToken?: string } | { error: string };

async function sentWith(args: readonly string[], env: Record<string, string>): Promise<Sent> {
  const { fetch, calls } = fakeFetch(() => json(pageExample()));
  const { code, stdout, stderr } = await cli([...SHOW, ...args], { env, fetch });
  if (code !== 0) {
    expect({ code, stdout, calls: calls.length }).toEqual({ code: 2, stdout: "", calls: 0 });
    expect(isOneErrorLine(stderr), stderr).toBe(true);
    return { error: stderr.slice("roma-fdi: ".length, -1) };
  }
  const headers = calls[0]?.headers;
  const token = headers?.get("x-auth-token");
  const authorization = headers?.get("authorization");
  expect(token === null || authorization === null, "never both a token and a signature").toBe(true);
  if (token) return { token };
  const accessKey = /\bAccess=([^,\s]+)/.exec(authorization ?? "")?.[1] ?? "(none)";
  const securityToken = headers?.get("x-security-token");
  return securityToken ? { accessKey, securityToken } : { accessKey };
}

describe("credential precedence: every combination of flags and variables", () => {
  const combinations: [flagToken: boolean, flagKeys: boolean, envToken: boolean, envKeys: boolean][] = [];
  for (let bits = 0; bits < 16; bits++) combinations.push([!!(bits & 8), !!(bits & 4), !!(bits & 2), !!(bits & 1)]);

  /** The rule, written out independently of the implementation. */
  function expected([flagToken, flagKeys, envToken, envKeys]: (typeof combinations)[number]): Sent {
    if (flagToken && flagKeys) return { error: "give --token or --ak/--sk, not both (see roma-fdi --help)" };
    if (flagToken) return { token: "flag-token" };
    if (flagKeys) return { accessKey: "FLAGAK" };
    if (envKeys) return { accessKey: "ENVAK" };
    if (envToken) return { token: "env-token" };
    return {
      error: "credentials are required: set ROMA_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or pass --token, or --ak and --sk)",
    };
  }

  it.each(combinations)("--token %s, --ak/--sk %s, ROMA_TOKEN %s, HUAWEICLOUD_SDK_AK/SK %s", async (...combination) => {
    const [flagToken, flagKeys, envToken, envKeys] = combination;
    const args = [...(flagToken ? FLAG_TOKEN : []), ...(flagKeys ? FLAG_KEYS : [])];
    const env = { ...(envToken ? ENV_TOKEN : {}), ...(envKeys ? ENV_KEYS : {}) };
    expect(await sentWith(args, env)).toEqual(expected(combination));
  });
});

describe("credential precedence: partial settings", () => {
  it.each<[string, string[], Record<string, string>, Sent]>([
    ["--token with --sk alone", ["--token", "t0ken", "--sk", "s"], {}, { error: "give --token or --ak/--sk, not both (see roma-fdi --help)" }],
    ["--token with --ak alone", ["--token", "t0ken", "--ak", "A"], ENV_KEYS, { error: "give --token or --ak/--sk, not both (see roma-fdi --help)" }],
    // The access key is not secret: it may come from a flag, the secret key from the environment.
    ["--ak with HUAWEICLOUD_SDK_SK", ["--ak", "FLAGAK"], { HUAWEICLOUD_SDK_SK: "env-secret-key" }, { accessKey: "FLAGAK" }],
    ["--sk with HUAWEICLOUD_SDK_AK", ["--sk", "flag-secret-key"], { HUAWEICLOUD_SDK_AK: "ENVAK", ...ENV_TOKEN }, { accessKey: "ENVAK" }],
    ["--ak with only ROMA_TOKEN", ["--ak", "FLAGAK"], ENV_TOKEN, { error: "an access key needs a secret key: set HUAWEICLOUD_SDK_SK or pass --sk" }],
    // An incomplete pair in the environment is an error, not a silent fall-back to ROMA_TOKEN.
    ["HUAWEICLOUD_SDK_AK alone with ROMA_TOKEN", [], { HUAWEICLOUD_SDK_AK: "ENVAK", ...ENV_TOKEN }, { error: "an access key needs a secret key: set HUAWEICLOUD_SDK_SK or pass --sk" }],
    ["HUAWEICLOUD_SDK_SK alone with ROMA_TOKEN", [], { HUAWEICLOUD_SDK_SK: "s", ...ENV_TOKEN }, { error: "a secret key needs an access key: set HUAWEICLOUD_SDK_AK or pass --ak" }],
    ["an empty HUAWEICLOUD_SDK_AK with ROMA_TOKEN", [], { HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "s", ...ENV_TOKEN }, { error: "HUAWEICLOUD_SDK_AK must not be empty" }],
    // The security token goes with whichever AK/SK pair is used, and never with a token.
    ["the security token with HUAWEICLOUD_SDK_AK/SK", [], { ...ENV_KEYS, HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-1" }, { accessKey: "ENVAK", securityToken: "sts-1" }],
    ["the security token with --ak/--sk", FLAG_KEYS, { HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-1" }, { accessKey: "FLAGAK", securityToken: "sts-1" }],
    ["the security token with --token", FLAG_TOKEN, { ...ENV_KEYS, HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-1" }, { token: "flag-token" }],
    ["the security token with ROMA_TOKEN alone", [], { ...ENV_TOKEN, HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-1" }, { token: "env-token" }],
  ])("%s", async (_, args, env, sent) => {
    expect(await sentWith(args, env)).toEqual(sent);
  });

  it("a bad value is named by where the used credential came from", async () => {
    expect(await sentWith(["--token", "a b"], ENV_TOKEN)).toEqual({ error: "--token must be printable ASCII without spaces (no CR, LF or other control characters)" });
    expect(await sentWith([], { ROMA_TOKEN: "a b" })).toEqual({ error: "ROMA_TOKEN must be printable ASCII without spaces (no CR, LF or other control characters)" });
    // ROMA_TOKEN is not used when --ak/--sk are given, so its bad value does not matter.
    expect(await sentWith(FLAG_KEYS, { ROMA_TOKEN: "a b" })).toEqual({ accessKey: "FLAGAK" });
  });

  it("--help states the order", () => {
    const help = HELP.replace(/\s+/g, " ");
    expect(help).toContain("Flags win over the environment");
    expect(help).toContain("HUAWEICLOUD_SDK_AK/SK win over ROMA_TOKEN");
    expect(help).toContain("--token or --ak/--sk, not both");
  });
});
