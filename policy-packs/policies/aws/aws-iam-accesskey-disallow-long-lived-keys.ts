import { resourcePolicy } from "../../lib/define";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "aws-iam-accesskey-disallow-long-lived-keys",
  description:
    "The stack must not create long-lived IAM access keys. They do not expire, end up in state, CI variables and laptops, and are the most common way AWS accounts are breached; workloads should use roles (IRSA, Pod Identity, instance profiles) and people should use federated sign-in.",
  severity: "high",
  remediation:
    "Delete the aws.iam.AccessKey and give the workload an IAM role through EKS Pod Identity or IRSA (or an instance profile), or give people SSO access.",
  controls: { nist: ["IA-5", "IA-5(1)", "AC-2", "IA-2"] },
  concern: "least-privilege",
  resourceTypes: ["aws:iam/accessKey:AccessKey"],
  check({ props }, report) {
    if (str(props.status) === "Inactive") {
      return;
    }
    const user = str(props.user);
    report(
      `An IAM access key is created${user ? ` for user "${user}"` : ""}: a long-lived credential. Use a role instead.`,
    );
  },
});
