import { stackPolicy } from "../../lib/define";
import { forEachKnown, joinReferences, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";
import {
  BUCKET_TYPES,
  S3_SIDE,
  bucketName,
  buckets,
  inlineLogTargets,
  sideResources,
} from "../../lib/aws/s3";
import { cisAws } from "../../lib/aws/common";

interface Config {
  readonly exemptLogTargetBuckets: boolean;
}

export default stackPolicy<Config>({
  name: "aws-s3-bucket-enable-access-logging",
  description:
    "Every S3 bucket must write server access logs to another bucket, so that reads and deletions of tenant data can be investigated. Buckets that receive access logs are exempt by default, since logging them into themselves would loop.",
  severity: "medium",
  remediation:
    "Add an aws.s3.BucketLogging for the bucket with targetBucket set to a dedicated log bucket (with its own retention) and a targetPrefix.",
  controls: { nist: ["AU-2", "AU-3", "AU-12"], cis: cisAws("3.4") },
  concern: "data-protection",
  resourceTypes: BUCKET_TYPES,
  configSchema: {
    properties: {
      exemptLogTargetBuckets: {
        type: "boolean",
        default: true,
        description:
          "Do not require access logging on buckets that are the target of another bucket's access logs.",
      },
    },
  },
  check(resources, report, config) {
    const all = buckets(resources);
    const logTargets = new Set<string>();
    if (config.exemptLogTargetBuckets !== false) {
      const targetsBySide = joinReferences(all, ofTypes(resources, S3_SIDE.logging), {
        sourceProp: "targetBucket",
        targetKeys: ["bucket", "id", "arn"],
        normalize: bucketName,
      });
      for (const [bucket, join] of targetsBySide) {
        if (join.related.length > 0) {
          logTargets.add(bucket.urn);
        }
      }
      const inlineTargets = new Set(
        all.flatMap((b) => {
          const targets = tryRead(() => inlineLogTargets(b));
          return targets === UNKNOWN ? [] : targets;
        }),
      );
      for (const b of all) {
        const name = tryRead(() => b.props.bucket);
        if (typeof name === "string" && inlineTargets.has(name)) {
          logTargets.add(b.urn);
        }
      }
    }
    forEachKnown([...sideResources(resources, S3_SIDE.logging)], ([bucket, join]) => {
      if (join.related.length > 0 || logTargets.has(bucket.urn)) {
        return;
      }
      if (inlineLogTargets(bucket).length > 0 || join.uncertain) {
        return;
      }
      report(
        `Bucket "${bucket.name}" has no access logging. Add a BucketLogging that targets a log bucket.`,
        bucket.urn,
      );
    });
  },
});
