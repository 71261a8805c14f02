import { resourcePolicy } from "../../lib/define";
import { strings } from "../../lib/props";
import { globMatch, isWildcardResource, limitsResources } from "../../lib/aws/iam";
import { IDENTITY_POLICY_TYPES, identityStatements } from "../../lib/aws/identity";

interface Config {
  readonly unscopedActions: string[];
}

/** Actions that AWS does not let a policy scope to a resource, or that only read metadata. */
const DEFAULT_UNSCOPED = [
  "*:Describe*",
  "*:List*",
  "sts:GetCallerIdentity",
  "ecr:GetAuthorizationToken",
];

export default resourcePolicy<Config>({
  name: "aws-iam-policy-disallow-wildcard-resources",
  description:
    "IAM identity policies must scope the actions they allow to resource ARNs, not `*` (or NotResource), unless a condition limits the resources (resource or request tags, the calling service, the resource account). Actions that cannot be scoped, such as Describe and List calls, are accepted.",
  severity: "medium",
  remediation:
    'Replace Resource "*" with the ARNs of the buckets, keys, secrets or roles the principal works on, or add a condition on aws:ResourceTag/..., kms:ViaService or aws:ResourceAccount. Extend unscopedActions in the policy config for actions that truly cannot be scoped.',
  controls: { nist: ["AC-6", "AC-3"] },
  concern: "least-privilege",
  resourceTypes: IDENTITY_POLICY_TYPES,
  configSchema: {
    properties: {
      unscopedActions: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_UNSCOPED,
        description:
          'Action patterns accepted on Resource "*" (IAM glob syntax, case-insensitive).',
      },
    },
  },
  check({ type, props }, report, config) {
    const accepted = Array.isArray(config.unscopedActions)
      ? strings(config.unscopedActions)
      : DEFAULT_UNSCOPED;
    for (const s of identityStatements(type, props)) {
      const everyResource = s.resources.some(isWildcardResource) || s.notResources !== undefined;
      if (!s.allow || !everyResource || limitsResources(s.condition)) {
        continue;
      }
      const actions = s.notActions !== undefined ? ["NotAction"] : s.actions;
      const scopable = actions.filter((a) => !accepted.some((p) => globMatch(p, a)));
      if (scopable.length > 0) {
        report(
          `${s.where} ${s.label} allows ${scopable.map((a) => `"${a}"`).join(", ")} on every resource. Scope Resource to ARNs or add a resource condition.`,
        );
      }
    }
  },
});
