import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { databaseFlag, isOn, sqlEngine } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";

const AUDITED = ["read", "write", "role", "ddl"] as const;

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-enable-pgaudit",
  description:
    "Cloud SQL for PostgreSQL instances must enable pgAudit (cloudsql.enable_pgaudit) and audit reads, writes, role changes and DDL (pgaudit.log), without logging statement parameters. Without it the database records who connected but not who read or changed which table: a poisoned or exfiltrated annotation leaves no trace. MySQL and SQL Server instances are not judged.",
  severity: "medium",
  remediation:
    'Add { name: "cloudsql.enable_pgaudit", value: "on" }, { name: "pgaudit.log", value: "read,write,role,ddl" } and { name: "pgaudit.log_parameter", value: "off" } to settings.databaseFlags, and CREATE EXTENSION pgaudit in each database.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"], cis: cisGcp("6.2.8") },
  concern: "data-protection",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    if (sqlEngine(props) !== "postgres") {
      return; // other engines, or the version unknown at preview
    }
    const enabled = databaseFlag(props, "cloudsql.enable_pgaudit");
    if (!isOn(enabled)) {
      report(
        `settings.databaseFlags ${enabled === undefined ? "does not set cloudsql.enable_pgaudit" : `sets cloudsql.enable_pgaudit to "${enabled}"`}, so pgAudit is not loaded and nothing is audited. Set it to "on".`,
      );
      return;
    }
    const classes = (databaseFlag(props, "pgaudit.log") ?? "none").split(",").map((c) => c.trim());
    const missing = classes.includes("all") ? [] : AUDITED.filter((c) => !classes.includes(c));
    if (missing.length > 0) {
      report(`pgaudit.log does not cover ${missing.join(", ")} (it is "${classes.join(",")}").`);
    }
    if (isOn(databaseFlag(props, "pgaudit.log_parameter"))) {
      report(
        "pgaudit.log_parameter is on: statement parameters (passwords among them) are written to the log.",
      );
    }
  },
});
