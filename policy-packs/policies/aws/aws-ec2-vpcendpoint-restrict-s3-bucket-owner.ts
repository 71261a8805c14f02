import { resourcePolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { limitsResourceOwner, statements } from "../../lib/aws/iam";

const S3_SERVICE = /^(?:com\.amazonaws|aws\.api)\.[a-z0-9-]+\.s3$/;

/**
 * The bucket a resource of an S3 policy names: `arn:aws:s3:::name/key` -> `name`; `*` -> `*`;
 * anything else (another service's ARN) -> undefined.
 */
function bucketOf(resource: string): string | undefined {
  if (resource === "*") {
    return "*";
  }
  const m = /^arn:[a-z-]+:s3:::([^/]*)/.exec(resource);
  return m ? m[1] : undefined;
}

export default resourcePolicy({
  name: "aws-ec2-vpcendpoint-restrict-s3-bucket-owner",
  description:
    "An S3 VPC endpoint's policy may allow buckets by name pattern (`enclave-*`, `*`) only with a condition on the bucket's owner (aws:ResourceAccount, s3:ResourceAccount or the owner's organisation). Bucket names are global: anyone can create a bucket whose name matches the pattern in an account of their own, and a pod could then copy the training data to it through the endpoint (an aws:PrincipalAccount condition does not stop that: the caller is this account's).",
  severity: "high",
  remediation:
    'Add `"aws:ResourceAccount": "<this account>"` (StringEquals) to the statement that allows this account\'s buckets by pattern, and name other accounts\' buckets (a client-hosted tenant\'s) exactly, in a statement of their own.',
  controls: { nist: ["SC-7(5)", "SC-7(10)", "AC-4"] },
  concern: "network-exposure",
  resourceTypes: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
  check({ props }, report) {
    const serviceName = str(props.serviceName) ?? "";
    if (!S3_SERVICE.test(serviceName)) {
      return;
    }
    const policy = get(props, "policy");
    if (policy === undefined || policy === null || policy === "") {
      // No policy at all: aws-ec2-vpcendpoint-require-policy reports it.
      return;
    }
    for (const s of statements(policy)) {
      if (!s.allow) {
        continue;
      }
      const patterns = [
        ...new Set(
          (s.resources.length === 0 ? ["*"] : s.resources)
            .map(bucketOf)
            .filter((b): b is string => b !== undefined && /[*?]/.test(b)),
        ),
      ];
      if (patterns.length > 0 && !limitsResourceOwner(s.condition)) {
        report(
          `The policy of the endpoint for ${serviceName}: its ${s.label} allows buckets by pattern (${patterns.join(", ")}) without a condition on their owner, so a bucket someone else creates under a matching name, in their own account, is reachable through the endpoint. Add aws:ResourceAccount (this account), or name each bucket exactly.`,
        );
      }
    }
  },
});
