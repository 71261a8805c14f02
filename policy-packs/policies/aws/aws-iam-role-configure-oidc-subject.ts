import { resourcePolicy } from "../../lib/define";
import { conditionKeyNarrowed, globMatch, principalsOfKind, statements } from "../../lib/aws/iam";

export default resourcePolicy({
  name: "aws-iam-role-configure-oidc-subject",
  description:
    "A role trusted through web identity federation (EKS IRSA, GitHub Actions, any OIDC provider) must pin the token subject with a `<provider>:sub` condition. Without it every identity the provider issues tokens for, such as every service account of the cluster or every GitHub repository, can assume the role.",
  severity: "critical",
  remediation:
    "Add a StringEquals (or StringLike without a bare `*`) condition on `<provider>:sub`, e.g. `system:serviceaccount:<namespace>:<serviceaccount>` for IRSA or `repo:<org>/<repo>:ref:refs/heads/main` for GitHub, alongside the `:aud` condition.",
  controls: { nist: ["AC-3", "AC-6", "IA-2", "IA-8"] },
  concern: "least-privilege",
  resourceTypes: ["aws:iam/role:Role"],
  check({ props }, report) {
    for (const s of statements(props.assumeRolePolicy)) {
      const webIdentity = s.actions.some((a) => globMatch(a, "sts:AssumeRoleWithWebIdentity"));
      const federated = principalsOfKind(s.principal, "Federated");
      if (!s.allow || !webIdentity || federated.length === 0) {
        continue;
      }
      // Cognito identity pools scope by pool id in `cognito-identity.amazonaws.com:aud`.
      const cognito = federated.every((f) => f === "cognito-identity.amazonaws.com");
      const pinned =
        conditionKeyNarrowed(s.condition, "sub") ||
        (cognito && conditionKeyNarrowed(s.condition, "aud"));
      if (!pinned) {
        report(
          `assumeRolePolicy ${s.label} trusts ${federated.join(", ")} for sts:AssumeRoleWithWebIdentity without a "<provider>:sub" condition. Pin the token subject.`,
        );
      }
    }
  },
});
