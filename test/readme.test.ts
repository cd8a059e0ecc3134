// Runs the README's code example, unchanged, against the Prism mock: only the
// network is redirected (the example talks to the real cn-north-4 endpoint).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { afterEach, expect, inject, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

it("the README example prints the example task and its column mapping", async () => {
  const readme = await readFile("README.md", "utf8");
  const block = /<!-- readme-example[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, "README must contain the marked ts example").toBeTruthy();
  await mkdir("test/artifacts", { recursive: true });
  const file = `test/artifacts/readme-example-${process.pid}.ts`;
  await writeFile(file, block ?? "");

  const realFetch = globalThis.fetch;
  const seenHosts: string[] = [];
  vi.stubGlobal("fetch", (input: Request) => {
    const url = new URL(input.url);
    seenHosts.push(url.host);
    return realFetch(new Request(inject("prismUrl") + url.pathname + url.search, input));
  });
  vi.stubEnv("ROMA_TOKEN", "readme-token");
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(`ERROR ${args.join(" ")}`));

  await import(/* @vite-ignore */ `../${file}`);

  expect(seenHosts).toEqual(["roma.cn-north-4.myhuaweicloud.com"]);
  expect(printed).toEqual(["fdi_task_pzy4m5 stop", "id -> id", "name -> name"]);
});
