import { resourcePolicy } from "../../lib/define";
import { grantsPublicly, statements } from "../../lib/aws/iam";

export default resourcePolicy({
  name: "aws-iam-role-disallow-public-trust",
  description:
    "A role's trust policy must not let every principal assume it: no Principal `*`, no `{AWS: \"*\"}` and no Allow with NotPrincipal, unless a condition limits the callers (account, organisation, source). Otherwise any AWS account in the world can take the role's permissions.",
  severity: "critical",
  remediation:
    "Name the trusted account, role, service or identity provider in Principal, or add a condition such as aws:PrincipalOrgID or aws:PrincipalAccount with StringEquals.",
  controls: { nist: ["AC-3", "AC-6", "IA-2"] },
  concern: "least-privilege",
  resourceTypes: ["aws:iam/role:Role"],
  check({ props }, report) {
    for (const s of statements(props.assumeRolePolicy)) {
      if (grantsPublicly(s)) {
        report(
          `assumeRolePolicy ${s.label} lets every principal assume the role. Name the trusted principals or add a caller condition.`,
        );
      }
    }
  },
});
