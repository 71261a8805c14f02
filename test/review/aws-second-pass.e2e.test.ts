import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";

/**
 * Issue 16, item 2 (AWS): a program with one insecure shape per new check, reviewed by the offline
 * reviewer with the kit's packs over the analyzer protocol, so each policy sees the proxied
 * arguments the policy server passes (outputs and property dependencies for the stack policies).
 */
const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/programs/aws-second-pass");
const SECURE = path.join(ROOT, "test/fixtures/programs/aws-second-pass-secure");
const PACKS = ["encryption", "least-privilege", "workload-security"].flatMap((pack) => [
  "--policy-pack",
  path.join(ROOT, "policy-packs", pack),
]);

interface Report {
  readonly violations: { policy: string; enforcementLevel: string; urn?: string }[];
  readonly policies: { policy: string; applicable: boolean }[];
  readonly errors: unknown[];
}

async function review(program: string): Promise<{ code: number; report: Report }> {
  const file = path.join(out, "r.json");
  const code = await main(["--program", program, "--stack", "dev", ...PACKS, "--json", file]);
  return { code, report: JSON.parse(fs.readFileSync(file, "utf8")) as Report };
}

/** The new policies and the fixture resource each must flag (twice where two things are wrong). */
const EXPECTED: [policy: string, resource: string][] = [
  ["aws-ecr-repository-configure-lifecycle-policy", "images"],
  ["aws-ecr-repositorypolicy-disallow-public-principal", "images-policy"],
  ["aws-eks-cluster-enforce-network-policy", "eks"],
  ["aws-eks-nodegroup-require-launch-template", "nodes"],
  ["aws-lb-listenerrule-disallow-plain-http", "http-api"],
  ["aws-lb-loadbalancer-configure-desync-mitigation", "alb"],
  ["aws-rds-database-require-tls-parameter-group", "db"],
  ["aws-secretsmanager-secret-enable-rotation", "api-key"],
  ["aws-secretsmanager-secretpolicy-disallow-public-principal", "api-key-policy"], // Principal *
  ["aws-secretsmanager-secretpolicy-disallow-public-principal", "api-key-policy"], // blockPublicPolicy
];
const CHECKS = new Set(EXPECTED.map(([policy]) => policy));

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-aws-second-pass-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(out, { recursive: true, force: true });
});

describe("the second-pass AWS checks through the analyzer protocol", () => {
  it("fire each on the fixture's resource, at mandatory", async () => {
    const { code, report } = await review(PROGRAM);
    expect(code).toBe(1);
    expect(report.errors).toEqual([]);
    const found = report.violations.filter((v) => CHECKS.has(v.policy));
    expect(found.map((v) => [v.policy, v.urn?.split("::").pop()]).sort()).toEqual(
      [...EXPECTED].sort(),
    );
    expect(new Set(found.map((v) => v.enforcementLevel))).toEqual(new Set(["mandatory"]));
  }, 240_000);

  it("judge the secure counterpart and stay silent", async () => {
    const { report } = await review(SECURE);
    expect(report.errors).toEqual([]);
    expect(report.violations.filter((v) => CHECKS.has(v.policy))).toEqual([]);
    const judged = report.policies.filter((p) => CHECKS.has(p.policy) && p.applicable);
    expect(judged.map((p) => p.policy).sort()).toEqual([...CHECKS].sort());
  }, 240_000);
});
