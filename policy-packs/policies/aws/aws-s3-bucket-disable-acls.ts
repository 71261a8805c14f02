import { stackPolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { forEachKnown } from "../../lib/stack";
import { BUCKET_TYPES, S3_SIDE, sideResources } from "../../lib/aws/s3";

export default stackPolicy({
  name: "aws-s3-bucket-disable-acls",
  description:
    "Every S3 bucket must declare BucketOwnershipControls with objectOwnership BucketOwnerEnforced, which disables ACLs. Access is then decided by IAM and bucket policies alone, and objects written by other accounts still belong to the bucket owner.",
  severity: "low",
  remediation:
    'Add an aws.s3.BucketOwnershipControls for the bucket with rule: { objectOwnership: "BucketOwnerEnforced" } and remove any bucket ACLs.',
  controls: { nist: ["AC-3", "AC-6"] },
  concern: "least-privilege",
  resourceTypes: BUCKET_TYPES,
  check(resources, report) {
    forEachKnown([...sideResources(resources, S3_SIDE.ownership)], ([bucket, join]) => {
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(
            `Bucket "${bucket.name}" has no BucketOwnershipControls. Add one with objectOwnership "BucketOwnerEnforced".`,
            bucket.urn,
          );
        }
        return;
      }
      for (const side of join.related) {
        const ownership = str(get(side.props, "rule.objectOwnership"));
        if (ownership !== "BucketOwnerEnforced") {
          report(
            `Ownership controls "${side.name}" for bucket "${bucket.name}" set objectOwnership ${ownership ? `"${ownership}"` : "unset"}, so ACLs stay in force. Use "BucketOwnerEnforced".`,
            side.urn,
          );
        }
      }
    });
  },
});
