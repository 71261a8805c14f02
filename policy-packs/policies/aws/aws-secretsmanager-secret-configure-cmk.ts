import { resourcePolicy } from "../../lib/define";
import { arr, get } from "../../lib/props";
import { customerKeyProblem } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-secretsmanager-secret-configure-cmk",
  description:
    "Secrets Manager secrets, and their replicas in other regions, must be encrypted with a customer-managed KMS key. With the default aws/secretsmanager key any principal allowed to read secrets can decrypt them; a per-tenant key adds a second, revocable gate.",
  severity: "medium",
  remediation: "Set kmsKeyId: key.arn on the aws.secretsmanager.Secret and on each replicas entry.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12", "IA-5"] },
  concern: "encryption",
  resourceTypes: ["aws:secretsmanager/secret:Secret"],
  check({ props }, report) {
    const keyProblem = customerKeyProblem(props.kmsKeyId, "kmsKeyId");
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
    arr(props.replicas).forEach((replica, i) => {
      const replicaProblem = customerKeyProblem(
        get(replica, "kmsKeyId"),
        `replicas[${i}].kmsKeyId`,
      );
      if (replicaProblem) {
        report(`${replicaProblem}. Name a customer-managed key in the replica's region.`);
      }
    });
  },
});
