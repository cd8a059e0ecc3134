// The library must run in browsers, Deno, Bun and edge workers: outside the
// CLI, src/ may use only web-standard APIs.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== join("src", "cli")) files.push(...(await sourceFiles(path)));
    } else if (path.endsWith(".ts")) files.push(path);
  }
  return files;
}

it("no module of src/ outside src/cli/ imports node: built-ins, Buffer or require", async () => {
  const files = await sourceFiles("src");
  expect(files.length).toBeGreaterThan(5);
  const offenders: string[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    if (/from\s+["']node:|import\(\s*["']node:|\brequire\(|\bBuffer\b|from\s+["'](fs|path|crypto|http|https|os|util)["']/.test(text)) offenders.push(file);
  }
  expect(offenders).toEqual([]);
});
