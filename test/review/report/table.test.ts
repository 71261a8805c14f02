import { describe, expect, it } from "vitest";
import type { StackReview } from "../../../review/model";
import { renderTable, wrap } from "../../../review/report/table";
import { cleanReview, erroredReview, failingReview, packs } from "../../helpers/review-fixtures";

const plain = (reviews: StackReview[], all?: boolean) =>
  renderTable(reviews, { color: false, ...(all === undefined ? {} : { all }) });
const linesOf = (text: string) => text.split("\n");

/** The lines from `first` (exact match) up to the next blank line. */
function block(text: string, first: string): string[] {
  const lines = linesOf(text);
  const start = lines.indexOf(first);
  expect(start, `no line ${JSON.stringify(first)}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf("", start);
  return lines.slice(start, end === -1 ? undefined : end);
}

describe("renderTable, one stack", () => {
  const text = plain([failingReview()]);

  it("heads the stack with resources, packs with versions, config and the placeholder notice", () => {
    expect(linesOf(text).slice(0, 8)).toEqual([
      "=== enclave/aws-dev ===",
      "resources: 14",
      "packs:     encryption 0.1.0, least-privilege 0.1.0, data-protection 0.1.0, awsguard 0.3.1",
      "policies:  10 of 11 policies judged 13 of 13 resources",
      "config:    /work/main/stacks/Pulumi.aws-dev.yaml",
      "notice:    2 secure config values were replaced by placeholders; no key is available offline",
      "           (enclave:dbPassword, enclave:keycloakAdminPassword).",
      "",
    ]);
  });

  it("groups violations by severity, most severe first, with level, policy, resource, message and remediation", () => {
    const lines = linesOf(text);
    expect(lines).toContain("Violations: 5 (3 mandatory, 2 advisory)");
    const order = ["CRITICAL (2)", "HIGH (1)", "MEDIUM (1)", "LOW (1)"].map((h) =>
      lines.indexOf(h),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines.some((l) => l.startsWith("UNSPECIFIED"))).toBe(false);
    expect(block(text, "CRITICAL (2)")).toEqual([
      "CRITICAL (2)",
      "  [mandatory] aws-iam-policy-no-wildcard-actions (least-privilege)",
      '      resource:    aws:iam/policy:Policy "app-policy"',
      '      message:     Statement 0 allows the wildcard action "s3:*" on "*".',
      "      remediation: List the actions the workload calls (for example s3:GetObject and s3:PutObject)",
      "                   instead of s3:* or *.",
      "  [mandatory] kubernetes-rbac-clusterrolebinding-no-cluster-admin (least-privilege)",
      '      resource:    kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding "ops-admin"',
      '      message:     ClusterRoleBinding "ops-admin" grants cluster-admin to Group "ops".',
      "      remediation: Bind a namespaced Role with the verbs the subject needs, or use the kit's",
      "                   break-glass role.",
    ]);
    expect(block(text, "LOW (1)")).toEqual([
      "LOW (1)",
      "  [advisory] aws-cloudwatch-log-group-retention (data-protection)",
      '      resource:    aws:cloudwatch/logGroup:LogGroup "app-logs"',
      "      message:     Log group keeps events for 30 days; at least 365 are required.",
      "      remediation: Set retentionInDays to 365 or more.",
    ]);
  });

  it("marks a finding whose waiver expired", () => {
    expect(block(text, "HIGH (1)").slice(-2)).toEqual([
      "      waiver:      expired 2024-12-31 (Access logs bucket; S3 log delivery could not use a CMK",
      "                   before the migration.)",
    ]);
  });

  it("lists waived findings apart, with justification and expiry", () => {
    expect(block(text, "Waived: 1 (not counted against the verdict)")).toEqual([
      "Waived: 1 (not counted against the verdict)",
      "  [mandatory] pulumi-stateful-resource-protected (data-protection)",
      '      resource:      aws:s3/bucket:Bucket "scratch"',
      '      message:       Resource "scratch" holds data but is not protected; pulumi destroy would delete',
      "                     it.",
      "      justification: Scratch space for thumbnails, rebuilt nightly from the data bucket.",
      "      expires:       2030-06-30",
    ]);
    // The waived finding is not among the violations.
    expect(block(text, "MEDIUM (1)").join("\n")).not.toContain("scratch");
  });

  it("lists expired and unused waivers, and ends with the verdict", () => {
    expect(block(text, "Expired waivers: 1 (their findings count as violations again)")).toEqual([
      "Expired waivers: 1 (their findings count as violations again)",
      '  aws-s3-bucket-encryption-cmk on "logs-bucket", expired 2024-12-31: Access logs bucket; S3 log',
      "  delivery could not use a CMK before the migration.",
    ]);
    expect(
      block(
        text,
        "Unused waivers: 1 (matched no finding; remove them or fix the policy or resource name)",
      ),
    ).toEqual([
      "Unused waivers: 1 (matched no finding; remove them or fix the policy or resource name)",
      '  aws-rds-instance-deletion-protection on "db", expires 2030-01-31: The dev database is recreated',
      "  every sprint.",
    ]);
    expect(text.endsWith("\nVerdict: FAIL: 3 mandatory violations\n")).toBe(true);
    expect(text).not.toContain("Summary");
  });

  it("shows errors with phase and subject, and the ERROR verdict", () => {
    const errored = plain([erroredReview()]);
    expect(block(errored, "Errors: 1")).toEqual([
      "Errors: 1",
      "  [pack awsguard] The pack awsguard (node_modules/@pulumi/awsguard) exited with code 1 before",
      "  answering GetAnalyzerInfo: Cannot find module '@pulumi/aws'. Run npm ci in the repository root and",
      "  review again.",
    ]);
    expect(linesOf(errored)).toContain("Verdict: ERROR: could not be evaluated");
    expect(errored).not.toContain("notice:");
  });

  it("says PASS for a clean stack, and names a run without packs", () => {
    const clean = plain([cleanReview()]);
    expect(linesOf(clean)).toContain("Violations: none");
    expect(clean.endsWith("\nVerdict: PASS\n")).toBe(true);
    expect(plain([cleanReview("bare", { packs: [] })])).toContain(
      "packs:     none (the program ran without policy packs)",
    );
  });

  it("puts stack-level findings without a resource and unspecified severities last", () => {
    const review = cleanReview("dev", {
      violations: [
        {
          pack: "awsguard",
          packVersion: "0.3.1",
          policy: "stack-tags",
          severity: "unspecified",
          enforcementLevel: "advisory",
          message: "The stack has no cost-center tag.",
        },
        failingReview().violations[1]!,
      ],
    });
    const lines = linesOf(plain([review]));
    expect(lines.indexOf("UNSPECIFIED (1)")).toBeGreaterThan(lines.indexOf("CRITICAL (1)"));
    expect(block(plain([review]), "UNSPECIFIED (1)")).toEqual([
      "UNSPECIFIED (1)",
      "  [advisory] stack-tags (awsguard)",
      "      resource: (stack)",
      "      message:  The stack has no cost-center tag.",
    ]);
  });
});

describe("renderTable, several stacks", () => {
  const reviews = [failingReview(), cleanReview(), erroredReview()];

  it("ends with a summary table and the overall verdict", () => {
    const text = plain(reviews);
    expect(linesOf(text).slice(-8, -1)).toEqual([
      "Summary",
      "STACK        RESOURCES  MANDATORY  ADVISORY  WAIVED  VERDICT",
      "aws-dev             14          3         2       1  FAIL: 3 mandatory violations",
      "aws-prod            14          0         0       0  PASS",
      "aws-staging         14          0         0       0  ERROR: could not be evaluated",
      "",
      "Overall: ERROR (2 of 3 stacks not passing)",
    ]);
    for (const stack of ["aws-dev", "aws-prod", "aws-staging"]) {
      expect(linesOf(text)).toContain(`=== enclave/${stack} ===`);
    }
  });

  it("names stacks with their project when projects differ, and summarises one stack under --all", () => {
    const other = cleanReview("prod", { project: "annotate" });
    expect(linesOf(plain([cleanReview(), other]))).toContain(
      "annotate/prod            14          0         0       0  PASS",
    );
    expect(plain([cleanReview()], true)).toContain("Overall: PASS (0 of 1 stack not passing)");
  });
});

describe("renderTable, terminal safety", () => {
  const reviews = [failingReview(), cleanReview(), erroredReview()];

  it("stays within 100 columns and has no escape codes without colour", () => {
    const text = plain(reviews);
    expect(linesOf(text).filter((l) => l.length > 100)).toEqual([]);
    expect(text).not.toContain("\u001b");
  });

  it("colours severities and verdicts when asked, with the same text underneath", () => {
    const coloured = renderTable(reviews, { color: true });
    expect(coloured).toContain("\u001b[1;31mCRITICAL (2)\u001b[0m");
    expect(coloured).toContain("\u001b[33mMEDIUM (1)\u001b[0m");
    expect(coloured).toContain("Verdict: \u001b[1;31mFAIL: 3 mandatory violations\u001b[0m");
    expect(coloured).toContain("Verdict: \u001b[1;32mPASS\u001b[0m");

    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain(reviews));
  });

  it("keeps a pack's control characters off the terminal", () => {
    const v = {
      ...failingReview().violations[1]!,
      message: "evil\u001b[2J\u0007 text\r\nsecond line",
    };
    const text = plain([cleanReview("dev", { violations: [v] })]);
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
    expect(block(text, "CRITICAL (1)").slice(3, 5)).toEqual([
      "      message:     evil [2J text",
      "                   second line",
    ]);
  });

  it("wraps words and gives an over-long word (a URN) its own line", () => {
    expect(wrap("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    const urn = "urn:pulumi:dev::enclave::aws:s3/bucket:Bucket::data";
    expect(wrap(`see ${urn} now`, 20)).toEqual(["see", urn, "now"]);
  });
});

it("fixture packs carry remediation for every policy (the report shows it)", () => {
  expect(
    packs()
      .flatMap((p) => p.policies)
      .filter((p) => !p.remediation),
  ).toEqual([]);
});
