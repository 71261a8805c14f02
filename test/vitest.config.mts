import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each file sets its own Pulumi mocks; the runtime is process-global, so files run in
    // separate forks and tests inside a file run in order.
    pool: "forks",
    // Two cores: one fork each; the reviewer tests spend much of their time in child processes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
