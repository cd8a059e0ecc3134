// The public API is documented where users look: a doc comment on every
// export and on every option or member they can touch (what editors show on
// hover), and a mention of every export in the README's "## API" section.
// Export names come from the TypeScript compiler (values and types alike) and
// from the modules as loaded at run time.
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Each entry point of the exports map that is a module, with its source. */
const ENTRY_POINTS = [
  { specifier: "roma-fdi", source: "src/index.ts", built: "dist/src/index.d.ts", load: () => import("roma-fdi") },
  { specifier: "roma-fdi/generated", source: "generated/index.ts", built: "dist/generated/index.d.ts", load: () => import("../generated/index.js") },
  { specifier: "roma-fdi/msw", source: "src/msw.ts", built: "dist/src/msw.d.ts", load: () => import("../src/msw.js") },
] as const;

const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
const program = ts.createProgram(
  ENTRY_POINTS.map((entry) => join(ROOT, entry.source)),
  options,
);
const checker = program.getTypeChecker();

function exportsOf(source: string, from: ts.Program = program): ts.Symbol[] {
  const file = from.getSourceFile(join(ROOT, source));
  const moduleSymbol = file && from.getTypeChecker().getSymbolAtLocation(file);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${source}${source.startsWith("dist/") ? " (npm run build writes it)" : ""}`);
  return from.getTypeChecker().getExportsOfModule(moduleSymbol);
}

const resolve = (symbol: ts.Symbol, by: ts.TypeChecker = checker) => (symbol.flags & ts.SymbolFlags.Alias ? by.getAliasedSymbol(symbol) : symbol);
const docOf = (symbol: ts.Symbol, by: ts.TypeChecker = checker) => ts.displayPartsToString(symbol.getDocumentationComment(by)).trim();

/** Whether a declaration is our own hand-written code (src/ or the generated client), not a library's. */
function isOurs(declaration: ts.Declaration): boolean {
  const path = relative(ROOT, declaration.getSourceFile().fileName).split(sep).join("/");
  return path.startsWith("src/") || (path.startsWith("generated/") && !path.endsWith(".d.ts"));
}

/**
 * Members users set or read — options, fields, methods — of an exported
 * interface, class or object type written in this repository. Members that
 * come from libraries (Error's `message`, String's methods) are not ours to
 * document. A member may inherit its doc comment from the type it
 * implements or overrides; editors show that one too.
 */
function undocumentedMembers(symbol: ts.Symbol): string[] {
  if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias))) return [];
  if (!symbol.declarations?.some(isOurs)) return [];
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return checker
    .getPropertiesOfType(type)
    .filter((member) => member.declarations?.some(isOurs) && docOf(member) === "")
    .map((member) => `${symbol.name}.${member.name}`);
}

/** Identifiers written as code (inline or fenced) in the README's "## API" section. */
async function namesInReadmeApiSection(): Promise<Set<string>> {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const start = readme.search(/^## API$/m);
  if (start < 0) throw new Error('README.md has no "## API" section');
  const rest = readme.slice(start + "## API".length);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const code = [...section.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`/g)].map((match) => match[1] ?? match[2] ?? "");
  return new Set(code.flatMap((text) => text.match(/[$A-Za-z_][$\w]*/g) ?? []));
}

describe.each(ENTRY_POINTS)("$specifier", ({ source, built, load }) => {
  const exported = exportsOf(source);

  it("exports something, and every run-time export is also known to the type checker", async () => {
    expect(exported.length).toBeGreaterThan(0);
    const names = exported.map((symbol) => symbol.name);
    for (const key of Object.keys(await load())) expect(names).toContain(key);
  });

  it("has a doc comment on every export", () => {
    expect(exported.filter((symbol) => docOf(resolve(symbol)) === "").map((symbol) => symbol.name)).toEqual([]);
  });

  it("has a doc comment on every option, field and method of its exported types", () => {
    expect(exported.flatMap((symbol) => undocumentedMembers(resolve(symbol)))).toEqual([]);
  });

  it("keeps every doc comment in the built declarations users' editors read", () => {
    const dist = ts.createProgram([join(ROOT, built)], options);
    // A {@link} whose target the declaration file does not import prints as "{@link X }".
    const docs = (symbols: ts.Symbol[], by: ts.TypeChecker) =>
      Object.fromEntries(symbols.map((symbol) => [symbol.name, docOf(resolve(symbol, by), by).replace(/\{@link (\S+) \}/g, "{@link $1}")]));
    expect(docs(exportsOf(built, dist), dist.getTypeChecker())).toEqual(docs(exported, checker));
  });

  it('is listed in full in the README\'s "## API" section', async () => {
    const mentioned = await namesInReadmeApiSection();
    const names = new Set([...exported.map((symbol) => symbol.name), ...Object.keys(await load())]);
    expect([...names].filter((name) => !mentioned.has(name)).sort()).toEqual([]);
  });
});
