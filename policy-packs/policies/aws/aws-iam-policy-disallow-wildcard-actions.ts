import { resourcePolicy } from "../../lib/define";
import { isServiceWildcardAction } from "../../lib/aws/iam";
import { IDENTITY_POLICY_TYPES, identityStatements } from "../../lib/aws/identity";

export default resourcePolicy({
  name: "aws-iam-policy-disallow-wildcard-actions",
  description:
    "IAM identity policies must name the actions they allow: no `*`, no whole-service wildcard such as `s3:*` or `iam:*`, and no Allow with NotAction. Wildcards grant actions nobody reviewed, including ones AWS adds later.",
  severity: "high",
  remediation:
    "List the actions the principal uses (prefix wildcards within a service such as s3:Get* are accepted) and turn Allow + NotAction statements into Allow + Action lists.",
  controls: { nist: ["AC-6", "AC-6(1)", "AC-3"] },
  concern: "least-privilege",
  resourceTypes: IDENTITY_POLICY_TYPES,
  check({ type, props }, report) {
    for (const s of identityStatements(type, props)) {
      if (!s.allow) {
        continue;
      }
      if (s.notActions !== undefined) {
        report(
          `${s.where} ${s.label} is an Allow with NotAction: it grants every action except the listed ones. Use Action with the needed actions.`,
        );
        continue;
      }
      const wild = s.actions.filter(isServiceWildcardAction);
      if (wild.length > 0) {
        report(
          `${s.where} ${s.label} allows wildcard action(s) ${wild.map((a) => `"${a}"`).join(", ")}. Name the actions instead.`,
        );
      }
    }
  },
});
