import { defineConfig } from "vitest/config";
import * as path from "path";

export default defineConfig({
  root: path.resolve(__dirname, ".."),
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each file sets its own Pulumi mocks; the runtime is process-global, so files run in
    // separate forks and tests inside a file run in order.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
