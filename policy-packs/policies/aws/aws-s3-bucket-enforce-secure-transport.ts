import { stackPolicy } from "../../lib/define";
import { forEachKnown } from "../../lib/stack";
import {
  conditionPins,
  isFullWildcardAction,
  isPublicPrincipal,
  statements,
} from "../../lib/aws/iam";
import { BUCKET_TYPES, S3_SIDE, sideResources } from "../../lib/aws/s3";
import { cisAws } from "../../lib/aws/common";

/** A Deny of every S3 action, for everyone, when the request is not over TLS. */
function deniesPlainHttp(policy: unknown): boolean {
  return statements(policy).some(
    (s) =>
      s.deny &&
      isPublicPrincipal(s.principal) &&
      s.actions.some((a) => isFullWildcardAction(a) || a.toLowerCase() === "s3:*") &&
      conditionPins(s.condition, "aws:SecureTransport", "false"),
  );
}

export default stackPolicy({
  name: "aws-s3-bucket-enforce-secure-transport",
  description:
    "Every S3 bucket must have a bucket policy that denies all S3 actions to everyone when aws:SecureTransport is false. S3 still answers plain HTTP, so only this statement guarantees that objects and credentials never travel unencrypted.",
  severity: "high",
  remediation:
    'Add an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-13"], cis: cisAws("2.1.1") },
  concern: "encryption",
  resourceTypes: BUCKET_TYPES,
  check(resources, report) {
    forEachKnown([...sideResources(resources, S3_SIDE.policy)], ([bucket, join]) => {
      const docs =
        join.related.length > 0 ? join.related.map((p) => p.props.policy) : [bucket.props.policy];
      if (docs.some(deniesPlainHttp)) {
        return;
      }
      if (join.related.length === 0 && join.uncertain) {
        return;
      }
      report(
        `Bucket "${bucket.name}" has no bucket policy statement denying s3:* to Principal "*" when aws:SecureTransport is false. Add one.`,
        bucket.urn,
      );
    });
  },
});
