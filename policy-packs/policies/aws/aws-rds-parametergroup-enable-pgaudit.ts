import { resourcePolicy } from "../../lib/define";
import { arr, get, str } from "../../lib/props";
import { CLUSTER_PARAMETER_GROUP, isAuroraInstanceGroup, PARAMETER_GROUP } from "../../lib/aws/rds";

const POSTGRES = /^(postgres|aurora-postgresql)\d+/;
const AUDITED = ["read", "write", "role", "ddl"] as const;

/** The parameter's value (lower case) when the group sets it; undefined otherwise. */
function parameter(props: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const found = arr(props.parameters).find((p) => str(get(p, "name"))?.toLowerCase() === name);
  const value = found === undefined ? undefined : str(get(found, "value"));
  return value?.trim().toLowerCase();
}

export default resourcePolicy({
  name: "aws-rds-parametergroup-enable-pgaudit",
  description:
    "PostgreSQL parameter groups (RDS and Aurora) must preload pgAudit and audit reads, writes, role changes and DDL (pgaudit.log), without logging statement parameters. On Aurora the cluster parameter group carries these settings; an Aurora instance parameter group is judged only on what it overrides. Without it the database records who connected but not who read or changed which table: a poisoned or exfiltrated annotation leaves no trace.",
  severity: "medium",
  remediation:
    'Add { name: "shared_preload_libraries", value: "pgaudit", applyMethod: "pending-reboot" }, { name: "pgaudit.log", value: "read,write,role,ddl" } and { name: "pgaudit.log_parameter", value: "0" } to the parameter group, export the postgresql log to CloudWatch Logs, and CREATE EXTENSION pgaudit in each database.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"] },
  concern: "data-protection",
  resourceTypes: [PARAMETER_GROUP, CLUSTER_PARAMETER_GROUP],
  check({ type, props }, report) {
    const family = str(props.family);
    if (family === undefined || !POSTGRES.test(family)) {
      return; // other engines, or the family unknown at preview
    }
    // Aurora preloads libraries and audits as its cluster parameter group says; an Aurora
    // instance group is judged only on what it sets itself.
    const inherits = isAuroraInstanceGroup(type, family);
    const preload = parameter(props, "shared_preload_libraries");
    if (!(preload === undefined && inherits)) {
      const libraries = (preload ?? "").split(",").map((l) => l.trim());
      if (!libraries.includes("pgaudit")) {
        report(
          `shared_preload_libraries does not load pgaudit (family ${family}): nothing is audited.`,
        );
        return;
      }
    }
    const logged = parameter(props, "pgaudit.log");
    if (!(logged === undefined && inherits)) {
      const classes = (logged ?? "none").split(",").map((c) => c.trim());
      const missing = classes.includes("all") ? [] : AUDITED.filter((c) => !classes.includes(c));
      if (missing.length > 0) {
        report(`pgaudit.log does not cover ${missing.join(", ")} (it is "${classes.join(",")}").`);
      }
    }
    const logParameter = parameter(props, "pgaudit.log_parameter");
    if (logParameter === "1" || logParameter === "on" || logParameter === "true") {
      report(
        "pgaudit.log_parameter is on: statement parameters (passwords among them) are written to the log.",
      );
    }
  },
});
