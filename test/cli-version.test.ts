// `roma-fdi --version`: found while checking the packed bin — the flag alone
// printed the help, and the built CLI looked for package.json beside dist/.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../src/cli/args.js";
import { runCli } from "../src/cli/run.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

describe("roma-fdi --version", () => {
  it.each([["--version"], ["-v"]])("%s on its own asks for the version, not the help", (flag) => {
    expect(parseCommand([flag], {})).toEqual({ kind: "version" });
  });

  it("--help wins when both are given", () => {
    expect(parseCommand(["--help", "--version"], {})).toEqual({ kind: "help" });
  });

  it("prints the package's version and exits 0", async () => {
    let out = "";
    let err = "";
    const code = await runCli(["--version"], { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {} });
    expect({ code, out, err }).toEqual({ code: 0, out: `${version}\n`, err: "" });
  });
});
