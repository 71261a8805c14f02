import { describe, expect, it } from "vitest";
import type { StackReview } from "../../../review/model";
import { renderJson } from "../../../review/report/json";
import {
  EXPIRED_WAIVER,
  cleanReview,
  erroredReview,
  failingReview,
  resource,
  urnOf,
} from "../../helpers/review-fixtures";

const STACK = urnOf("dev", "pulumi:pulumi:Stack", "enclave-dev");
const KEY = urnOf("dev", "aws:kms/key:Key", "data-key");

/** The smallest realistic review: a stack, one key without rotation, one pack. */
function small(): StackReview {
  return {
    project: "enclave",
    stack: "dev",
    programDir: "/src/enclave/stacks",
    placeholderSecrets: ["enclave:dbPassword"],
    resources: [
      resource("dev", "pulumi:pulumi:Stack", "enclave-dev"),
      resource("dev", "aws:kms/key:Key", "data-key", {
        protect: true,
        provider: undefined,
        inputs: { enableKeyRotation: false, policy: "[secret]" },
        outputs: { arn: "arn:aws:kms:eu-west-1:123456789012:key/3f1d2b4c" },
      }),
    ],
    outputs: {},
    judged: {
      policies: [{ pack: "encryption", policy: "aws-kms-key-rotation-enabled", resources: 1 }],
      resources: 1,
      analyzed: 1,
    },
    packs: [
      {
        name: "encryption",
        version: "0.1.0",
        directory: "/src/enclave/policy-packs/encryption",
        policies: [
          {
            pack: "encryption",
            name: "aws-kms-key-rotation-enabled",
            description: "Customer managed KMS keys must rotate their key material every year.",
            severity: "high",
            enforcementLevel: "mandatory",
            remediation: "Set enableKeyRotation: true.",
            tags: ["nist-800-53:SC-12"],
            nistControls: ["SC-12"],
            cisControls: [],
            kind: "resource",
          },
        ],
      },
    ],
    violations: [
      {
        pack: "encryption",
        packVersion: "0.1.0",
        policy: "aws-kms-key-rotation-enabled",
        severity: "high",
        enforcementLevel: "mandatory",
        urn: KEY,
        message: "Key rotation is disabled.",
      },
    ],
    waived: [],
    expiredWaivers: [],
    unusedWaivers: [],
    errors: [],
    timingsMs: { program: 40, packs: 900 },
  };
}

describe("renderJson, one stack", () => {
  it("produces exactly the contract shape plus the rest of the review", () => {
    expect(JSON.parse(renderJson([small()]))).toEqual({
      stack: "dev",
      project: "enclave",
      programDir: "/src/enclave/stacks",
      stateFile: null,
      configFile: null,
      summary: {
        resources: 2,
        mandatory: 1,
        advisory: 0,
        waived: 0,
        errors: 0,
        exitCode: 1,
        verdict: "FAIL: 1 mandatory violation",
        policies: 1,
        applicablePolicies: 1,
        resourcesJudged: 1,
      },
      placeholderSecrets: ["enclave:dbPassword"],
      stateSecrets: [],
      packs: small().packs,
      policies: [
        {
          pack: "encryption",
          policy: "aws-kms-key-rotation-enabled",
          kind: "resource",
          status: "failed",
          applicable: true,
          resourcesJudged: 1,
          violations: 1,
          waived: 0,
          nistControls: ["SC-12"],
        },
      ],
      resources: [
        {
          urn: STACK,
          type: "pulumi:pulumi:Stack",
          name: "enclave-dev",
          parent: null,
          protect: false,
          retainOnDelete: false,
          inputs: {},
          custom: false,
          provider: null,
          dependencies: [],
          propertyDependencies: {},
          additionalSecretOutputs: [],
        },
        {
          urn: KEY,
          type: "aws:kms/key:Key",
          name: "data-key",
          parent: STACK,
          protect: true,
          retainOnDelete: false,
          inputs: { enableKeyRotation: false, policy: "[secret]" },
          custom: true,
          provider: null,
          dependencies: [],
          propertyDependencies: {},
          additionalSecretOutputs: [],
        },
      ],
      violations: [
        {
          pack: "encryption",
          policy: "aws-kms-key-rotation-enabled",
          severity: "high",
          enforcementLevel: "mandatory",
          urn: KEY,
          message: "Key rotation is disabled.",
          packVersion: "0.1.0",
          description: null,
        },
      ],
      waived: [],
      expiredWaivers: [],
      unusedWaivers: [],
      errors: [],
      timingsMs: { program: 40, packs: 900 },
    });
  });

  it("is indented text ending in a newline, and never includes the mock's computed outputs", () => {
    const text = renderJson([small()]);
    expect(text.startsWith('{\n  "stack": "dev",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toContain("arn:aws:kms");
  });

  it("keeps the contract keys on every resource and violation of a realistic review", () => {
    const report = JSON.parse(renderJson([failingReview()]));
    for (const r of report.resources) {
      expect(Object.keys(r).slice(0, 7)).toEqual([
        "urn",
        "type",
        "name",
        "parent",
        "protect",
        "retainOnDelete",
        "inputs",
      ]);
    }
    for (const v of report.violations) {
      expect(Object.keys(v).slice(0, 6)).toEqual([
        "pack",
        "policy",
        "severity",
        "enforcementLevel",
        "urn",
        "message",
      ]);
    }
    const db = report.resources.find((r: { name: string }) => r.name === "db");
    expect(db.inputs.password).toBe("[secret]");
    expect(db.provider).toMatch(/^urn:pulumi:aws-dev::enclave::pulumi:providers:aws::default::/);
  });

  it("reports waived findings with their waiver, and marks findings whose waiver expired", () => {
    const report = JSON.parse(renderJson([failingReview()]));
    expect(report.waived).toHaveLength(1);
    expect(report.waived[0]).toMatchObject({
      policy: "pulumi-stateful-resource-protected",
      urn: urnOf("aws-dev", "enclave:aws:Storage$aws:s3/bucket:Bucket", "scratch"),
      waiver: {
        policy: "pulumi-stateful-resource-protected",
        resource: "scratch",
        justification: "Scratch space for thumbnails, rebuilt nightly from the data bucket.",
        expires: "2030-06-30",
      },
    });
    const expired = report.violations.filter((v: { expiredWaiver?: unknown }) => v.expiredWaiver);
    expect(expired.map((v: { policy: string }) => v.policy)).toEqual([
      "aws-s3-bucket-encryption-cmk",
    ]);
    expect(expired[0].expiredWaiver).toEqual(EXPIRED_WAIVER);
    expect(report.expiredWaivers).toEqual([EXPIRED_WAIVER]);
    expect(report.unusedWaivers.map((w: { policy: string }) => w.policy)).toEqual([
      "aws-rds-instance-deletion-protection",
    ]);
  });

  it("reports a stack-level finding with a null urn", () => {
    const review = small();
    const report = JSON.parse(
      renderJson([{ ...review, violations: [{ ...review.violations[0]!, urn: undefined }] }]),
    );
    expect(report.violations[0].urn).toBeNull();
  });

  it("refuses to render no review as one stack", () => {
    expect(() => renderJson([])).toThrow(
      "The single-stack JSON report needs exactly one review, got 0.",
    );
  });
});

describe("renderJson, several stacks", () => {
  const reviews = [failingReview(), cleanReview(), erroredReview()];
  const report = JSON.parse(renderJson(reviews));

  it("holds one single-stack object per stack", () => {
    expect(report.stacks.map((s: { stack: string }) => s.stack)).toEqual([
      "aws-dev",
      "aws-prod",
      "aws-staging",
    ]);
    expect(report.stacks[0]).toEqual(JSON.parse(renderJson([failingReview()])));
    expect(report.summary).toEqual({ stacks: 3, exitCode: 2 });
    expect(report.stacks[2].errors).toEqual(erroredReview().errors);
  });

  it("concatenates every stack's resources and violations, each with its stack first", () => {
    expect(report.resources).toHaveLength(3 * failingReview().resources.length);
    expect(report.resources[0]).toEqual({ stack: "aws-dev", ...report.stacks[0].resources[0] });
    expect(Object.keys(report.resources[20])[0]).toBe("stack");
    expect(report.resources.at(-1).stack).toBe("aws-staging");
    expect(report.violations).toHaveLength(5);
    expect(new Set(report.violations.map((v: { stack: string }) => v.stack))).toEqual(
      new Set(["aws-dev"]),
    );
    expect(report.violations[1]).toEqual({ stack: "aws-dev", ...report.stacks[0].violations[1] });
  });

  it("uses the multi-stack shape for a single stack under --all, and by default for several", () => {
    const one = JSON.parse(renderJson([cleanReview()], { all: true }));
    expect(Object.keys(one)).toEqual(["summary", "stacks", "resources", "violations"]);
    expect(one.resources[0].stack).toBe("aws-prod");
    expect(JSON.parse(renderJson([cleanReview()])).stacks).toBeUndefined();
  });
});
