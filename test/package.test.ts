// The package as users get it: `npm pack` of the built dist/ (npm test builds
// it just before vitest), checked by publint and arethetypeswrong, then
// installed into a throw-away project that type-checks, runs, requires and
// executes it. Packing uses --ignore-scripts so this file never rebuilds dist/
// while other test files may be reading it.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/consumer", import.meta.url));
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const ATTW = join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js");
const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit (the tests assert the code). */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/**
 * The environment for nested npm and node runs: `npm test` exports its own
 * settings (npm_config_local_prefix and friends) which would point a nested
 * `npm install` back at this repository; only the cache location is kept.
 */
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_registry"]);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.has(key.toLowerCase())));
}

const node = (args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv) => run(process.execPath, args, cwd, env);

/** Fails with the command's output when it did not exit 0, so a failure explains itself. */
function expectSuccess(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

/**
 * What the tarball must hold, derived from the sources so a new module needs
 * no edit here while anything else (tests, scripts, the spec tree, configs,
 * stray build output) makes the comparison fail:
 * - for each hand-written or generated TypeScript module, its compiled `.js`
 *   with its source map, and its `.d.ts`. The maps carry the TypeScript source
 *   inline (`inlineSources`), so debuggers and `node --enable-source-maps`
 *   show the real code without the `.ts` files in the package. Those are left
 *   out on purpose: a raw `generated/index.ts` at the package's
 *   `generated/` path is what resolvers that ignore `exports` (TypeScript's
 *   node10) would load for `roma-fdi/generated`, compiling our sources under
 *   the user's settings. With no `.ts` shipped, declaration maps would point
 *   nowhere, so there are none: "Go to definition" lands on the `.d.ts`, which
 *   keeps every doc comment.
 * - the generated schema types, the bundled spec as JSON and YAML, and the
 *   provenance stamp (spec hash and generator versions);
 * - README, LICENSE, CHANGELOG and package.json.
 */
async function expectedPackContents(): Promise<string[]> {
  const modules = [...(await listFiles("src")), ...(await listFiles("generated"))].filter(
    (path) => path.endsWith(".ts") && !path.endsWith(".d.ts"),
  );
  const files = modules.flatMap((path) => {
    const out = `dist/${path.slice(0, -".ts".length)}`;
    return [`${out}.js`, `${out}.js.map`, `${out}.d.ts`];
  });
  files.push(
    "dist/generated/schema.d.ts",
    "generated/openapi.json",
    "generated/openapi.yaml",
    "generated/STAMP.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "package.json",
  );
  return files.sort();
}

let work = "";
let tarball = "";
let packed: string[] = [];
let consumer = "";
let install: RunResult;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "roma-fdi-package-"));
  const pack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT);
  expectSuccess(pack, "npm pack");
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package:\n${pack.stdout}`);
  tarball = join(work, info.filename);
  packed = info.files.map((file) => file.path).sort();

  consumer = join(work, "consumer");
  await cp(FIXTURE, consumer, { recursive: true });
  const base = {
    target: "ES2022",
    lib: ["ES2023"],
    types: ["node"],
    // The project's @types/node, rather than another install from the registry.
    typeRoots: [join(ROOT, "node_modules/@types")],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
  };
  const tsconfig = (options: Record<string, unknown>) => `${JSON.stringify({ compilerOptions: { ...base, ...options }, files: ["main.ts"] }, null, 2)}\n`;
  await writeFile(join(consumer, "tsconfig.bundler.json"), tsconfig({ module: "preserve", moduleResolution: "bundler", noEmit: true }));
  await writeFile(join(consumer, "tsconfig.node16.json"), tsconfig({ module: "node16", moduleResolution: "node16", outDir: "out" }));
  // openapi-fetch is already in the npm cache (npm ci put it there); the registry is asked only if it is not.
  install = await run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--no-update-notifier"], consumer);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("packs exactly the compiled modules with their maps and sources, the spec, the stamp and the documents", async () => {
    expect(packed).toEqual(await expectedPackContents());
  });

  it("ships source maps that carry the exact TypeScript they were built from", async () => {
    const maps = packed.filter((path) => path.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const installed = join(consumer, "node_modules/roma-fdi", map);
      const { sources, sourcesContent } = JSON.parse(await readFile(installed, "utf8")) as { sources: string[]; sourcesContent?: string[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      for (const [index, source] of sources.entries()) {
        const original = join(ROOT, dirname(map), source);
        expect(sourcesContent?.[index], `${map} -> ${source}`).toBe(await readFile(original, "utf8"));
      }
    }
  });

  it("packs every file the exports map and bin point at", () => {
    const targets = [
      ...Object.values(pkg.exports).flatMap((value) => (typeof value === "string" ? [value] : Object.values(value as Record<string, string>))),
      ...Object.values(pkg.bin),
    ];
    for (const target of targets) expect(packed, target).toContain(target.replace(/^\.\//, ""));
  });

  it("has openapi-fetch as its one runtime dependency and no install scripts", () => {
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
    expect(Object.keys(pkg.scripts).filter((name) => /^(pre|post)?install$/.test(name))).toEqual([]);
  });

  it("passes publint with every level of message, warnings counted as errors", async () => {
    const bytes = await readFile(tarball);
    const { messages } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: "suggestion",
      strict: true,
    });
    expect(messages).toEqual([]);
  });

  it("passes arethetypeswrong under the ESM-only profile", async () => {
    // openapi.yaml is a data file read through its path (import.meta.resolve,
    // require.resolve); no module system imports YAML, so it has no types to check.
    // The consumer tests below resolve it for real.
    const result = await node([ATTW, tarball, "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "--format", "table-flipped"], ROOT);
    expectSuccess(result, "attw");
    expect(result.stdout).toContain('"roma-fdi/generated"');
  });
});

describe("installed from the tarball into a clean project", () => {
  it("installs with openapi-fetch as its only dependency tree", async () => {
    expectSuccess(install, "npm install");
    const installed = (await readdir(join(consumer, "node_modules"))).filter((name) => !name.startsWith("."));
    expect(installed.sort()).toEqual(["openapi-fetch", "openapi-typescript-helpers", "roma-fdi"]);
  });

  it.each(["bundler", "node16"])("type-checks a program under moduleResolution %s", async (resolution) => {
    const result = await node([TSC, "-p", `tsconfig.${resolution}.json`], consumer);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("runs the node16 build of that program against the mock", async () => {
    // Type-checked by the test above; here it only needs emitting.
    const compiled = await node([TSC, "-p", "tsconfig.node16.json", "--noCheck"], consumer);
    expectSuccess(compiled, "tsc");
    const result = await node(["out/main.js", inject("prismUrl")], consumer);
    expectSuccess(result, "main.js");
    const spec = JSON.parse(await readFile(join(ROOT, "generated/openapi.json"), "utf8")) as { info: { title: string } };
    expect(JSON.parse(result.stdout)).toEqual({
      taskName: "fdi_task_pzy4m5",
      mappedColumns: 2,
      notFoundStatus: 404,
      generatedStatus: 200,
      generatedTaskName: "fdi_task_pzy4m5",
      regions: (await import("roma-fdi")).REGIONS.length,
      specTitle: spec.info.title,
      yamlFirstLine: "# Generated by `npm run generate` from openapi/. Do not edit by hand:",
      version: pkg.version,
    });
  });

  it("runs the roma-fdi bin: --help, --version and task show against the mock", async () => {
    const bin = join(consumer, "node_modules/.bin/roma-fdi");
    const help = await run(bin, ["--help"], consumer);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("roma-fdi task show --instance-id ID --task-id ID");

    const version = await run(bin, ["--version"], consumer);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });

    const show = await run(
      bin,
      ["task", "show", "--endpoint", inject("prismUrl"), "--project-id", "p", "--instance-id", "i", "--task-id", "t", "--json"],
      consumer,
      { ...childEnv(), ROMA_TOKEN: "consumer-token" },
    );
    expectSuccess(show, "roma-fdi task show");
    expect(JSON.parse(show.stdout)).toMatchObject({ task: { task_name: "fdi_task_pzy4m5" } });
  });

  it("points stack traces at the TypeScript sources under --enable-source-maps", async () => {
    const program = 'import { parseTaskDetail } from "roma-fdi"; try { parseTaskDetail("[]"); } catch (error) { console.log(error.stack); }';
    const result = await node(["--enable-source-maps", "--input-type=module", "-e", program], consumer);
    expectSuccess(result, "node");
    expect(result.stdout).toMatch(/RomaResponseError: task_detail must hold a JSON object/);
    expect(result.stdout).toMatch(/node_modules\/roma-fdi\/src\/task-detail\.ts:\d+:\d+/);
  });

  // Node.js has loaded ES modules with require() by default since 20.19 and
  // 22.12 (process.features.require_module); the package needs >= 20.19, but
  // the assertion follows the running Node.js rather than assuming it.
  const canRequireEsm = process.features.require_module === true;
  it(
    canRequireEsm
      ? `loads with require() from CommonJS (Node.js ${process.version} supports require(esm))`
      : `fails with ERR_REQUIRE_ESM under require() (Node.js ${process.version} does not support require(esm))`,
    async () => {
      const result = await node(["load.cjs"], consumer);
      if (!canRequireEsm) {
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain("ERR_REQUIRE_ESM");
        return;
      }
      expectSuccess(result, "load.cjs");
      expect(result.stderr).toBe("");
      const loaded = JSON.parse(result.stdout) as { root: string[]; generated: string[]; specTitle: string; yamlPath: string };
      expect(loaded.root).toEqual(Object.keys(await import("roma-fdi")).sort());
      expect(loaded.generated).toEqual(Object.keys(await import("../generated/index.js")).sort());
      expect(loaded.generated).toContain("createGeneratedClient");
      expect(loaded.specTitle).toBe("ROMA Connect data integration (FDI) — query a task");
      expect(relative(consumer, loaded.yamlPath)).toBe(join("node_modules", "roma-fdi", "generated", "openapi.yaml"));
    },
  );
});
