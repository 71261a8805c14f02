import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { grantsPublicly, statements } from "../../lib/aws/iam";

const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";

export default resourcePolicy({
  name: "aws-secretsmanager-secretpolicy-disallow-public-principal",
  description:
    "A Secrets Manager resource policy (an aws.secretsmanager.SecretPolicy, or a Secret's own policy) must not allow the `*` principal (or use Allow with NotPrincipal) unless a condition limits the callers, and a SecretPolicy must set blockPublicPolicy so that Secrets Manager itself refuses a policy that opens the secret to other accounts. A public statement lets any AWS account read the credential.",
  severity: "critical",
  remediation:
    "Name the roles that read the secret in Principal instead of `*`, or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID or aws:SourceVpce with StringEquals; set blockPublicPolicy: true on the aws.secretsmanager.SecretPolicy.",
  controls: { nist: ["AC-3", "AC-6", "AC-21", "IA-5"] },
  concern: "least-privilege",
  resourceTypes: [SECRET_POLICY, "aws:secretsmanager/secret:Secret"],
  check({ type, props }, report) {
    for (const s of statements(props.policy)) {
      if (grantsPublicly(s)) {
        report(
          `Secret policy ${s.label} allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.`,
        );
      }
    }
    if (type === SECRET_POLICY && bool(props.blockPublicPolicy) !== true) {
      const given = props.blockPublicPolicy;
      report(
        `blockPublicPolicy is ${given === undefined || given === null ? "not set (Secrets Manager then accepts a public policy)" : JSON.stringify(given)}: a later change could open the secret to every account. Set blockPublicPolicy: true.`,
      );
    }
  },
});
