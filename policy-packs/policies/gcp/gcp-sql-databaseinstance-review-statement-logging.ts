import { resourcePolicy } from "../../lib/define";
import { sqlEngine } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";
import { arr, get } from "../../lib/props";
import {
  describeLogging,
  PASSWORDS_SENT_AS_SCHEMA,
  roleStatementLogging,
  STATEMENT_LOGGING_REMEDIATION,
} from "../../lib/statement-logging";

interface Config {
  readonly passwordsSentAs: "unknown" | "scram-verifier";
}

export default resourcePolicy<Config>({
  name: "gcp-sql-databaseinstance-review-statement-logging",
  description:
    "Cloud SQL for PostgreSQL instances whose database flags log DDL or every statement (log_statement ddl, mod or all, pgaudit.log with the role or all class, or log_min_duration_statement 0 or more) write every CREATE ROLE and ALTER ROLE statement to Cloud Logging. A role password sent in clear in such a statement is then readable by anyone who can read the logs. Flagged for review unless the stack says passwords are sent as SCRAM verifiers.",
  severity: "medium",
  remediation: STATEMENT_LOGGING_REMEDIATION,
  controls: { nist: ["IA-5(1)", "AU-9", "SC-28"] },
  concern: "data-protection",
  resourceTypes: [GCP.sqlInstance],
  configSchema: { properties: { passwordsSentAs: PASSWORDS_SENT_AS_SCHEMA } },
  check({ props }, report, config) {
    if (sqlEngine(props) !== "postgres" || config.passwordsSentAs === "scram-verifier") {
      return;
    }
    const found = roleStatementLogging(arr(get(props, "settings.databaseFlags")));
    if (found.length > 0) {
      report(
        `settings.databaseFlags: ${describeLogging(found)}. Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
      );
    }
  },
});
