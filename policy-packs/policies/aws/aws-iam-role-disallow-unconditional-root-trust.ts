import { resourcePolicy } from "../../lib/define";
import { cisEks } from "../../lib/aws/common";
import { statements } from "../../lib/aws/iam";
import { allowsAssumeRole, rootTrustScopes, trustedRoots } from "../../lib/aws/trust";

export default resourcePolicy({
  name: "aws-iam-role-disallow-unconditional-root-trust",
  description:
    'A role\'s trust policy must not let an account root (`arn:aws:iam::<account>:root` or the bare account id) assume it without a condition that says who or demands MFA. "The account" means every user and role of it whose own policies allow sts:AssumeRole, so an admin role trusted that way belongs to nobody in particular.',
  severity: "high",
  remediation:
    'Name the trusted roles or users in Principal, and require MFA with Condition { Bool: { "aws:MultiFactorAuthPresent": "true" } }; for IAM Identity Center permission-set roles keep the account root but add Condition { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_<PermissionSet>_*" } }; for a third party use sts:ExternalId. Counted as scoping: aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalTag/*, aws:userid, sts:ExternalId, sts:SourceIdentity (equality, pattern or ARN operators, never ...IfExists), Bool aws:MultiFactorAuthPresent true, aws:MultiFactorAuthAge.',
  controls: { nist: ["AC-6(5)", "AC-2", "IA-2(1)", "AC-6"], cis: cisEks("4.1.1", "5.5.1") },
  concern: "least-privilege",
  resourceTypes: ["aws:iam/role:Role"],
  check({ props }, report) {
    for (const s of statements(props.assumeRolePolicy)) {
      const roots = trustedRoots(s);
      if (roots.length === 0 || !allowsAssumeRole(s) || rootTrustScopes(s.condition).length > 0) {
        continue;
      }
      report(
        `assumeRolePolicy ${s.label} lets the account root ${roots.join(", ")} assume the role without a condition: any principal of that account allowed sts:AssumeRole can take it. Name the principals, or add aws:PrincipalArn or aws:MultiFactorAuthPresent.`,
      );
    }
  },
});
