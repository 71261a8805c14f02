import { describe, expect, it } from "vitest";
import type { StackReview } from "../../../review/model";
import {
  code,
  controlStandings,
  escapeText,
  renderMarkdown,
} from "../../../review/report/markdown";
import { cleanReview, erroredReview, failingReview } from "../../helpers/review-fixtures";

const linesOf = (text: string) => text.split("\n");

/** The lines from `heading` up to the next heading. */
function section(text: string, heading: string): string[] {
  const lines = linesOf(text);
  const start = lines.indexOf(heading);
  expect(start, `no heading ${JSON.stringify(heading)}`).toBeGreaterThanOrEqual(0);
  const next = lines.findIndex((l, i) => i > start && l.startsWith("#"));
  const body = lines.slice(start, next === -1 ? undefined : next);
  while (body[body.length - 1] === "") {
    body.pop();
  }
  return body;
}

describe("renderMarkdown, one stack", () => {
  const text = renderMarkdown([failingReview()]);

  it("opens with the stack, a plain verdict, counts and the placeholder notice", () => {
    expect(linesOf(text).slice(0, 10)).toEqual([
      "## Policy review: enclave/aws-dev",
      "",
      "**Verdict: FAIL: 3 mandatory violations**",
      "",
      "3 mandatory violations, 2 advisory violations, 1 waived, 0 errors; 14 resources reviewed with " +
        "encryption 0.1.0, least-privilege 0.1.0, data-protection 0.1.0, awsguard 0.3.1.",
      "",
      "10 of 11 policies judged 13 of 13 resources.",
      "",
      "> **Note:** 2 secure config values were replaced by placeholders; no key is available offline " +
        "(`enclave:dbPassword`, `enclave:keycloakAdminPassword`).",
      "",
    ]);
    // Emoji-free: the status is a word.
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it("tables the violations by severity with level, policy, resource and message", () => {
    expect(section(text, "### Violations (5)").slice(0, 9)).toEqual([
      "### Violations (5)",
      "",
      "| Severity | Level | Policy | Resource | Message |",
      "| --- | --- | --- | --- | --- |",
      '| critical | mandatory | `aws-iam-policy-no-wildcard-actions` | `app-policy` (aws:iam/policy:Policy) | Statement 0 allows the wildcard action "s3:\\*" on "\\*". |',
      '| critical | mandatory | `kubernetes-rbac-clusterrolebinding-no-cluster-admin` | `ops-admin` (kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding) | ClusterRoleBinding "ops-admin" grants cluster-admin to Group "ops". |',
      '| high | mandatory | `aws-s3-bucket-encryption-cmk` | `logs-bucket` (aws:s3/bucket:Bucket) | Bucket "logs-bucket" has no server-side encryption configuration with a customer managed key.<br>(waiver expired) |',
      "| medium | advisory | `s3-bucket-logging-enabled` | `data-bucket` (aws:s3/bucket:Bucket) | Bucket logging must be defined. |",
      "| low | advisory | `aws-cloudwatch-log-group-retention` | `app-logs` (aws:cloudwatch/logGroup:LogGroup) | Log group keeps events for 30 days; at least 365 are required. |",
    ]);
    expect(text).toContain(
      "- `aws-cloudwatch-log-group-retention`: Set retentionInDays to 365 or more.",
    );
  });

  it("lists waived findings with justification and expiry, and the waiver problems", () => {
    expect(section(text, "### Waived findings (1)")).toEqual([
      "### Waived findings (1)",
      "",
      "| Severity | Level | Policy | Resource | Justification | Expires |",
      "| --- | --- | --- | --- | --- | --- |",
      "| medium | mandatory | `pulumi-stateful-resource-protected` | `scratch` (aws:s3/bucket:Bucket) | Scratch space for thumbnails, rebuilt nightly from the data bucket. | 2030-06-30 |",
    ]);
    expect(section(text, "### Expired waivers (1)")).toEqual([
      "### Expired waivers (1)",
      "",
      "- `aws-s3-bucket-encryption-cmk` on `logs-bucket`, expired 2024-12-31: Access logs bucket; S3 log delivery could not use a CMK before the migration.",
    ]);
    expect(section(text, "### Unused waivers (1)")).toEqual([
      "### Unused waivers (1)",
      "",
      "- `aws-rds-instance-deletion-protection` on `db`, expires 2030-01-31: The dev database is recreated every sprint.",
    ]);
  });

  it("groups the results by NIST SP 800-53 control, in control order", () => {
    expect(section(text, "### By NIST SP 800-53 control")).toEqual([
      "### By NIST SP 800-53 control",
      "",
      "13 controls: 2 evidenced, 8 failing, 2 waived, 1 not evaluated. A control is evidenced only by policies that judged resources of this stack and passed.",
      "",
      "| Control | Status | Policies that ran | Judged nothing |",
      "| --- | --- | --- | --- |",
      "| AC-2 | failing | `kubernetes-rbac-clusterrolebinding-no-cluster-admin` (1 violation) | 0 |",
      "| AC-4 | evidenced | `aws-ec2-security-group-no-public-ingress` (2 resources) | 0 |",
      "| AC-6 | failing | `aws-iam-policy-no-wildcard-actions` (1 violation), `kubernetes-rbac-clusterrolebinding-no-cluster-admin` (1 violation) | 0 |",
      "| AC-6(5) | failing | `kubernetes-rbac-clusterrolebinding-no-cluster-admin` (1 violation) | 0 |",
      "| AC-6(10) | failing | `aws-iam-policy-no-wildcard-actions` (1 violation) | 0 |",
      "| AU-11 | failing | `aws-cloudwatch-log-group-retention` (1 violation) | 0 |",
      "| CP-9 | waived | `pulumi-stateful-resource-protected` (1 waived) | 1 |",
      "| CP-10 | not evaluated | none | 1 |",
      "| SC-7 | evidenced | `aws-ec2-security-group-no-public-ingress` (2 resources) | 0 |",
      "| SC-12 | failing | `aws-s3-bucket-encryption-cmk` (1 violation), `aws-kms-key-rotation-enabled` (2 resources) | 0 |",
      "| SC-28 | failing | `aws-s3-bucket-encryption-cmk` (1 violation), `aws-kms-key-rotation-enabled` (2 resources) | 0 |",
      "| SC-28(1) | failing | `aws-s3-bucket-encryption-cmk` (1 violation), `aws-rds-instance-storage-encrypted` (2 resources) | 0 |",
      "| SI-12 | waived | `pulumi-stateful-resource-protected` (1 waived) | 0 |",
      "",
      "<details><summary>1 policy judged no resource of this stack</summary>",
      "",
      "`aws-s3-bucket-versioning-enabled` (disabled)",
      "",
      "</details>",
    ]);
  });

  it("leaves the control section out on request", () => {
    const without = renderMarkdown([failingReview()], { byControl: false });
    expect(without).not.toContain("NIST");
    expect(without.endsWith("every sprint.\n")).toBe(true);
  });
});

describe("controlStandings", () => {
  const status = (review: StackReview) =>
    Object.fromEntries(controlStandings(review).map((c) => [c.control, c.status]));

  it("evidences every control whose enabled policies all ran clean", () => {
    expect(status(cleanReview())).toEqual({
      "AC-2": "evidenced",
      "AC-4": "evidenced",
      "AC-6": "evidenced",
      "AC-6(5)": "evidenced",
      "AC-6(10)": "evidenced",
      "AU-11": "evidenced",
      "CP-9": "evidenced",
      "CP-10": "not evaluated",
      "SC-7": "evidenced",
      "SC-12": "evidenced",
      "SC-28": "evidenced",
      "SC-28(1)": "evidenced",
      "SI-12": "evidenced",
    });
  });

  it("counts an advisory violation as failing", () => {
    const review = cleanReview("dev", { violations: [failingReview().violations[0]!] });
    expect(status(review)["AU-11"]).toBe("failing");
    expect(controlStandings(review).find((c) => c.control === "AU-11")!.policies).toEqual([
      {
        pack: "data-protection",
        policy: "aws-cloudwatch-log-group-retention",
        kind: "resource",
        status: "failed",
        applicable: true,
        resourcesJudged: 2,
        violations: 1,
        waived: 0,
        nistControls: ["AU-11"],
      },
    ]);
  });

  it("evidences nothing a crashed pack or a failed program should have checked", () => {
    const packDown = cleanReview("dev", {
      errors: [{ phase: "pack", subject: "encryption", message: "exited with code 1" }],
    });
    const s = status(packDown);
    expect([s["SC-12"], s["SC-28"], s["SC-28(1)"], s["AC-6"]]).toEqual([
      "not evaluated",
      "not evaluated",
      "not evaluated",
      "evidenced",
    ]);
    // awsguard maps no NIST control, so its crash changes no control.
    expect(status(erroredReview())).toEqual(status(cleanReview()));
    const programDown = cleanReview("dev", { errors: [{ phase: "program", message: "threw" }] });
    expect(new Set(Object.values(status(programDown)))).toEqual(new Set(["not evaluated"]));
  });
});

describe("escaping", () => {
  it("escapes pipes, newlines, Markdown and HTML in table cells", () => {
    expect(escapeText("a | b\r\nc *d* _e_ <script> [x](y) `z` & \\")).toBe(
      "a \\| b<br>c \\*d\\* \\_e\\_ \\<script\\> \\[x\\](y) \\`z\\` &amp; \\\\",
    );
    expect(code("a|b\nc")).toBe("`a\\|b c`");
    expect(code("uses `x` here")).toBe("`` uses `x` here ``");
  });

  it("keeps a hostile message inside its row", () => {
    const v = {
      ...failingReview().violations[1]!,
      message: "first | second\nthird <img src=x onerror=alert(1)>",
    };
    const text = renderMarkdown([cleanReview("dev", { violations: [v] })], { byControl: false });
    expect(section(text, "### Violations (1)")[4]).toBe(
      "| critical | mandatory | `aws-iam-policy-no-wildcard-actions` | `app-policy` (aws:iam/policy:Policy) | first \\| second<br>third \\<img src=x onerror=alert(1)\\> |",
    );
  });

  it("summarises rows beyond the limit", () => {
    const text = renderMarkdown([failingReview()], { maxRows: 2, byControl: false });
    const rows = section(text, "### Violations (5)");
    expect(rows.filter((l) => l.startsWith("| critical") || l.startsWith("| high"))).toHaveLength(
      2,
    );
    expect(rows).toContain("... and 3 more; see the JSON or SARIF report.");
  });
});

describe("renderMarkdown, several stacks", () => {
  const text = renderMarkdown([failingReview(), cleanReview(), erroredReview()]);

  it("opens with the overall verdict and a summary table", () => {
    expect(linesOf(text).slice(0, 10)).toEqual([
      "## Policy review: 3 stacks",
      "",
      "**Overall: ERROR** (2 of 3 stacks not passing)",
      "",
      "| Stack | Resources | Mandatory | Advisory | Waived | Verdict |",
      "| --- | --- | --- | --- | --- | --- |",
      "| `enclave/aws-dev` | 14 | 3 | 2 | 1 | FAIL: 3 mandatory violations |",
      "| `enclave/aws-prod` | 14 | 0 | 0 | 0 | PASS |",
      "| `enclave/aws-staging` | 14 | 0 | 0 | 0 | ERROR: could not be evaluated |",
      "",
    ]);
  });

  it("gives each stack its section, one heading level down", () => {
    const lines = linesOf(text);
    expect(lines.filter((l) => l.startsWith("### "))).toEqual([
      "### enclave/aws-dev",
      "### enclave/aws-prod",
      "### enclave/aws-staging",
    ]);
    expect(lines.filter((l) => l === "#### By NIST SP 800-53 control")).toHaveLength(3);
    expect(section(text, "#### Errors (1)")).toEqual([
      "#### Errors (1)",
      "",
      "- **pack** `awsguard`: The pack awsguard (node\\_modules/@pulumi/awsguard) exited with code 1 " +
        "before answering GetAnalyzerInfo: Cannot find module '@pulumi/aws'. Run npm ci in the " +
        "repository root and review again.",
    ]);
    expect(lines).toContain("**Verdict: ERROR: could not be evaluated**");
  });
});
