import { resourcePolicy } from "../../lib/define";
import { arr, str } from "../../lib/props";
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
  name: "aws-rds-parametergroup-review-statement-logging",
  description:
    "RDS and Aurora PostgreSQL parameter groups that log DDL or every statement (log_statement ddl, mod or all, pgaudit.log with the role or all class, or log_min_duration_statement 0 or more) write every CREATE ROLE and ALTER ROLE statement to the PostgreSQL log, which is usually exported to CloudWatch and kept for months. A role password sent in clear in such a statement is then readable by anyone who can read the logs. Flagged for review unless the stack says passwords are sent as SCRAM verifiers.",
  severity: "medium",
  remediation: STATEMENT_LOGGING_REMEDIATION,
  controls: { nist: ["IA-5(1)", "AU-9", "SC-28"] },
  concern: "data-protection",
  resourceTypes: [
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  ],
  configSchema: { properties: { passwordsSentAs: PASSWORDS_SENT_AS_SCHEMA } },
  check({ props }, report, config) {
    const family = str(props.family) ?? "";
    if (!/^(aurora-)?postgres/.test(family) || config.passwordsSentAs === "scram-verifier") {
      return;
    }
    const found = roleStatementLogging(arr(props.parameters));
    if (found.length > 0) {
      report(
        `${describeLogging(found)} (family ${family}). Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
      );
    }
  },
});
