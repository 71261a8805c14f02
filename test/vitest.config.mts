import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// The policies' fixture suites: pure functions of their inputs (no Pulumi runtime, no mocks, no
// child process). The pack build test (build.test.ts) runs the reviewer: it stays a program test.
const POLICY_FIXTURES = "test/policy-packs/**/!(build).test.ts";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    environment: "node",
    pool: "forks",
    // Two cores: one fork each; the reviewer tests spend much of their time in child processes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Before every file: the fixture recorder starts empty and replays the file's cases after its
    // tests (helpers/fixture-recorder.ts), in both projects.
    setupFiles: ["test/helpers/fixture-replay.setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "policies",
          include: [POLICY_FIXTURES],
          // Importing the policy catalog (hundreds of modules) is most of each file's time; these
          // files share a worker's modules instead of importing them again, file after file.
          isolate: false,
          // Before the programs (a group of its own), so its files follow each other in a worker.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "programs",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, POLICY_FIXTURES],
          // Each file sets its own Pulumi mocks; the runtime is process-global, so these files run
          // in separate forks (isolated) and tests inside a file run in order.
          isolate: true,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
