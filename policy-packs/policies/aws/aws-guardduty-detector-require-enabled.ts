import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { bool, rec, str } from "../../lib/props";
import { UNKNOWN, ofTypes, tryRead } from "../../lib/stack";
import { BUCKET_TYPES } from "../../lib/aws/s3";

interface Config {
  readonly environmentTagKey: string;
  readonly environments: readonly string[];
  readonly detectorTagKey: string;
}

const DETECTOR = "aws:guardduty/detector:Detector";
/** What GuardDuty's S3 and EKS protections watch: the stack's buckets and clusters. */
const WATCHED = [...BUCKET_TYPES, "aws:eks/cluster:Cluster"];

export default stackPolicy<Config>({
  name: "aws-guardduty-detector-require-enabled",
  description:
    "A production stack that holds S3 buckets or an EKS cluster must be watched by an enabled GuardDuty detector: one the stack creates, or the account's own, named on the stack's resources by a tag (enclave: enclave:aws.guardDutyDetectorId, checked enabled with S3 and EKS protection at deployment). Without one, a stolen role reading the tenant bucket from a new network or an exec into the cluster is recorded by the trail but raises no finding.",
  severity: "medium",
  remediation:
    'Create an aws.guardduty.Detector { enable: true } with DetectorFeatures S3_DATA_EVENTS and EKS_AUDIT_LOGS enabled (enclave: leave enclave:aws.guardDuty at its default true in prod), or, where the account already has a detector in the region, name it in enclave:aws.guardDutyDetectorId (the stack tags its resources "enclave:guardduty-detector: <id>").',
  controls: { nist: ["SI-4", "SI-4(4)", "IR-4(1)"] },
  concern: "data-protection",
  resourceTypes: WATCHED,
  configSchema: {
    properties: {
      environmentTagKey: {
        type: "string",
        default: "enclave:environment",
        description: "Tag whose value says a resource's environment.",
      },
      environments: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description:
          "Environments (values of environmentTagKey) that must be watched by GuardDuty.",
      },
      detectorTagKey: {
        type: "string",
        default: "enclave:guardduty-detector",
        description: "Tag whose value names the account's detector that watches a resource.",
      },
    },
  },
  check(resources, report, config) {
    const envKey = typeof config.environmentTagKey === "string" ? config.environmentTagKey : "";
    const detectorKey = typeof config.detectorTagKey === "string" ? config.detectorTagKey : "";
    const environments = Array.isArray(config.environments) ? config.environments : [];
    // A detector of the stack that is not disabled (its features are another policy's).
    const detectors = ofTypes(resources, [DETECTOR]).map((d) =>
      tryRead(() => bool(d.props.enable) !== false),
    );
    if (detectors.includes(true) || detectors.includes(UNKNOWN)) {
      return;
    }
    const tag = (r: PolicyResource, key: string) => tryRead(() => str(rec(r.props.tags)[key]));
    const watched = ofTypes(resources, WATCHED).filter((r) => {
      const env = tag(r, envKey);
      return env !== UNKNOWN && env !== undefined && environments.includes(env);
    });
    if (watched.length === 0) {
      return;
    }
    // The account's detector named on the resources (an unknown tag could name it).
    const named = watched.map((r) => tag(r, detectorKey));
    if (named.some((id) => id === UNKNOWN || (id !== undefined && id !== ""))) {
      return;
    }
    const first = watched[0]!;
    report(
      `The ${str(rec(first.props.tags)[envKey])} stack's ${watched.length} bucket(s) and cluster(s) (first: "${first.name}") are watched by no enabled GuardDuty detector: the stack creates none and names no account detector (tag ${detectorKey}). Turn enclave:aws.guardDuty on or name the account's detector in enclave:aws.guardDutyDetectorId.`,
      first.urn,
    );
  },
});
