import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withPurpose, type Tags } from "../shared/tags";

/** Detector features (the deprecated `datasources` argument is not used): S3 data events, EKS audit logs. */
export const GUARDDUTY_FEATURES = ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS"] as const;
export const FINDING_PUBLISHING_FREQUENCY = "FIFTEEN_MINUTES";

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
