import { stackPolicy } from "../../lib/define";
import { UNKNOWN, forEachKnown, ofTypes } from "../../lib/stack";
import { rec, str } from "../../lib/props";
import { DB_CLUSTER, DB_INSTANCE, dbKind, isReplica } from "../../lib/aws/rds";
import { BACKUP_SELECTION, selects } from "../../lib/aws/backup";

interface Config {
  readonly environmentTagKey: string;
  readonly environments: readonly string[];
}

export default stackPolicy<Config>({
  name: "aws-rds-database-require-backup-plan",
  description:
    "Every RDS instance and Aurora cluster in a production environment must be assigned to an AWS Backup plan (an aws.backup.Selection naming its ARN, a wildcard matching it, or a tag it carries). Automated RDS backups are deleted with the instance and can be shortened by anyone who may modify it; recovery points in a (locked) backup vault outlive both.",
  severity: "high",
  remediation:
    "Create an aws.backup.Vault (encrypted with a customer managed key, with an aws.backup.VaultLockConfiguration), an aws.backup.Plan with a daily rule targeting it, and an aws.backup.Selection whose resources include the database's ARN, with a role trusting backup.amazonaws.com that holds AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores.",
  controls: { nist: ["CP-9", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  configSchema: {
    properties: {
      environmentTagKey: {
        type: "string",
        default: "enclave:environment",
        description: "Tag whose value says a database's environment.",
      },
      environments: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description:
          "Environments (values of environmentTagKey) whose databases must be backed up.",
      },
    },
  },
  check(resources, report, config) {
    const key = typeof config.environmentTagKey === "string" ? config.environmentTagKey : "";
    const environments = Array.isArray(config.environments) ? config.environments : [];
    const selections = ofTypes(resources, [BACKUP_SELECTION]);
    forEachKnown(ofTypes(resources, [DB_INSTANCE, DB_CLUSTER]), (db) => {
      const environment = str(rec(db.props.tags)[key]);
      if (environment === undefined || !environments.includes(environment)) {
        return;
      }
      if (isReplica(db.type, db.props)) {
        return;
      }
      const verdicts = selections.map((s) => selects(s, db));
      if (verdicts.includes(true) || verdicts.includes(UNKNOWN)) {
        return;
      }
      report(
        `Database ${dbKind(db.type)} "${db.name}" (${key} ${environment}) is in no AWS Backup plan: no aws.backup.Selection names its ARN or a tag it carries. Add a selection of it to a daily plan with a locked vault.`,
        db.urn,
      );
    });
  },
});
