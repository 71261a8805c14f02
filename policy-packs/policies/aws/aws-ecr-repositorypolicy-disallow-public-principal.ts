import { resourcePolicy } from "../../lib/define";
import { grantsPublicly, statements } from "../../lib/aws/iam";

export default resourcePolicy({
  name: "aws-ecr-repositorypolicy-disallow-public-principal",
  description:
    "An ECR repository policy must not allow the `*` principal (or use Allow with NotPrincipal) unless a condition limits the callers, such as the organisation, a principal account or a source ARN. Otherwise any AWS account can pull the tenant's images, and with push actions replace them with its own.",
  severity: "critical",
  remediation:
    "Name the accounts or roles that pull in Principal instead of `*`, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn (for a service principal such as lambda.amazonaws.com) with StringEquals.",
  controls: { nist: ["AC-3", "AC-6", "AC-21", "SR-4"] },
  concern: "least-privilege",
  resourceTypes: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
  check({ props }, report) {
    for (const s of statements(props.policy)) {
      if (grantsPublicly(s)) {
        report(
          `Repository policy ${s.label} allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.`,
        );
      }
    }
  },
});
