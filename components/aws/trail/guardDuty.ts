import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withPurpose, type Tags } from "../shared/tags";

/** Detector features (the deprecated `datasources` argument is not used): S3 data events, EKS audit logs. */
export const GUARDDUTY_FEATURES = ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS"] as const;
export const FINDING_PUBLISHING_FREQUENCY = "FIFTEEN_MINUTES";
/** Tag every resource of a stack carries when the account's detector (named by id) watches it. */
export const GUARDDUTY_DETECTOR_TAG = "enclave:guardduty-detector";

/**
 * The region's GuardDuty detector with S3 and EKS audit-log protection. An account has one
 * detector per region: where it exists already, turn enclave:aws.guardDuty off and keep the
 * account's (its features are then the account's to set).
 */
export function createGuardDuty(name: string, tags: Tags, parent: pulumi.Resource) {
  const detector = new aws.guardduty.Detector(
    `${name}-guardduty`,
    {
      enable: true,
      findingPublishingFrequency: FINDING_PUBLISHING_FREQUENCY,
      tags: withPurpose(tags, "threat-detection"),
    },
    { parent },
  );
  const features = GUARDDUTY_FEATURES.map(
    (feature) =>
      new aws.guardduty.DetectorFeature(
        `${name}-guardduty-${feature.toLowerCase().replace(/_/g, "-")}`,
        { detectorId: detector.id, name: feature, status: "ENABLED" },
        { parent },
      ),
  );
  return { detector, features };
}

/**
 * The account's own detector, named by id (enclave:aws.guardDutyDetectorId) instead of creating
 * one: read at deployment (`aws:guardduty/getDetector:getDetector`), which fails if the region has
 * no detector of that id, and refused unless it is enabled with S3 and EKS audit-log protection.
 * Its features stay the account's (or the delegated administrator's) to set; the check names
 * those it lacks.
 */
export function referenceGuardDuty(
  name: string,
  detectorId: string,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const detector = aws.guardduty.getDetectorOutput({ id: detectorId }, { parent });
  return detector.apply((d) => {
    const problem = detectorProblem(name, detectorId, d);
    if (problem !== undefined) {
      throw new Error(problem);
    }
    return d.id;
  });
}

/**
 * Why the account's detector cannot stand in for the stack's (not enabled, or without S3 or EKS
 * audit-log protection), naming the key, the id and the fix; undefined when it can.
 */
export function detectorProblem(
  name: string,
  detectorId: string,
  detector: {
    readonly status: string;
    readonly features?: readonly { readonly name: string; readonly status: string }[];
  },
): string | undefined {
  if (detector.status !== "ENABLED") {
    return `AwsFootprint ${name}: enclave:aws.guardDutyDetectorId "${detectorId}" names a detector whose status is ${detector.status}. Fix: enable it (aws guardduty update-detector --detector-id ${detectorId} --enable) or remove the key so the stack creates its own`;
  }
  const missing = missingGuardDutyFeatures(detector.features ?? []);
  if (missing.length > 0) {
    return `AwsFootprint ${name}: enclave:aws.guardDutyDetectorId "${detectorId}" names a detector without ${missing.join(", ")}. Fix: enable them on the account's detector (aws guardduty update-detector --detector-id ${detectorId} --features Name=<feature>,Status=ENABLED), or remove the key so the stack creates its own`;
  }
  return undefined;
}

/** GuardDuty features of a detector that are not enabled, among those the kit turns on. */
export function missingGuardDutyFeatures(
  features: readonly { readonly name: string; readonly status: string }[],
): string[] {
  return GUARDDUTY_FEATURES.filter(
    (f) => !features.some((x) => x.name === f && x.status === "ENABLED"),
  );
}
