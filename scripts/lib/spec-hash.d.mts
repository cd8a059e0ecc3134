// Types of spec-hash.mjs for the TypeScript tests that import it.
/** `sha256:<hex>` over every file under `root`/openapi (default: the repository root). */
export function hashSpecTree(root?: string): Promise<string>;
