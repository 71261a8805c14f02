import { resourcePolicy } from "../../lib/define";
import { grantsPublicly, statements } from "../../lib/aws/iam";

export default resourcePolicy({
  name: "aws-kms-key-disallow-public-principal",
  description:
    "A KMS key policy must not allow the `*` principal unless a condition limits the callers (source account, VPC endpoint, organisation, caller account). Such a statement lets any AWS account, or anyone at all, use or manage the key.",
  severity: "critical",
  remediation:
    "Name the account root, roles or services in Principal instead of `*`, or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, kms:CallerAccount, aws:SourceVpce or a similar caller key with StringEquals.",
  controls: { nist: ["AC-3", "AC-6", "SC-12"] },
  concern: "least-privilege",
  resourceTypes: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
  check({ props }, report) {
    for (const s of statements(props.policy)) {
      if (grantsPublicly(s)) {
        report(
          `Key policy ${s.label} allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.`,
        );
      }
    }
  },
});
