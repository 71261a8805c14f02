import { resourcePolicy } from "../../lib/define";
import { cisGcp, shown } from "../../lib/gcp/describe";
import { isReadReplica, sqlEngine } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";
import { bool, get, num } from "../../lib/props";

interface Config {
  readonly minimumRetainedBackups: number;
}

const BACKUP = "settings.backupConfiguration";

export default resourcePolicy<Config>({
  name: "gcp-sql-databaseinstance-enable-backups",
  description:
    "Cloud SQL primary instances must take automated backups, keep at least the configured number of them, and support point-in-time recovery (write-ahead logs for PostgreSQL and SQL Server, binary logs for MySQL). Without them, a bad migration, a deleted table or ransomware means lost tenant data. Read replicas are exempt: their primary holds the backups.",
  severity: "high",
  remediation:
    "Set settings.backupConfiguration to { enabled: true, pointInTimeRecoveryEnabled: true } (binaryLogEnabled: true for MySQL), with backupRetentionSettings.retainedBackups at least the configured minimum.",
  controls: { nist: ["CP-9", "CP-10"], cis: cisGcp("6.7") },
  concern: "data-protection",
  resourceTypes: [GCP.sqlInstance],
  configSchema: {
    properties: {
      minimumRetainedBackups: {
        type: "integer",
        minimum: 1,
        default: 7,
        description: "Fewest automated backups to keep (Cloud SQL keeps 7 when unset).",
      },
    },
  },
  check({ props }, report, config) {
    if (isReadReplica(props)) {
      return;
    }
    const enabled = get(props, `${BACKUP}.enabled`);
    if (bool(enabled) !== true) {
      report(
        `${BACKUP}.enabled is ${shown(enabled)}, so no automated backups are taken. Set it to true.`,
      );
    }
    const engine = sqlEngine(props);
    if (engine === "mysql") {
      const binlog = get(props, `${BACKUP}.binaryLogEnabled`);
      if (bool(binlog) !== true) {
        report(
          `${BACKUP}.binaryLogEnabled is ${shown(binlog)}, so the MySQL instance cannot be restored to a point in time. Set it to true.`,
        );
      }
    } else if (engine !== undefined) {
      const pitr = get(props, `${BACKUP}.pointInTimeRecoveryEnabled`);
      if (bool(pitr) !== true) {
        report(
          `${BACKUP}.pointInTimeRecoveryEnabled is ${shown(pitr)}, so the instance cannot be restored to a point in time. Set it to true.`,
        );
      }
    }
    const minimum = num(config.minimumRetainedBackups) ?? 7;
    const retained = num(get(props, `${BACKUP}.backupRetentionSettings.retainedBackups`)) ?? 7;
    if (retained < minimum) {
      report(
        `${BACKUP}.backupRetentionSettings.retainedBackups is ${retained}, fewer than the required ${minimum}. Set it to at least ${minimum}.`,
      );
    }
  },
});
