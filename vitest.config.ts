import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// One copy of graphql for every file, or type-graphql and Apollo see two realms (../shared/design/TOOLCHAIN.md).
const alias = { graphql: require.resolve("graphql") };
const sources = ["packages/*/test", "subgraphs/*/test", "router/test", "scripts/test"];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: sources.map((dir) => `${dir}/**/*.test.ts`),
          exclude: [
            "**/*.int.test.ts",
            "**/*.e2e.test.ts",
            "**/*.load.test.ts",
            "**/*.serial.test.ts",
            "**/node_modules/**",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: sources.map((dir) => `${dir}/**/*.int.test.ts`),
          globalSetup: ["packages/platform/src/testing/globalSetup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["router/test/**/*.e2e.test.ts"],
          globalSetup: ["packages/platform/src/testing/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Load and concurrency cases (a thousand buyers at once, races across instances), and cases that
        // drive heavy real processes (`*.serial.test.ts`: the media server with ffmpeg encoding video):
        // npm test runs them after the others, one file at a time, so they measure the platform, not
        // the suite's other files competing for the same two cores.
        extends: true,
        test: {
          name: "load",
          include: sources.flatMap((dir) => [`${dir}/**/*.load.test.ts`, `${dir}/**/*.serial.test.ts`]),
          globalSetup: ["packages/platform/src/testing/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
