// The two-instance suite (tests/instances): it starts production servers, so it runs after
// `next build`, on its own (scripts/test-all.sh), and not in the ordinary `vitest run`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/instances/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 200_000,
    pool: "forks",
    fileParallelism: false,
  },
});
