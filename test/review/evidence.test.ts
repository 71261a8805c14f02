import { describe, expect, it } from "vitest";
import { JudgedTally } from "../../review/analyzer/judged";
import {
  controlStandings,
  judgedLine,
  judgedOf,
  policyEvidence,
  type PolicyStatus,
} from "../../review/evidence";
import type { PackDescription, PolicyDescription, StackReview } from "../../review/model";
import { renderMarkdown } from "../../review/report/markdown";
import { cleanReview, failingReview, judgedAll, packs } from "../helpers/review-fixtures";

const policy = (
  name: string,
  nistControls: string[],
  extra: Partial<PolicyDescription> = {},
): PolicyDescription => ({
  pack: "kit",
  name,
  description: `${name}.`,
  severity: "high",
  enforcementLevel: "mandatory",
  tags: [],
  nistControls,
  cisControls: [],
  kind: "resource",
  ...extra,
});

const KIT: PackDescription = {
  name: "kit",
  version: "1.0.0",
  directory: "/kit",
  policies: [
    policy("aws-kms-key-enable-rotation", ["SC-12"]),
    policy("gcp-kms-cryptokey-enable-rotation", ["SC-12"]),
    policy("aws-rds-database-enable-storage-encryption", ["SC-28"]),
    policy("gcp-sql-databaseinstance-encrypt-with-cmek", ["SC-28"]),
    policy("aws-s3-bucket-enable-versioning", ["CP-9"], {
      kind: "stack",
      tags: ["resource-type:aws:s3/bucketV2:BucketV2"],
    }),
  ],
};

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const KEY = urn("aws:kms/key:Key", "data");
const BUCKET = urn("aws:s3/bucketV2:BucketV2", "data");
const ANALYZED = [
  { urn: KEY, type: "aws:kms/key:Key" },
  { urn: BUCKET, type: "aws:s3/bucketV2:BucketV2" },
  { urn: urn("aws:s3/bucketVersioningV2:BucketVersioningV2", "data"), type: "x" },
];

/** An AWS stack without a database, judged by the kit pack as the SDK answers. */
function awsOnly(overrides: Partial<StackReview> = {}): StackReview {
  const tally = new JudgedTally(KIT.policies);
  const others = KIT.policies.filter((p) => p.kind === "resource").map((p) => p.name);
  tally.resource(
    KEY,
    others.filter((n) => n !== "aws-kms-key-enable-rotation"),
    [],
  );
  tally.resource(BUCKET, others, []);
  tally.resource(ANALYZED[2]!.urn, others, []);
  tally.stack([]);
  return cleanReview("dev", {
    packs: [KIT],
    judged: judgedOf([{ pack: KIT, judged: tally.result() }], ANALYZED),
    ...overrides,
  });
}

const statusOf = (review: StackReview) =>
  Object.fromEntries(policyEvidence(review).map((e) => [e.policy, e.status]));

describe("judgedOf", () => {
  it("counts a resource policy's resources and a stack policy's resources of the types it names", () => {
    expect(awsOnly().judged).toEqual({
      policies: [
        { pack: "kit", policy: "aws-kms-key-enable-rotation", resources: 1 },
        { pack: "kit", policy: "aws-s3-bucket-enable-versioning", resources: 1 },
      ],
      resources: 2,
      analyzed: 3,
    });
  });

  it("counts a stack policy that names no types as judging every resource it was given", () => {
    const pack = { ...KIT, policies: [policy("third-party", ["CP-9"], { kind: "stack" })] };
    const tally = new JudgedTally(pack.policies);
    tally.stack([]);
    expect(judgedOf([{ pack, judged: tally.result() }], ANALYZED).policies).toEqual([
      { pack: "kit", policy: "third-party", resources: 3 },
    ]);
    const skipped = new JudgedTally(pack.policies);
    skipped.stack(["third-party"]);
    expect(judgedOf([{ pack, judged: skipped.result() }], ANALYZED).policies).toEqual([]);
  });
});

describe("policyEvidence", () => {
  it("passes a policy that judged resources, and calls the rest not applicable", () => {
    expect(statusOf(awsOnly())).toEqual({
      "aws-kms-key-enable-rotation": "passed",
      "gcp-kms-cryptokey-enable-rotation": "not applicable",
      "aws-rds-database-enable-storage-encryption": "not applicable",
      "gcp-sql-databaseinstance-encrypt-with-cmek": "not applicable",
      "aws-s3-bucket-enable-versioning": "passed",
    });
    expect(policyEvidence(awsOnly())[0]).toEqual({
      pack: "kit",
      policy: "aws-kms-key-enable-rotation",
      kind: "resource",
      status: "passed",
      applicable: true,
      resourcesJudged: 1,
      violations: 0,
      waived: 0,
      nistControls: ["SC-12"],
    });
  });

  it("fails a policy with a finding in force, waives one with findings only under waivers", () => {
    const finding = {
      pack: "kit",
      packVersion: "1.0.0",
      policy: "aws-kms-key-enable-rotation",
      severity: "high" as const,
      enforcementLevel: "advisory" as const,
      urn: KEY,
      message: "Rotation is off.",
    };
    expect(statusOf(awsOnly({ violations: [finding] }))["aws-kms-key-enable-rotation"]).toBe(
      "failed",
    );
    const waiver = {
      policy: finding.policy,
      resource: "data",
      justification: "j",
      expires: "2099-01-01",
    };
    expect(
      statusOf(awsOnly({ waived: [{ ...finding, waiver }] }))["aws-kms-key-enable-rotation"],
    ).toBe("waived");
  });

  it("keeps disabled policies and those of a failed pack or program apart from not applicable", () => {
    const disabled = {
      ...KIT,
      policies: KIT.policies.map((p) => ({ ...p, enforcementLevel: "disabled" as const })),
    };
    expect(new Set(Object.values(statusOf(awsOnly({ packs: [disabled] }))))).toEqual(
      new Set<PolicyStatus>(["disabled"]),
    );
    const packDown = awsOnly({ errors: [{ phase: "pack", subject: "/kit", message: "exited" }] });
    expect(new Set(Object.values(statusOf(packDown)))).toEqual(
      new Set<PolicyStatus>(["not evaluated"]),
    );
  });
});

describe("controlStandings", () => {
  it("evidences a control only by policies that judged resources and passed; none applied is not evaluated", () => {
    const standings = controlStandings(awsOnly());
    expect(standings.map((c) => [c.control, c.status])).toEqual([
      ["CP-9", "evidenced"],
      ["SC-12", "evidenced"],
      // Only database policies map to SC-28 here, and the stack has no database.
      ["SC-28", "not evaluated"],
    ]);
    expect(standings.find((c) => c.control === "SC-12")!.policies.map((p) => p.status)).toEqual([
      "passed",
      "not applicable",
    ]);
  });

  it("fails a control whose policy failed (the fixture review shows it beside a passed one)", () => {
    const finding = {
      pack: "kit",
      packVersion: "1.0.0",
      policy: "aws-kms-key-enable-rotation",
      severity: "high" as const,
      enforcementLevel: "mandatory" as const,
      urn: KEY,
      message: "Rotation is off.",
    };
    const review = awsOnly({ violations: [finding] });
    expect(controlStandings(review).find((c) => c.control === "SC-12")!.status).toBe("failing");
  });

  it("names in the Markdown row only the policies that ran, and lists the others once", () => {
    const text = renderMarkdown([awsOnly()]);
    expect(text).toContain(
      "| SC-12 | evidenced | `aws-kms-key-enable-rotation` (1 resource) | 1 |",
    );
    expect(text).toContain("| SC-28 | not evaluated | none | 2 |");
    expect(text).toContain(
      "`aws-rds-database-enable-storage-encryption`, `gcp-kms-cryptokey-enable-rotation`, `gcp-sql-databaseinstance-encrypt-with-cmek`",
    );
    expect(text).toContain("2 of 5 policies judged 2 of 3 resources.");
    const rows = text.split("\n").filter((l) => /^\| [A-Z]{2}-\d/.test(l));
    expect(rows.filter((r) => r.includes("gcp-"))).toEqual([]);
  });
});

describe("judgedLine", () => {
  it("says how many policies judged how many resources", () => {
    expect(judgedLine(awsOnly())).toBe("2 of 5 policies judged 2 of 3 resources");
    expect(judgedLine(cleanReview("dev", { judged: judgedAll(packs(), 1, 1) }))).toBe(
      "10 of 11 policies judged 1 of 1 resource",
    );
    expect(judgedLine(failingReview())).toBe("10 of 11 policies judged 13 of 13 resources");
  });
});
