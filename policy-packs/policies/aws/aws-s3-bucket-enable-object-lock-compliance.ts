import { stackPolicy } from "../../lib/define";
import { forEachKnown } from "../../lib/stack";
import { bool, get, rec, str } from "../../lib/props";
import { BUCKET_TYPES, buckets, logBuckets, sideResources } from "../../lib/aws/s3";
import { listing } from "../../lib/aws/common";

interface Config {
  readonly environmentTagKey: string;
  readonly environments: readonly string[];
}

const LOCK_CONFIG = ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"];

export default stackPolicy<Config>({
  name: "aws-s3-bucket-enable-object-lock-compliance",
  description:
    "Every S3 bucket that holds data (any bucket that no access log, load balancer log, flow log or trail writes to) in a production environment must have Object Lock on with a default retention in COMPLIANCE mode. Without it a deleted or overwritten object is gone once its versions expire; GOVERNANCE retention can be lifted by anyone granted s3:BypassGovernanceRetention.",
  severity: "high",
  remediation:
    'Create the bucket with objectLockEnabled: true and add an aws.s3.BucketObjectLockConfiguration { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: <retention> } } }; keep noncurrent versions at least as long. Object Lock can only be turned on when the bucket is created.',
  controls: { nist: ["CP-9", "CP-10", "SI-7"] },
  concern: "data-protection",
  resourceTypes: BUCKET_TYPES,
  configSchema: {
    properties: {
      environmentTagKey: {
        type: "string",
        default: "enclave:environment",
        description: "Tag whose value says a bucket's environment.",
      },
      environments: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description:
          "Environments (values of environmentTagKey) whose data buckets must be locked.",
      },
    },
  },
  check(resources, report, config) {
    const key = typeof config.environmentTagKey === "string" ? config.environmentTagKey : "";
    const environments = Array.isArray(config.environments) ? config.environments : [];
    const logs = logBuckets(resources);
    const locks = sideResources(resources, LOCK_CONFIG);
    forEachKnown(buckets(resources), (bucket) => {
      const environment = str(rec(bucket.props.tags)[key]);
      if (environment === undefined || !environments.includes(environment)) {
        return;
      }
      if (logs.urns.has(bucket.urn) || logs.uncertain) {
        return;
      }
      const enabled =
        bool(bucket.props.objectLockEnabled) === true ||
        str(get(bucket.props, "objectLockConfiguration.objectLockEnabled")) === "Enabled";
      const where = `Bucket "${bucket.name}" (${key} ${environment})`;
      if (!enabled) {
        report(
          `${where} holds data without Object Lock. Create it with objectLockEnabled: true and a COMPLIANCE default retention.`,
          bucket.urn,
        );
        return;
      }
      const join = locks.get(bucket)!;
      if (join.related.length === 0 && join.uncertain) {
        return;
      }
      const modes = [
        ...join.related.map((l) => str(get(l.props, "rule.defaultRetention.mode"))),
        str(get(bucket.props, "objectLockConfiguration.rule.defaultRetention.mode")),
      ].filter((m): m is string => m !== undefined);
      if (modes.length === 0) {
        report(
          `${where} has Object Lock on but no default retention. Add a BucketObjectLockConfiguration with mode COMPLIANCE.`,
          bucket.urn,
        );
      } else if (!modes.every((m) => m === "COMPLIANCE")) {
        report(
          `${where} retains objects in ${listing([...new Set(modes)])} mode, which s3:BypassGovernanceRetention lifts. Use COMPLIANCE.`,
          bucket.urn,
        );
      }
    });
  },
});
