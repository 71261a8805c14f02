import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { controlStandings, policyEvidence } from "../../review/evidence";
import type { StackReview } from "../../review/model";
import { renderMarkdown } from "../../review/report/markdown";
import { discoverPacks, runReview } from "../../review/review";

/**
 * Evidence through the real reviewer and the kit's four packs: what a report cites is what the
 * packs' own answers say they judged in that program.
 */
const ROOT = path.resolve(__dirname, "../..");
const review = (program: string, stack: string) =>
  runReview({
    programDir: path.join(ROOT, "test/fixtures/programs", program),
    stacks: { kind: "stack", name: stack },
    packDirs: discoverPacks(),
    awsAccountId: "123456789012",
    organization: "organization",
    today: "2026-01-01",
  }).then((r) => r[0]!);

let awsOnly: StackReview;
let insecure: StackReview;
beforeAll(async () => {
  // refs: a KMS key, a bucket and its encryption, a secret: AWS only, no database.
  awsOnly = await review("refs", "dev");
  // aws-insecure: an unrotated key and a public, unencrypted database.
  insecure = await review("aws-insecure", "dev");
}, 240_000);

const statusOf = (r: StackReview, policy: string) =>
  policyEvidence(r).find((e) => e.policy === policy)?.status;
const evidence = (r: StackReview) =>
  controlStandings(r).flatMap((c) =>
    c.status === "evidenced" ? c.policies.filter((p) => p.status === "passed") : [],
  );
const isDatabase = (policy: string) => /^(aws-rds-|gcp-sql-)/.test(policy);

describe("evidence that counts only what ran", () => {
  it("an AWS-only stack's report cites no GCP or Kubernetes policy as evidence", () => {
    expect(awsOnly.errors).toEqual([]);
    const cited = evidence(awsOnly).map((p) => p.policy);
    expect(cited).toContain("aws-kms-key-enable-rotation");
    // pulumi-* policies judge resource options of any provider: they judged the key and bucket.
    expect(cited.filter((p) => !/^(aws|pulumi)-/.test(p))).toEqual([]);
    for (const e of policyEvidence(awsOnly).filter((p) => /^(gcp|kubernetes)-/.test(p.policy))) {
      expect([e.policy, e.status, e.resourcesJudged]).toEqual([e.policy, "not applicable", 0]);
    }
    // The Markdown rows name no such policy either (they are listed once, as judging nothing).
    const rows = renderMarkdown([awsOnly])
      .split("\n")
      .filter((l) => /^\| [A-Z]{2}-\d/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => /`(gcp|kubernetes)-/.test(r))).toEqual([]);
  });

  it("a stack with no database reports the database controls as not evaluated", () => {
    const databaseOnly = controlStandings(awsOnly).filter((c) =>
      c.policies.every((p) => isDatabase(p.policy)),
    );
    expect(databaseOnly.map((c) => c.control)).toContain("CP-6");
    for (const c of databaseOnly) {
      expect([c.control, c.status]).toEqual([c.control, "not evaluated"]);
    }
    expect(
      policyEvidence(awsOnly)
        .filter((p) => isDatabase(p.policy))
        .map((p) => p.status),
    ).toEqual(
      policyEvidence(awsOnly)
        .filter((p) => isDatabase(p.policy))
        .map(() => "not applicable"),
    );
  });

  it("a policy that judged resources and passed is evidence; a failing one fails its control", () => {
    // The unrotated key passes the public-principal check and fails rotation.
    const passed = policyEvidence(insecure).find(
      (e) => e.policy === "aws-kms-key-disallow-public-principal",
    )!;
    expect(passed).toMatchObject({ status: "passed", applicable: true, resourcesJudged: 1 });
    expect(evidence(insecure).map((p) => p.policy)).toContain(
      "aws-kms-key-disallow-public-principal",
    );
    expect(statusOf(insecure, "aws-kms-key-enable-rotation")).toBe("failed");
    expect(statusOf(insecure, "aws-rds-database-disallow-public-access")).toBe("failed");
    const standing = (control: string) =>
      controlStandings(insecure).find((c) => c.control === control)!.status;
    expect(standing("SC-12(1)")).toBe("failing");
    // With a database in the stack, the database policies judged it.
    expect(statusOf(insecure, "aws-rds-database-enable-multi-az")).not.toBe("not applicable");
    expect(statusOf(awsOnly, "aws-rds-database-enable-multi-az")).toBe("not applicable");
  });
});
