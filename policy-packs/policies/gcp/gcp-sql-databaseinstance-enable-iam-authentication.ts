import { resourcePolicy } from "../../lib/define";
import { sqlEngine } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";
import { arr, get, rec, str } from "../../lib/props";

/** The database flag that turns on IAM database authentication, per engine. */
const FLAG = {
  postgres: "cloudsql.iam_authentication",
  mysql: "cloudsql_iam_authentication",
} as const;

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-enable-iam-authentication",
  description:
    "Cloud SQL PostgreSQL and MySQL instances must accept IAM database authentication, so that people and workloads sign in with short-lived IAM credentials instead of long-lived database passwords, and access is revoked with their IAM binding. SQL Server instances are exempt (they do not support the flag).",
  severity: "medium",
  remediation:
    'Add the database flag cloudsql.iam_authentication = "on" (PostgreSQL) or cloudsql_iam_authentication = "on" (MySQL) to settings.databaseFlags, and create IAM users (gcp.sql.User with type CLOUD_IAM_SERVICE_ACCOUNT or CLOUD_IAM_USER).',
  controls: { nist: ["IA-2", "IA-5", "AC-2"] },
  concern: "least-privilege",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    const engine = sqlEngine(props);
    if (engine === "sqlserver") {
      return;
    }
    const names: string[] = engine === undefined ? [FLAG.postgres, FLAG.mysql] : [FLAG[engine]];
    const on = arr(get(props, "settings.databaseFlags")).some((f) => {
      const flag = rec(f);
      return (
        names.includes(str(flag.name)?.trim() ?? "") &&
        str(flag.value)?.trim().toLowerCase() === "on"
      );
    });
    if (!on) {
      report(
        `settings.databaseFlags does not set ${names.join(" or ")} to "on", so users can sign in only with database passwords. Add the flag.`,
      );
    }
  },
});
