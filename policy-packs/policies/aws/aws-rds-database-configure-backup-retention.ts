import { resourcePolicy } from "../../lib/define";
import { num } from "../../lib/props";
import { DB_CLUSTER, DB_INSTANCE, isReplica } from "../../lib/aws/rds";

interface Config {
  readonly minimumRetentionDays: number;
}

export default resourcePolicy<Config>({
  name: "aws-rds-database-configure-backup-retention",
  description:
    "RDS instances and Aurora clusters must keep automated backups for at least the configured number of days (7 by default). Backups and point-in-time recovery are how a corrupted or deleted dataset comes back; the provider default for instances is no backups at all.",
  severity: "medium",
  remediation:
    "Set backupRetentionPeriod to at least the configured minimum (up to 35) and a preferred backup window outside peak hours.",
  controls: { nist: ["CP-9", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  configSchema: {
    properties: {
      minimumRetentionDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Shortest automated backup retention accepted, in days.",
      },
    },
  },
  check({ type, props }, report, config) {
    if (type === DB_INSTANCE && isReplica(type, props)) {
      return;
    }
    const min = num(config.minimumRetentionDays) ?? 7;
    const days = num(props.backupRetentionPeriod);
    if (days === undefined || days < min) {
      report(
        `backupRetentionPeriod is ${days === undefined ? "not set (the provider default keeps no backups for instances, 1 day for clusters)" : days}, below ${min} days. Set it to at least ${min}.`,
      );
    }
  },
});
