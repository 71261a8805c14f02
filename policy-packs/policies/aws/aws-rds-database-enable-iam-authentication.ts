import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { DB_CLUSTER, DB_INSTANCE, isReplica, supportsIamAuth } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-enable-iam-authentication",
  description:
    "RDS instances and Aurora clusters whose engine supports it must enable IAM database authentication. Workloads can then log in with short-lived tokens tied to their IAM role instead of static passwords kept in secrets.",
  severity: "medium",
  remediation:
    "Set iamDatabaseAuthenticationEnabled: true and grant the workload role rds-db:connect on its database user.",
  controls: { nist: ["IA-2", "IA-5", "AC-2"] },
  concern: "least-privilege",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check({ type, props }, report) {
    if (isReplica(type, props) || !supportsIamAuth(props)) {
      return;
    }
    if (bool(props.iamDatabaseAuthenticationEnabled) !== true) {
      report("iamDatabaseAuthenticationEnabled is not true. Enable IAM database authentication.");
    }
  },
});
