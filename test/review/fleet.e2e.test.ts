import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";
import { jsFixturePack } from "../helpers/js-pack";
import type { StackReview } from "../../review/model";
import { progressLine } from "../../review/report/progress";

const ROOT = path.resolve(__dirname, "../..");
const fixture = (...p: string[]) => path.join(ROOT, "test/fixtures", ...p);
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-fleet-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

interface Stack {
  stack: string;
  errors: { phase: string }[];
  violations: { policy: string; enforcementLevel: string; message: string }[];
}

describe("--all over a fleet", () => {
  it.each([["0"], ["-1"], ["1.5"], ["two"]])("refuses --jobs %s with exit 2", async (n) => {
    expect(await main(["--all", "--jobs", n])).toBe(2);
    expect(stderr).toContain("expected a whole number of stacks at once, 1 or more.");
  });

  it.each([["1"], ["2"]])(
    "with --jobs %s, judges each stack under its own levels and keeps the stacks' order",
    async (jobs) => {
      const file = path.join(out, `jobs-${jobs}.json`);
      const code = await main([
        "--program",
        fixture("programs/two-stacks"),
        "--all",
        "--jobs",
        jobs,
        "--policy-pack",
        jsFixturePack(fixture("packs/basic")),
        "--json",
        file,
      ]);
      expect(code).toBe(2);
      const { stacks } = JSON.parse(fs.readFileSync(file, "utf8")) as { stacks: Stack[] };
      expect(stacks.map((s) => [s.stack, s.errors.map((e) => e.phase)])).toEqual([
        ["a-fails", ["program"]],
        ["b-strict", []],
      ]);
      // The first stack disables the policy; the second raises it to mandatory with maxLength 8.
      expect(stacks[1]!.violations.map((v) => [v.policy, v.enforcementLevel, v.message])).toEqual([
        ["fixture-max-password-length", "mandatory", "Password longer than 8."],
      ]);
    },
  );

  it("writes one progress line per finished stack", () => {
    const review = (stack: string, violations: string[], errors = 0) =>
      ({
        stack,
        violations: violations.map((enforcementLevel) => ({ enforcementLevel })),
        errors: Array.from({ length: errors }, () => ({ phase: "program" })),
      }) as unknown as StackReview;
    expect(progressLine(review("aws-dev", []), 3, 12, 4_140)).toBe(
      "[3/12] aws-dev: 0 mandatory violations (4.1 s)\n",
    );
    expect(progressLine(review("b", ["mandatory", "advisory"]), 1, 2, 950)).toBe(
      "[1/2] b: 1 mandatory violation (0.9 s)\n",
    );
    expect(progressLine(review("c", [], 2), 2, 2, 12_000)).toBe(
      "[2/2] c: ERROR (2 errors) (12.0 s)\n",
    );
  });
});
