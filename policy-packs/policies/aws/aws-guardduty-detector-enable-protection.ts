import { stackPolicy } from "../../lib/define";
import { bool, get, str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes } from "../../lib/stack";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";

/** The protections a detector must have: its feature name, the deprecated datasources path, what it watches. */
const REQUIRED = [
  ["S3_DATA_EVENTS", "datasources.s3Logs.enable", "S3 data events of the buckets"],
  ["EKS_AUDIT_LOGS", "datasources.kubernetes.auditLogs.enable", "the EKS audit log"],
] as const;

export default stackPolicy({
  name: "aws-guardduty-detector-enable-protection",
  description:
    "Every GuardDuty detector the stack creates must be enabled, with S3 protection (S3_DATA_EVENTS) and EKS audit-log monitoring (EKS_AUDIT_LOGS) on. A disabled detector, or one without them, raises no finding when a stolen role downloads the tenant bucket from a new network or a pod is exec'd into and runs as cluster-admin: the trail records it, nobody is told.",
  severity: "medium",
  remediation:
    'Set enable: true on the aws.guardduty.Detector and add one aws.guardduty.DetectorFeature per protection: { detectorId: detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" } and { detectorId: detector.id, name: "EKS_AUDIT_LOGS", status: "ENABLED" } (enclave: enclave:aws.guardDuty true, the default in staging and prod). Where the account\'s detector is used instead, name it in enclave:aws.guardDutyDetectorId and let the deployment check it.',
  controls: { nist: ["SI-4", "SI-4(4)", "RA-5(4)", "IR-4(1)"] },
  concern: "data-protection",
  resourceTypes: [DETECTOR],
  check(resources, report) {
    const joined = joinReferences(ofTypes(resources, [DETECTOR]), ofTypes(resources, [FEATURE]), {
      sourceProp: "detectorId",
      targetKeys: ["id", "arn"],
    });
    forEachKnown([...joined], ([detector, join]) => {
      const where = `GuardDuty detector "${detector.name}"`;
      if (bool(detector.props.enable) === false) {
        report(
          `${where} is disabled (enable: false): it raises no finding. Set enable: true.`,
          detector.urn,
        );
        return;
      }
      const missing: string[] = [];
      for (const [feature, datasource, watches] of REQUIRED) {
        const features = join.related.filter((f) => str(f.props.name) === feature);
        const statuses = features.map((f) => str(f.props.status));
        if (statuses.includes("DISABLED")) {
          missing.push(`${feature} (${watches}: its DetectorFeature is DISABLED)`);
          continue;
        }
        if (statuses.includes("ENABLED") || bool(get(detector.props, datasource)) === true) {
          continue;
        }
        if (join.uncertain) {
          continue; // a feature whose detector is still unknown could be this one's
        }
        missing.push(`${feature} (${watches})`);
      }
      if (missing.length > 0) {
        report(
          `${where} does not watch ${missing.join(", ")}. Add an aws.guardduty.DetectorFeature with status ENABLED for each.`,
          detector.urn,
        );
      }
    });
  },
});
