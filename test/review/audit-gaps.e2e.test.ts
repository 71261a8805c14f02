import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";

/**
 * Issue 11, "the packs flag each missing piece in a test program": a program with the data bucket,
 * trail, database, cluster and detector of a stack but none of the audit settings, reviewed by the
 * offline reviewer with the kit's packs over the analyzer protocol, as `pulumi preview` would.
 */
const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/programs/aws-unaudited");

/** The audit policies of issue 11 (item 7) and the resource of the fixture each must flag. */
const EXPECTED: [policy: string, resource: string][] = [
  ["aws-cloudtrail-trail-configure-cmk", "trail"], // trail encryption
  ["aws-cloudtrail-trail-enable-log-validation", "trail"], // trail validation
  ["aws-cloudtrail-trail-require-locked-bucket", "trail"], // log bucket without Object Lock
  ["aws-eks-cluster-require-log-shipping", "eks"], // container logs on the nodes
  ["aws-guardduty-detector-enable-protection", "guardduty"], // no S3 / EKS protection
  ["aws-rds-database-enable-audit-logging", "db"], // the group loads no pgaudit
  ["aws-rds-database-enable-audit-logging", "db"], // the postgresql log is not exported
  ["aws-rds-parametergroup-enable-pgaudit", "params"], // no pgaudit in the group
  ["aws-s3-bucket-require-trail-data-events", "data"], // no trail records the bucket's objects
];
const AUDIT = new Set(EXPECTED.map(([policy]) => policy));

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-audit-gaps-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(out, { recursive: true, force: true });
});

describe("the packs flag every missing audit piece", () => {
  it("fires each audit policy of issue 11 on the fixture's resource, at mandatory", async () => {
    const report = path.join(out, "r.json");
    const code = await main([
      "--program",
      PROGRAM,
      "--stack",
      "dev",
      "--policy-pack",
      path.join(ROOT, "policy-packs/data-protection"),
      "--policy-pack",
      path.join(ROOT, "policy-packs/encryption"),
      "--json",
      report,
    ]);
    expect(code).toBe(1);
    const { violations, errors } = JSON.parse(fs.readFileSync(report, "utf8")) as {
      violations: { policy: string; enforcementLevel: string; urn?: string }[];
      errors: unknown[];
    };
    expect(errors).toEqual([]);
    const audit = violations.filter((v) => AUDIT.has(v.policy));
    expect(audit.map((v) => [v.policy, v.urn?.split("::").pop()]).sort()).toEqual(
      [...EXPECTED].sort(),
    );
    expect(new Set(audit.map((v) => v.enforcementLevel))).toEqual(new Set(["mandatory"]));
  }, 240_000);
});
