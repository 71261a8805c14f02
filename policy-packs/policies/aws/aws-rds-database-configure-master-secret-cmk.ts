import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { customerKeyProblem } from "../../lib/aws/common";
import { DB_CLUSTER, DB_INSTANCE } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-configure-master-secret-cmk",
  description:
    "When RDS manages the master password in Secrets Manager, the secret must be encrypted with a customer-managed KMS key. With the default aws/secretsmanager key, anyone allowed to read secrets in the account can read the database's master credentials.",
  severity: "medium",
  remediation: "Set masterUserSecretKmsKeyId: key.arn next to manageMasterUserPassword: true.",
  controls: { nist: ["SC-28", "SC-12", "IA-5"] },
  concern: "encryption",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check({ props }, report) {
    if (bool(props.manageMasterUserPassword) !== true) {
      return;
    }
    const keyProblem = customerKeyProblem(
      props.masterUserSecretKmsKeyId,
      "masterUserSecretKmsKeyId",
    );
    if (keyProblem) {
      report(
        `The managed master password secret is not under a customer key: ${keyProblem}. Name a customer-managed key.`,
      );
    }
  },
});
