import { stackPolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { forEachKnown } from "../../lib/stack";
import { BUCKET_TYPES, S3_SIDE, inlineVersioningEnabled, sideResources } from "../../lib/aws/s3";

export default stackPolicy({
  name: "aws-s3-bucket-enable-versioning",
  description:
    "Every S3 bucket must have versioning enabled. Versioning keeps overwritten and deleted objects recoverable, which is the difference between an incident and data loss when a credential or a job deletes annotations or training data.",
  severity: "medium",
  remediation:
    'Add an aws.s3.BucketVersioning for the bucket with versioningConfiguration: { status: "Enabled" } (and a lifecycle rule that expires noncurrent versions after the retention you need).',
  controls: { nist: ["CP-9", "CP-10", "SI-12"] },
  concern: "data-protection",
  resourceTypes: BUCKET_TYPES,
  check(resources, report) {
    forEachKnown([...sideResources(resources, S3_SIDE.versioning)], ([bucket, join]) => {
      if (join.related.length > 0) {
        for (const side of join.related) {
          const status = str(get(side.props, "versioningConfiguration.status"));
          if (status !== "Enabled") {
            report(
              `Versioning "${side.name}" for bucket "${bucket.name}" has status ${status ? `"${status}"` : "unset"}, not "Enabled".`,
              side.urn,
            );
          }
        }
        return;
      }
      if (inlineVersioningEnabled(bucket) || join.uncertain) {
        return;
      }
      report(
        `Bucket "${bucket.name}" has no versioning. Add a BucketVersioning with status "Enabled".`,
        bucket.urn,
      );
    });
  },
});
