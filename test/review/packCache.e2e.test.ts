import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";

/**
 * The kit's packs run in the reviewer's own process by default (review/analyzer/inProcess.ts);
 * `--no-pack-cache` starts each from source in its own process through the SDK's runner, over
 * gRPC, exactly as the Pulumi CLI does. Both must find the same, policy by policy.
 */
const ROOT = path.resolve(__dirname, "../..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-pack-cache-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
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
      const inProcess = await main([...base, "--json", file("in-process")]);
      const fromSource = await main([...base, "--no-pack-cache", "--json", file("source")]);
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
