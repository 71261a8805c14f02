import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PackProcess } from "../../review/analyzer/process";
import { main } from "../../review/cli";

/**
 * The kit's packs run in the reviewer's own process by default (review/analyzer/inProcess.ts);
 * `--no-pack-cache` starts each from source in its own process through the SDK's runner, over
 * gRPC, exactly as the Pulumi CLI does. Both must find the same, policy by policy.
 *
 * From source, the runner type-checks each pack with ts-node at every start (about 4 s of CPU per
 * pack). So each pack is started from source once, by the reviewer's own startPack, the first time
 * a review asks for it, and later reviews of this file get that same process (configured for
 * their stack by the session, as --all does across stacks; fleet.e2e tests that re-configuration).
 * The reviews' own stop() is deferred to the end of the file.
 */
const started = vi.hoisted(() => ({
  processes: new Map<string, Promise<PackProcess>>(),
  /** The directories startPack was asked for, in order, every call counted. */
  calls: [] as string[],
}));
vi.mock("../../review/analyzer/process", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../review/analyzer/process")>();
  return {
    ...actual,
    startPack: (dir: string): Promise<PackProcess> => {
      started.calls.push(dir);
      let pack = started.processes.get(dir);
      if (!pack) {
        pack = actual.startPack(dir);
        started.processes.set(dir, pack);
      }
      return pack.then((p) => ({ ...p, stop: () => undefined }));
    },
  };
});

const ROOT = path.resolve(__dirname, "../..");
const KIT_PACKS = ["data-protection", "encryption", "least-privilege", "workload-security"].map(
  (p) => path.join(ROOT, "policy-packs", p),
);
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-pack-cache-"));
afterAll(async () => {
  fs.rmSync(out, { recursive: true, force: true });
  for (const pack of started.processes.values()) {
    (await pack.catch(() => undefined))?.stop();
  }
});
beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});

interface Report {
  errors: unknown[];
  packs: { name: string }[];
  violations: Record<string, unknown>[];
  policies?: unknown;
  resources: unknown[];
}

const KYVERNO = path.resolve(ROOT, "../shared/fixtures/kyverno-pss");

const CASES: [string, string[]][] = [
  // One reference stack (from source the packs are slow to start, about 4 s of CPU each); the
  // re-configuration of reused packs across stacks under --all is tested in fleet.e2e (each
  // stack judged under its own levels, in order, at every --jobs).
  ["the aws-prod reference stack", ["--stack", "aws-prod"]],
  [
    "the insecure AWS fixture program",
    ["--program", path.join(ROOT, "test/fixtures/programs/aws-insecure"), "--stack", "dev"],
  ],
  ...(fs.existsSync(KYVERNO)
    ? ([
        [
          "Kyverno's 509 PSS-violating documents",
          ["--program", path.join(ROOT, "test/fixtures/programs/kyverno-pss")],
        ],
      ] as [string, string[]][])
    : []),
];

describe("the kit's packs in the reviewer's process and from source (--no-pack-cache)", () => {
  it.each(CASES)(
    "find the same on %s",
    async (label: string, args: string[]) => {
      const base = [...args, "--as-of", "2026-11-23"];
      const file = (mode: string) => path.join(out, `${label.replace(/\W+/g, "-")}-${mode}.json`);
      started.calls.length = 0;
      const inProcess = await main([...base, "--json", file("in-process")]);
      // The in-process review starts no process for the kit's packs.
      expect(started.calls).toEqual([]);
      const fromSource = await main([...base, "--no-pack-cache", "--json", file("source")]);
      // From source, every kit pack is asked of startPack: its own process, through the runner.
      expect([...started.calls].sort()).toEqual(KIT_PACKS);
      for (const dir of KIT_PACKS) {
        expect((await started.processes.get(dir))!.pid).toBeGreaterThan(0);
      }
      const read = (mode: string): Report[] => {
        const report = JSON.parse(fs.readFileSync(file(mode), "utf8")) as Report & {
          stacks?: Report[];
        };
        return report.stacks ?? [report];
      };
      const all = read("in-process");
      const source = read("source");
      // Errors first: they say why an exit code differs (e.g. a pack that did not start in time).
      expect(source.flatMap((r) => r.errors)).toEqual([]);
      expect(all.flatMap((r) => r.errors)).toEqual([]);
      expect(inProcess).toBe(fromSource);
      expect(all.length).toBe(1);
      expect(source.length).toBe(all.length);
      all.forEach((a, i) => same(a, source[i]!));
    },
    240_000,
  );
});

function same(a: Report, b: Report): void {
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(a.packs.map((p) => p.name)).toEqual([
    "enclave-data-protection",
    "enclave-encryption",
    "enclave-least-privilege",
    "enclave-workload-security",
  ]);
  expect(a.resources.length).toBeGreaterThan(0);
  const sorted = (r: Report) => r.violations.map((v) => JSON.stringify(v)).sort();
  expect(sorted(a)).toEqual(sorted(b));
  expect(a.policies).toEqual(b.policies);
  expect(a.packs).toEqual(b.packs);
}
