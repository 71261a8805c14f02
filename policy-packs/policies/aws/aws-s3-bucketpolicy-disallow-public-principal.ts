import { resourcePolicy } from "../../lib/define";
import { grantsPublicly, statements } from "../../lib/aws/iam";

export default resourcePolicy({
  name: "aws-s3-bucketpolicy-disallow-public-principal",
  description:
    "A bucket policy must not allow the `*` principal (or use Allow with NotPrincipal) unless a condition limits the callers, such as a VPC endpoint, a source account or the organisation. Otherwise the statement grants its actions to anyone.",
  severity: "critical",
  remediation:
    "Name the roles or accounts that need access in Principal, or add a condition on aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn with StringEquals.",
  controls: { nist: ["AC-3", "AC-6", "AC-21"] },
  concern: "least-privilege",
  resourceTypes: [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
  ],
  check({ props }, report) {
    for (const s of statements(props.policy)) {
      if (grantsPublicly(s)) {
        report(
          `Bucket policy ${s.label} allows every principal without a condition that limits the callers. Name the principals or add a caller condition.`,
        );
      }
    }
  },
});
