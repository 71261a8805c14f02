import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { cisAws, cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";
import { DB_CLUSTER, DB_INSTANCE, isReplica } from "../../lib/aws/rds";

export default resourcePolicy<CmkConfig>({
  name: "aws-rds-database-enable-storage-encryption",
  description:
    "RDS instances and Aurora clusters must encrypt their storage, and with it their snapshots, logs and replicas, under a customer-managed KMS key. Encryption cannot be added to an existing database later; it takes a snapshot copy and a restore.",
  severity: "high",
  remediation:
    "Set storageEncrypted: true and kmsKeyId: key.arn on the aws.rds.Instance or aws.rds.Cluster (replicas inherit from their source).",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisAws("2.3.1") },
  concern: "encryption",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  configSchema: cmkConfigSchema,
  check({ type, props }, report, config) {
    if (isReplica(type, props)) {
      return;
    }
    if (bool(props.storageEncrypted) !== true) {
      report(
        "storageEncrypted is not true: the database, its snapshots and backups are unencrypted. Set storageEncrypted: true with a kmsKeyId.",
      );
      return;
    }
    const keyProblem =
      config.requireCustomerManagedKey !== false
        ? customerKeyProblem(props.kmsKeyId, "kmsKeyId")
        : undefined;
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
