import { describe, expect, it } from "vitest";
import required from "../../../policy-packs/policies/aws/aws-guardduty-detector-require-enabled";
import type { StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const BUCKET = "aws:s3/bucket:Bucket";
const CLUSTER = "aws:eks/cluster:Cluster";
const DETECTOR = "aws:guardduty/detector:Detector";
const ID = "12abc34d567e8fa901bc2d34e56789f0";

/** A prod stack as the kit builds it (null: without the detector): its bucket and cluster, and its own detector (enclave:aws.guardDuty). */
const tags = { "enclave:environment": "prod", "enclave:tenant": "acme" };
const bucket = { bucket: "enclave-acme-prod-data-111122223333", tags };
const cluster = { name: "enclave-acme-prod", tags };
const detector = { enable: true, tags };
const stack = (
  d: Record<string, unknown> | null = detector,
  b: Record<string, unknown> = bucket,
  c: Record<string, unknown> = cluster,
): StackResourceInput[] => [
  { type: BUCKET, name: "data", props: b },
  { type: CLUSTER, name: "eks", props: c },
  ...(d ? [{ type: DETECTOR, name: "guardduty", props: d }] : []),
];
const none = {
  message: `The prod stack's 2 bucket(s) and cluster(s) (first: "data") are watched by no enabled GuardDuty detector: the stack creates none and names no account detector (tag enclave:guardduty-detector). Turn enclave:aws.guardDuty on or name the account's detector in enclave:aws.guardDutyDetectorId.`,
  urn: `urn:pulumi:test::enclave::${BUCKET}::data`,
};

describe("aws-guardduty-detector-require-enabled", () => {
  it("passes a prod stack with its own detector, or with the account's named by tag", () => {
    expect(stackViolationsOf(required, stack())).toEqual([]);
    const named = { ...tags, "enclave:guardduty-detector": ID };
    expect(
      stackViolationsOf(
        required,
        stack(null, { ...bucket, tags: named }, { ...cluster, tags: named }),
      ),
    ).toEqual([]);
  });

  it("fires on a prod stack without a detector (the kit's guardDuty: false opt-out)", () => {
    expect(stackViolationsOf(required, stack(null))).toEqual([none]);
  });

  it("fires on a prod stack whose only detector is disabled", () => {
    expect(stackViolationsOf(required, stack(withValue(detector, "enable", false)))).toEqual([
      none,
    ]);
  });

  it("does not judge other environments, by default or as configured", () => {
    const dev = { ...tags, "enclave:environment": "dev" };
    expect(
      stackViolationsOf(required, stack(null, { ...bucket, tags: dev }, { ...cluster, tags: dev })),
    ).toEqual([]);
    expect(
      stackViolationsOf(required, stack(null), {
        environmentTagKey: "enclave:environment",
        environments: ["staging"],
        detectorTagKey: "enclave:guardduty-detector",
      }),
    ).toEqual([]);
  });

  it("stays silent while a detector's state, an environment or a detector tag is unknown", () => {
    expect(
      stackViolationsOf(required, stack(withValue(detector, "enable", UNKNOWN_STRING))),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        required,
        stack(null, withValue(bucket, "tags.enclave:guardduty-detector", UNKNOWN_STRING)),
      ),
    ).toEqual([]);
  });
});
