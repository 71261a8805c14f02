import { resourcePolicy } from "../../lib/define";
import { str, strings } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-iam-user-disallow-direct-policies",
  description:
    "IAM users must receive permissions only through groups, not through inline or directly attached policies. Per-user grants drift apart, are hard to review and are forgotten when people leave.",
  severity: "medium",
  remediation:
    "Move the policy to an aws.iam.Group (GroupPolicy or GroupPolicyAttachment) and add the user to the group with aws.iam.UserGroupMembership.",
  controls: { nist: ["AC-2", "AC-6"], cis: cisAws("1.15") },
  concern: "least-privilege",
  resourceTypes: [
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/policyAttachment:PolicyAttachment",
  ],
  check({ type, props }, report) {
    if (type === "aws:iam/policyAttachment:PolicyAttachment") {
      const users = strings(props.users);
      if (users.length > 0) {
        report(
          `users attaches the policy directly to IAM user(s) ${users.join(", ")}. Attach it to a group instead.`,
        );
      }
      return;
    }
    if (
      type === "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive" &&
      strings(props.policyArns).length === 0
    ) {
      return; // an empty exclusive set removes direct attachments
    }
    const user = str(props.user) ?? str(props.userName);
    report(
      `A policy is granted directly to IAM user${user ? ` "${user}"` : ""}. Grant it to a group the user belongs to.`,
    );
  },
});
