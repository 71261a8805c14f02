import { resourcePolicy } from "../../lib/define";
import { isFullWildcardAction, isWildcardResource } from "../../lib/aws/iam";
import { IDENTITY_POLICY_TYPES, identityStatements } from "../../lib/aws/identity";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-iam-policy-disallow-admin",
  description:
    "IAM identity policies must not allow every action on every resource (`*:*`). Such a statement makes whoever holds it an administrator of the account, including of IAM itself, so one leaked credential or compromised workload owns everything.",
  severity: "critical",
  remediation:
    'Replace Action "*" with the specific actions the principal needs and Resource "*" with the ARNs it works on; keep administrator access for break-glass roles managed outside this stack.',
  controls: { nist: ["AC-6", "AC-6(1)", "AC-6(5)", "AC-3"], cis: cisAws("1.16") },
  concern: "least-privilege",
  resourceTypes: IDENTITY_POLICY_TYPES,
  check({ type, props }, report) {
    for (const s of identityStatements(type, props)) {
      const everyAction =
        s.actions.some(isFullWildcardAction) ||
        (s.notActions !== undefined && s.notActions.length === 0);
      const everyResource = s.resources.some(isWildcardResource) || s.notResources !== undefined;
      if (s.allow && everyAction && everyResource) {
        report(
          `${s.where} ${s.label} allows Action "*" on Resource "*" (full administrator). Grant specific actions on specific resources.`,
        );
      }
    }
  },
});
