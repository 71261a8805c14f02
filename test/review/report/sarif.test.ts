import { describe, expect, it } from "vitest";
import type { Log, Result, Run } from "sarif";
import type { StackReview } from "../../../review/model";
import { renderSarif, ruleLevel, sarifLog } from "../../../review/report/sarif";
import {
  AWSGUARD_CRASH,
  cleanReview,
  erroredReview,
  failingReview,
  urnOf,
} from "../../helpers/review-fixtures";
import { MULTITOOL_PLATFORM, runMultitool } from "../../helpers/review-sarif-validator";

const runOf = (log: Log, pack: string, stack = "aws-dev"): Run => {
  const run = log.runs.find(
    (r) => r.tool.driver.name === pack && r.properties?.["stack"] === stack,
  );
  expect(run, `no run for ${pack} in ${stack}`).toBeDefined();
  return run!;
};
const resultFor = (run: Run, policy: string): Result => {
  const result = run.results?.find((r) => r.ruleId === policy);
  expect(result, `no result for ${policy}`).toBeDefined();
  return result!;
};

describe("sarifLog, one stack", () => {
  const log: Log = sarifLog([failingReview()]);

  it("is SARIF 2.1.0 with one run per pack, named and versioned as the pack", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.runs.map((r) => [r.tool.driver.name, r.tool.driver.version])).toEqual([
      ["encryption", "0.1.0"],
      ["least-privilege", "0.1.0"],
      ["data-protection", "0.1.0"],
      ["awsguard", "0.3.1"],
    ]);
    expect(log.runs[0]!.automationDetails).toEqual({ id: "enclave-review/enclave/aws-dev/" });
    expect(log.runs[0]!.properties).toEqual({
      project: "enclave",
      stack: "aws-dev",
      programDir: "/work/main/stacks",
      configFile: "/work/main/stacks/Pulumi.aws-dev.yaml",
      placeholderSecrets: ["enclave:dbPassword", "enclave:keycloakAdminPassword"],
      packDirectory: "/work/main/policy-packs/encryption",
    });
  });

  it("describes every policy of the pack as a rule", () => {
    const run = runOf(log, "least-privilege");
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
      "aws-iam-policy-no-wildcard-actions",
      "kubernetes-rbac-clusterrolebinding-no-cluster-admin",
      "aws-ec2-security-group-no-public-ingress",
    ]);
    expect(run.tool.driver.rules![0]).toEqual({
      id: "aws-iam-policy-no-wildcard-actions",
      name: "AwsIamPolicyNoWildcardActions",
      shortDescription: { text: "IAM policy documents must not allow wildcard actions." },
      fullDescription: {
        text: "IAM policy documents must not allow wildcard actions. A wildcard grants every present and future action of a service.",
      },
      help: {
        text: "List the actions the workload calls (for example s3:GetObject and s3:PutObject) instead of s3:* or *.",
      },
      defaultConfiguration: { level: "error", enabled: true },
      properties: {
        severity: "critical",
        "security-severity": "9.5",
        enforcementLevel: "mandatory",
        kind: "resource",
        nistControls: ["AC-6", "AC-6(10)"],
        cisControls: [],
        tags: ["security", "nist-800-53:AC-6", "nist-800-53:AC-6(10)"],
        status: "failed",
        applicable: true,
        resourcesJudged: 2,
      },
    });
    expect(runOf(log, "awsguard").tool.driver.rules!.map((r) => r.properties?.tags)).toEqual([
      ["security"],
      ["security"],
    ]);
  });

  it("takes each rule's default level from the effective enforcement level", () => {
    const levels = Object.fromEntries(
      log.runs.flatMap((r) => r.tool.driver.rules!.map((d) => [d.id, d.defaultConfiguration])),
    );
    expect(levels["aws-kms-key-rotation-enabled"]).toEqual({ level: "error", enabled: true });
    expect(levels["aws-ec2-security-group-no-public-ingress"]).toEqual({
      level: "warning",
      enabled: true,
    });
    expect(levels["aws-s3-bucket-versioning-enabled"]).toEqual({ level: "none", enabled: false });
    expect(ruleLevel("remediate")).toBe("error");
  });

  it("reports a mandatory finding as an error located at the resource's URN", () => {
    const run = runOf(log, "least-privilege");
    const result = resultFor(run, "aws-iam-policy-no-wildcard-actions");
    const urn = urnOf("aws-dev", "enclave:aws:Identity$aws:iam/policy:Policy", "app-policy");
    expect(result).toMatchObject({
      ruleId: "aws-iam-policy-no-wildcard-actions",
      ruleIndex: 0,
      level: "error",
      message: { text: 'Statement 0 allows the wildcard action "s3:*" on "*".' },
      locations: [
        { logicalLocations: [{ fullyQualifiedName: urn, name: "app-policy", kind: "resource" }] },
      ],
      properties: {
        severity: "critical",
        enforcementLevel: "mandatory",
        resourceType: "aws:iam/policy:Policy",
      },
    });
    expect(result.suppressions).toBeUndefined();
    expect(resultFor(run, "kubernetes-rbac-clusterrolebinding-no-cluster-admin").ruleIndex).toBe(1);
    for (const r of log.runs) {
      for (const res of r.results ?? []) {
        expect(r.tool.driver.rules![res.ruleIndex!]!.id).toBe(res.ruleId);
        expect(res.partialFingerprints!["enclaveFinding/v1"]).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it("reports an advisory finding as a warning", () => {
    const result = resultFor(runOf(log, "data-protection"), "aws-cloudwatch-log-group-retention");
    expect(result.level).toBe("warning");
    expect(result.ruleIndex).toBe(1);
  });

  it("keeps a waived finding as a result with an accepted external suppression", () => {
    const result = resultFor(runOf(log, "data-protection"), "pulumi-stateful-resource-protected");
    expect(result.level).toBe("error");
    expect(result.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: "Scratch space for thumbnails, rebuilt nightly from the data bucket.",
        properties: { expires: "2030-06-30", resource: "scratch" },
      },
    ]);
  });

  it("reports waiver problems as configuration notifications of the pack that has the policy", () => {
    const encryption = runOf(log, "encryption");
    expect(encryption.invocations).toEqual([
      {
        executionSuccessful: true,
        toolConfigurationNotifications: [
          {
            level: "warning",
            message: {
              text: 'The waiver of aws-s3-bucket-encryption-cmk for "logs-bucket" expired on 2024-12-31; its finding counts again.',
            },
            associatedRule: { id: "aws-s3-bucket-encryption-cmk" },
          },
          {
            // No pack has this policy: it lands on the first run, without a rule.
            level: "warning",
            message: {
              text: 'The waiver of aws-rds-instance-deletion-protection for "db" (expires 2030-01-31) matched no finding.',
            },
          },
        ],
      },
    ]);
    expect(
      resultFor(encryption, "aws-s3-bucket-encryption-cmk").properties?.["expiredWaiver"],
    ).toEqual({
      policy: "aws-s3-bucket-encryption-cmk",
      resource: "logs-bucket",
      justification:
        "Access logs bucket; S3 log delivery could not use a CMK before the migration.",
      expires: "2024-12-31",
    });
    expect(runOf(log, "least-privilege").invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("gives each pack an information URI: the caller's, or the pack's folder", () => {
    expect(log.runs[0]!.tool.driver.informationUri).toBe(
      "file:///work/main/policy-packs/encryption",
    );
    const custom = sarifLog([cleanReview()], {
      informationUri: (p) =>
        p.name === "awsguard" ? "https://github.com/pulumi/pulumi-awsguard" : undefined,
    });
    expect(runOf(custom, "awsguard", "aws-prod").tool.driver.informationUri).toBe(
      "https://github.com/pulumi/pulumi-awsguard",
    );
  });
});

describe("sarifLog, errors and odd findings", () => {
  it("fails only the crashed pack's run", () => {
    const log = sarifLog([erroredReview()]);
    expect(runOf(log, "awsguard", "aws-staging").invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: "error", message: { text: `pack awsguard: ${AWSGUARD_CRASH}` } },
        ],
      },
    ]);
    expect(runOf(log, "encryption", "aws-staging").invocations).toEqual([
      { executionSuccessful: true },
    ]);
  });

  it("fails every run when the program could not be evaluated, and still has a run without packs", () => {
    const programError = {
      phase: "program" as const,
      subject: "stacks",
      message: "index.ts threw: boom.",
    };
    const withPacks = sarifLog([cleanReview("dev", { errors: [programError] })]);
    expect(withPacks.runs.every((r) => r.invocations![0]!.executionSuccessful === false)).toBe(
      true,
    );
    const bare = sarifLog([cleanReview("dev", { packs: [], errors: [programError] })], {
      reviewer: { version: "0.1.0" },
    });
    expect(bare.runs).toHaveLength(1);
    expect(bare.runs[0]!.tool.driver).toEqual({
      name: "enclave-review",
      version: "0.1.0",
      rules: [],
    });
    expect(bare.runs[0]!.invocations![0]!.toolExecutionNotifications).toEqual([
      { level: "error", message: { text: "program stacks: index.ts threw: boom." } },
    ]);
    expect(sarifLog([cleanReview("dev", { packs: [] })]).runs).toEqual([]);
  });

  it("locates a stack-level finding at the stack and keeps undescribed policies as rules", () => {
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
      ],
    });
    const run = runOf(sarifLog([review]), "awsguard", "dev");
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
      "s3-bucket-logging-enabled",
      "rds-instance-backup-enabled",
      "stack-tags",
    ]);
    expect(run.results![0]).toMatchObject({
      ruleId: "stack-tags",
      ruleIndex: 2,
      level: "warning",
      locations: [
        {
          logicalLocations: [
            {
              fullyQualifiedName: urnOf("dev", "pulumi:pulumi:Stack", "enclave-dev"),
              name: "enclave-dev",
              kind: "resource",
            },
          ],
        },
      ],
    });
  });
});

describe("sarifLog, several stacks", () => {
  const log = sarifLog([failingReview(), cleanReview(), erroredReview()]);

  it("has a run per stack per pack, told apart by automation id and properties", () => {
    expect(log.runs).toHaveLength(12);
    expect(
      log.runs.map((r) => `${r.properties?.["stack"]}/${r.tool.driver.name}`).slice(0, 5),
    ).toEqual([
      "aws-dev/encryption",
      "aws-dev/least-privilege",
      "aws-dev/data-protection",
      "aws-dev/awsguard",
      "aws-prod/encryption",
    ]);
    expect(runOf(log, "encryption", "aws-prod").automationDetails).toEqual({
      id: "enclave-review/enclave/aws-prod/",
      description: { text: "Stack enclave/aws-prod" },
    });
    expect(runOf(log, "encryption", "aws-prod").results).toEqual([]);
    expect(log.runs.flatMap((r) => r.results ?? [])).toHaveLength(6);
  });
});

describe("SARIF Multitool validation", () => {
  const onLinux = process.platform === MULTITOOL_PLATFORM;
  if (!onLinux) {
    console.warn(
      `Skipping the SARIF Multitool check: its npm binary is for ${MULTITOOL_PLATFORM}, this is ${process.platform}.`,
    );
  }

  it.runIf(onLinux)(
    "accepts a realistic multi-stack, multi-pack log, and catches broken ones",
    () => {
      const programFailed: StackReview = cleanReview("gcp-dev", {
        packs: [],
        errors: [
          { phase: "config", message: "enclave:allowlist.admin is empty. Fix: add a CIDR." },
        ],
      });
      const reviews = [failingReview(), cleanReview(), erroredReview(), programFailed];
      const text = renderSarif(reviews, {
        reviewer: { version: "0.1.0", informationUri: "https://example.com/enclave/review" },
      });
      // Two broken copies prove the check has teeth: an index out of range must be an error, and a
      // file the Multitool cannot read must not pass silently.
      const broken = JSON.parse(text) as Log;
      broken.runs[1]!.results![0]!.ruleIndex = 7;
      const unreadable = text.replace('"level": "error"', '"level": "fatal"');

      const { findings, unanalyzed } = runMultitool({
        "review.sarif": text,
        "broken.sarif": JSON.stringify(broken),
        "unreadable.sarif": unreadable,
      });

      expect(unanalyzed).toEqual(["unreadable.sarif"]);
      const ours = findings.filter((f) => f.file === "review.sarif");
      expect(ours.filter((f) => f.level !== "note")).toEqual([]);
      // Notes are advice only (rule ids like "CS2001", versionControlProvenance, helpUri, ...).
      expect(new Set(ours.map((f) => f.ruleId))).toEqual(
        new Set(["SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009", "SARIF2012"]),
      );
      expect(findings.filter((f) => f.file === "broken.sarif" && f.level === "error")).toEqual([
        expect.objectContaining({
          ruleId: "SARIF1009",
          text: expect.stringContaining("'ruleIndex' with value 7"),
        }),
      ]);
    },
  );
});
