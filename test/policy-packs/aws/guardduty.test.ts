import { describe, expect, it } from "vitest";
import protection from "../../../policy-packs/policies/aws/aws-guardduty-detector-enable-protection";
import { GUARDDUTY_FEATURES } from "../../../components/aws/trail";
import type { StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const ID = "12abc34d567e8fa901bc2d34e56789f0";
const urn = `urn:pulumi:test::enclave::${DETECTOR}::guardduty`;

/** The kit's detector and its two features (components/aws/trail/guardDuty.ts). */
const detector = { id: ID, enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" };
const feature = (name: string, status = "ENABLED", detectorId: string = ID) => ({
  type: FEATURE,
  name: `guardduty-${name.toLowerCase()}`,
  props: { detectorId, name, status },
});
const stack = (
  d: Record<string, unknown> = detector,
  features: StackResourceInput[] = GUARDDUTY_FEATURES.map((f) => feature(f)),
): StackResourceInput[] => [{ type: DETECTOR, name: "guardduty", props: d }, ...features];
const messages = (resources: StackResourceInput[]) =>
  stackViolationsOf(protection, resources).map((v) => v.message);

describe("aws-guardduty-detector-enable-protection", () => {
  it("passes the kit's detector with S3 and EKS audit-log features, and the deprecated datasources form", () => {
    expect(stackViolationsOf(protection, stack())).toEqual([]);
    const datasources = {
      ...detector,
      datasources: { s3Logs: { enable: true }, kubernetes: { auditLogs: { enable: true } } },
    };
    expect(stackViolationsOf(protection, stack(datasources, []))).toEqual([]);
    // Joined through the engine's property dependencies when the id is computed.
    expect(
      stackViolationsOf(
        protection,
        stack(
          withValue(detector, "id", undefined),
          GUARDDUTY_FEATURES.map((f) => ({
            ...feature(f, "ENABLED", "computed"),
            propertyDependencies: { detectorId: ["guardduty"] },
          })),
        ),
      ),
    ).toEqual([]);
  });

  it("fires on a disabled detector", () => {
    expect(stackViolationsOf(protection, stack(withValue(detector, "enable", false)))).toEqual([
      {
        message: `GuardDuty detector "guardduty" is disabled (enable: false): it raises no finding. Set enable: true.`,
        urn,
      },
    ]);
  });

  it("fires on a detector without S3 protection, and on one without EKS audit-log monitoring", () => {
    expect(messages(stack(detector, [feature("EKS_AUDIT_LOGS")]))).toEqual([
      `GuardDuty detector "guardduty" does not watch S3_DATA_EVENTS (S3 data events of the buckets). Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
    ]);
    expect(messages(stack(detector, [feature("S3_DATA_EVENTS")]))).toEqual([
      `GuardDuty detector "guardduty" does not watch EKS_AUDIT_LOGS (the EKS audit log). Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
    ]);
    expect(messages(stack(detector, []))).toEqual([
      `GuardDuty detector "guardduty" does not watch S3_DATA_EVENTS (S3 data events of the buckets), EKS_AUDIT_LOGS (the EKS audit log). Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
    ]);
  });

  it("fires on a feature turned DISABLED, on a feature of another detector, and on datasources turned off", () => {
    expect(
      messages(stack(detector, [feature("S3_DATA_EVENTS", "DISABLED"), feature("EKS_AUDIT_LOGS")])),
    ).toEqual([
      `GuardDuty detector "guardduty" does not watch S3_DATA_EVENTS (S3 data events of the buckets: its DetectorFeature is DISABLED). Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
    ]);
    expect(
      messages(
        stack(detector, [feature("S3_DATA_EVENTS", "ENABLED", "other"), feature("EKS_AUDIT_LOGS")]),
      ),
    ).toHaveLength(1);
    const off = {
      ...detector,
      datasources: { s3Logs: { enable: false }, kubernetes: { auditLogs: { enable: true } } },
    };
    expect(messages(stack(off, []))).toEqual([
      `GuardDuty detector "guardduty" does not watch S3_DATA_EVENTS (S3 data events of the buckets). Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
    ]);
  });

  it("stays silent while the detector's state or a feature's detector is unknown", () => {
    expect(
      stackViolationsOf(protection, stack(withValue(detector, "enable", UNKNOWN_STRING))),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        protection,
        stack(detector, [feature("S3_DATA_EVENTS", "ENABLED", UNKNOWN_STRING)]),
      ),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        protection,
        stack(detector, [feature("S3_DATA_EVENTS"), feature("EKS_AUDIT_LOGS", UNKNOWN_STRING)]),
      ),
    ).toEqual([]);
  });
});
