import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests import the package by its name, as users do.
    alias: [
      { find: /^roma-fdi\/msw$/, replacement: fileURLToPath(new URL("./src/msw.ts", import.meta.url)) },
      { find: /^roma-fdi$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/prism.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
