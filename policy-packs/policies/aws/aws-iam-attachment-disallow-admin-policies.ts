import { resourcePolicy } from "../../lib/define";
import { str, strings } from "../../lib/props";
import { ADMIN_EQUIVALENT_POLICIES, awsManagedPolicyName } from "../../lib/aws/iam";
import { cisAws } from "../../lib/aws/common";

interface Config {
  readonly deniedManagedPolicies: string[];
}

const SINGLE = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
];
const EXCLUSIVE = [
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];
const ROLE = "aws:iam/role:Role";

export default resourcePolicy<Config>({
  name: "aws-iam-attachment-disallow-admin-policies",
  description:
    "Roles, users and groups must not be given AWS-managed policies that amount to administrator access (AdministratorAccess, IAMFullAccess, PowerUserAccess and similar). IAMFullAccess alone lets its holder grant itself anything.",
  severity: "critical",
  remediation:
    "Detach the managed policy and attach a customer-managed policy that lists the needed actions on the needed resources; keep administrator access for break-glass roles managed outside this stack.",
  controls: { nist: ["AC-6", "AC-6(5)", "AC-2"], cis: cisAws("1.16") },
  concern: "least-privilege",
  resourceTypes: [...SINGLE, ...EXCLUSIVE, ROLE],
  configSchema: {
    properties: {
      deniedManagedPolicies: {
        type: "array",
        items: { type: "string" },
        default: [...ADMIN_EQUIVALENT_POLICIES],
        description: "Names of AWS-managed policies that must not be attached.",
      },
    },
  },
  check({ type, props }, report, config) {
    const denied = new Set(
      Array.isArray(config.deniedManagedPolicies)
        ? strings(config.deniedManagedPolicies)
        : ADMIN_EQUIVALENT_POLICIES,
    );
    const [prop, arns] = SINGLE.includes(type)
      ? ["policyArn", [str(props.policyArn)].filter((a): a is string => a !== undefined)]
      : type === ROLE
        ? ["managedPolicyArns", strings(props.managedPolicyArns)]
        : ["policyArns", strings(props.policyArns)];
    for (const arn of arns) {
      const name = awsManagedPolicyName(arn);
      if (name !== undefined && denied.has(name)) {
        report(
          `${prop} attaches the AWS-managed policy ${name} (${arn}), which grants administrator-equivalent access. Attach a scoped policy instead.`,
        );
      }
    }
  },
});
