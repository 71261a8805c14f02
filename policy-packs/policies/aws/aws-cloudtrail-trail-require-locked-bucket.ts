import { stackPolicy } from "../../lib/define";
import { forEachKnown, joinReferences, ofTypes } from "../../lib/stack";
import { bool, get, str } from "../../lib/props";
import { bucketName, buckets } from "../../lib/aws/s3";

const TRAIL = "aws:cloudtrail/trail:Trail";

export default stackPolicy({
  name: "aws-cloudtrail-trail-require-locked-bucket",
  description:
    "The S3 bucket a CloudTrail trail delivers to, when the stack creates it, must have Object Lock on. Otherwise whoever may delete objects in the log bucket (or shorten its lifecycle) erases the evidence of what they did.",
  severity: "high",
  remediation:
    'Create the trail\'s bucket with objectLockEnabled: true and an aws.s3.BucketObjectLockConfiguration { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: <audit retention> } } } (GOVERNANCE outside production). Object Lock can only be turned on when the bucket is created.',
  controls: { nist: ["AU-9", "AU-11", "SI-7"] },
  concern: "data-protection",
  resourceTypes: [TRAIL],
  check(resources, report) {
    const trails = ofTypes(resources, [TRAIL]);
    const destinations = joinReferences(buckets(resources), trails, {
      sourceProp: "s3BucketName",
      targetKeys: ["bucket", "id", "arn"],
      normalize: bucketName,
    });
    forEachKnown([...destinations], ([bucket, join]) => {
      if (join.related.length === 0) {
        return;
      }
      const locked =
        bool(bucket.props.objectLockEnabled) === true ||
        str(get(bucket.props, "objectLockConfiguration.objectLockEnabled")) === "Enabled";
      if (!locked) {
        for (const trail of join.related) {
          report(
            `Trail "${trail.name}" delivers to bucket "${bucket.name}", which has no Object Lock. Create the log bucket with objectLockEnabled: true and a default retention.`,
            trail.urn,
          );
        }
      }
    });
  },
});
