import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { databaseFlag, isOn, sqlEngine } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";

const FLAGS = ["log_connections", "log_disconnections"] as const;

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-enable-connection-logging",
  description:
    "Cloud SQL for PostgreSQL instances must log every connection and disconnection (log_connections, log_disconnections; Cloud SQL leaves both off). Without them an investigation cannot tell who logged in, from where, when and for how long, nor spot a password-guessing run. MySQL and SQL Server instances are not judged.",
  severity: "medium",
  remediation:
    'Add { name: "log_connections", value: "on" } and { name: "log_disconnections", value: "on" } to settings.databaseFlags.',
  controls: { nist: ["AU-2", "AU-3", "AU-12", "AC-7"], cis: cisGcp("6.2.2", "6.2.3") },
  concern: "data-protection",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    if (sqlEngine(props) !== "postgres") {
      return; // other engines, or the version unknown at preview
    }
    for (const name of FLAGS) {
      const value = databaseFlag(props, name);
      if (!isOn(value)) {
        report(
          `settings.databaseFlags ${value === undefined ? `does not set ${name} (Cloud SQL's default is off)` : `sets ${name} to "${value}"`}, so ${name === "log_connections" ? "logins" : "session ends"} are not logged. Set it to "on".`,
        );
      }
    }
  },
});
