import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { arr, get, str, strings } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead } from "../../lib/stack";
import {
  CLUSTER_PARAMETER_GROUP,
  DB_CLUSTER,
  DB_INSTANCE,
  PARAMETER_GROUP,
  dbKind,
} from "../../lib/aws/rds";

/** Per database type: its PostgreSQL engine, the property naming its group, the group's type. */
const SHAPES = {
  [DB_INSTANCE]: {
    engine: "postgres",
    groupProp: "parameterGroupName",
    groupType: PARAMETER_GROUP,
  },
  [DB_CLUSTER]: {
    engine: "aurora-postgresql",
    groupProp: "dbClusterParameterGroupName",
    groupType: CLUSTER_PARAMETER_GROUP,
  },
} as const;

/** Whether a parameter group preloads pgaudit (its classes are aws-rds-parametergroup-enable-pgaudit's to judge). */
function loadsPgaudit(group: PolicyResource): boolean {
  const preload = arr(group.props.parameters).find(
    (p) => str(get(p, "name"))?.toLowerCase() === "shared_preload_libraries",
  );
  const libraries = (str(get(preload, "value")) ?? "").split(",").map((l) => l.trim());
  return libraries.map((l) => l.toLowerCase()).includes("pgaudit");
}

export default stackPolicy({
  name: "aws-rds-database-enable-audit-logging",
  description:
    "Every RDS PostgreSQL instance and Aurora PostgreSQL cluster must audit with pgAudit and ship the record off the database: it names a parameter group of the stack that preloads pgaudit (not the engine's default group, which loads nothing), and exports the postgresql log to CloudWatch Logs. Otherwise the database records who connected at most, never who read or changed which row, and what it records is kept only on the instance, for days, and goes with it.",
  severity: "medium",
  remediation:
    'Create an aws.rds.ParameterGroup (aws.rds.ClusterParameterGroup for Aurora) with shared_preload_libraries = pgaudit and pgaudit.log = read,write,role,ddl, set parameterGroupName (dbClusterParameterGroupName) to it, and add "postgresql" to enabledCloudwatchLogsExports (into a log group with a KMS key and retention); then CREATE EXTENSION pgaudit in each database.',
  controls: { nist: ["AU-2", "AU-3", "AU-9(2)", "AU-12"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check(resources, report) {
    for (const [type, shape] of Object.entries(SHAPES)) {
      const groups = ofTypes(resources, [shape.groupType]);
      const databases = ofTypes(resources, [type]);
      const named = joinReferences(groups, databases, {
        sourceProp: shape.groupProp,
        targetKeys: ["name", "id", "arn"],
      });
      forEachKnown(databases, (db) => {
        if (str(db.props.engine) !== shape.engine) {
          return; // another engine, or the engine unknown at preview
        }
        const where = `Database ${dbKind(db.type)} "${db.name}"`;
        const exports = strings(db.props.enabledCloudwatchLogsExports);
        if (!exports.includes("postgresql")) {
          report(
            `${where} does not export its postgresql log to CloudWatch Logs (enabledCloudwatchLogsExports is ${JSON.stringify(exports)}): its audit records stay on the instance and go with it. Add "postgresql".`,
            db.urn,
          );
        }
        const groupName = str(db.props[shape.groupProp]);
        if (groupName === undefined || groupName === "" || groupName.startsWith("default.")) {
          report(
            `${where} uses the engine's default parameter group (${groupName || "none named"}), which does not load pgaudit: nothing it reads or changes is audited. Name a parameter group of the stack that preloads pgaudit.`,
            db.urn,
          );
          return;
        }
        const mine = [...named].filter(([, join]) => join.related.includes(db));
        if (mine.length === 0) {
          return; // a group outside the stack, or one still being computed: not visible here
        }
        // A group whose parameters are unknown counts as auditing (UNKNOWN is not false).
        const unaudited = mine.filter(([group]) => tryRead(() => loadsPgaudit(group)) === false);
        if (unaudited.length === mine.length) {
          report(
            `${where} uses parameter group "${mine[0]![0].name}", whose shared_preload_libraries does not load pgaudit: nothing it reads or changes is audited. Add pgaudit to shared_preload_libraries and set pgaudit.log.`,
            db.urn,
          );
        }
      });
    }
  },
});
