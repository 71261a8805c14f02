import { describe, expect, it } from "vitest";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import policy from "../../../policy-packs/policies/gcp/gcp-storage-bucket-enable-locked-retention";
import { runStackPolicy, urnOf } from "../../helpers/policy";
import { BUCKET, mutate } from "../../helpers/gcp-fixtures";
import { UNKNOWN } from "../../helpers/unknowns";

/** The compliant shape: a prod data bucket under a locked 30-day policy, its log bucket exempt. */
const PROD = {
  ...mutate(BUCKET, "versioning", undefined),
  labels: { "enclave-environment": "prod" },
  retentionPolicy: { retentionPeriod: "2592000", isLocked: true },
};
const data = { type: GCP.bucket, name: "data", props: PROD };
const logs = {
  type: GCP.bucket,
  name: "logs",
  props: {
    ...mutate(PROD, "logging", undefined),
    name: "enclave-prod-logs",
    retentionPolicy: undefined,
  },
};
const run = (props: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  runStackPolicy(policy, [{ ...data, props }, logs], config).violations;
const URN = urnOf(GCP.bucket, "data");

describe("gcp-storage-bucket-enable-locked-retention", () => {
  it("passes a prod data bucket under a locked policy; the log bucket it writes to is exempt", () => {
    expect(run(PROD)).toEqual([]);
    expect(run(mutate(PROD, "retentionPolicy.retentionPeriod", 2592000))).toEqual([]);
  });

  it("fails a prod data bucket without a retention policy", () => {
    expect(run(mutate(PROD, "retentionPolicy", undefined))).toEqual([
      {
        message:
          'Bucket "data" holds prod data without a retention policy, so its objects can be deleted or replaced at once. Set retentionPolicy { retentionPeriod, isLocked: true }.',
        urn: URN,
      },
    ]);
    expect(run(mutate(PROD, "retentionPolicy.retentionPeriod", "0")).map((v) => v.urn)).toEqual([
      URN,
    ]);
  });

  it("fails an unlocked policy", () => {
    expect(run(mutate(PROD, "retentionPolicy.isLocked", false))).toEqual([
      {
        message:
          'Bucket "data" holds prod data under an unlocked retention policy, which a project owner can remove before deleting the objects. Set retentionPolicy.isLocked to true.',
        urn: URN,
      },
    ]);
  });

  it("leaves other environments alone, unless configured", () => {
    const dev = mutate(mutate(PROD, "retentionPolicy", undefined), "labels", {
      "enclave-environment": "dev",
    });
    expect(run(dev)).toEqual([]);
    expect(run(dev, { environments: ["dev", "prod"] }).map((v) => v.urn)).toEqual([URN]);
  });

  it("never throws on unknowns: an unknown bucket is skipped alone, an unknown log target skips all", () => {
    expect(run(mutate(PROD, "retentionPolicy.isLocked", UNKNOWN))).toEqual([]);
    expect(run(mutate(PROD, "labels", UNKNOWN))).toEqual([]);
    expect(
      run(mutate(mutate(PROD, "retentionPolicy", undefined), "logging.logBucket", UNKNOWN)),
    ).toEqual([]);
  });
});
