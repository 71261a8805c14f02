import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { DB_CLUSTER, DB_INSTANCE } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-disallow-plaintext-password",
  description:
    "The master password of an RDS instance or Aurora cluster must not be passed as a plain argument: it then lives in the Pulumi state and every checkpoint. RDS should generate and rotate it in Secrets Manager (manageMasterUserPassword), or the stack should use the write-only argument.",
  severity: "high",
  remediation:
    "Remove password / masterPassword and set manageMasterUserPassword: true (with masterUserSecretKmsKeyId), or pass passwordWo / masterPasswordWo with a version, which never reach the state.",
  controls: { nist: ["IA-5", "IA-5(1)", "SC-28"] },
  concern: "least-privilege",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check({ type, props }, report) {
    if (bool(props.manageMasterUserPassword) === true) {
      return;
    }
    const prop = type === DB_CLUSTER ? "masterPassword" : "password";
    const value = props[prop];
    if (value !== undefined && value !== null && value !== "") {
      report(
        `${prop} is set, so the master password is stored in the Pulumi state. Use manageMasterUserPassword: true instead.`,
      );
    }
  },
});
