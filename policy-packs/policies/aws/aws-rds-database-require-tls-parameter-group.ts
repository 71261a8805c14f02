import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { arr, get, str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead } from "../../lib/stack";
import {
  CLUSTER_PARAMETER_GROUP,
  DB_CLUSTER,
  DB_INSTANCE,
  PARAMETER_GROUP,
  dbKind,
} from "../../lib/aws/rds";

/** RDS for PostgreSQL 15 and later force TLS by default (rds.force_ssl=1); Aurora PostgreSQL does not. */
const DEFAULT_ON_FROM = 15;

/** Per database type: the property naming its group and the group's type. */
const SHAPES = [
  { type: DB_INSTANCE, groupProp: "parameterGroupName", groupType: PARAMETER_GROUP },
  {
    type: DB_CLUSTER,
    groupProp: "dbClusterParameterGroupName",
    groupType: CLUSTER_PARAMETER_GROUP,
  },
] as const;

/** The major version of a PostgreSQL engine version or family (`16.4`, `postgres16` -> 16). */
function major(value: string | undefined): number | undefined {
  const m = /(\d+)/.exec(value ?? "");
  return m ? Number(m[1]) : undefined;
}

/** The RDS default for rds.force_ssl on this engine and major version. */
function forcedByDefault(engine: string, version: number | undefined): boolean {
  return engine === "postgres" && version !== undefined && version >= DEFAULT_ON_FROM;
}

/** Whether a group of the stack forces TLS: rds.force_ssl on, or left at an engine default that is on. */
function groupForcesTls(group: PolicyResource, engine: string): boolean {
  const param = arr(group.props.parameters).find(
    (p) => str(get(p, "name"))?.toLowerCase() === "rds.force_ssl",
  );
  if (param !== undefined) {
    const value = String(get(param, "value") ?? "")
      .trim()
      .toLowerCase();
    return value === "1" || value === "on" || value === "true";
  }
  return forcedByDefault(engine, major(str(group.props.family)));
}

export default stackPolicy({
  name: "aws-rds-database-require-tls-parameter-group",
  description:
    "Every RDS PostgreSQL instance, Multi-AZ cluster and Aurora PostgreSQL cluster must run on a parameter group that forces TLS (rds.force_ssl=1): a group of the stack that sets it (the cluster parameter group for a cluster), or, for RDS for PostgreSQL 15 and later only, the engine's default group, where it is on. A database on a group that leaves it off, or an Aurora cluster on the default cluster group, accepts clients that do not ask for TLS, and their passwords and rows cross the network in the clear. A well-made TLS parameter group protects nothing until the database names it.",
  severity: "high",
  remediation:
    'Create an aws.rds.ParameterGroup (aws.rds.ClusterParameterGroup for a cluster) of the engine\'s family with parameters: [{ name: "rds.force_ssl", value: "1" }] and set parameterGroupName (dbClusterParameterGroupName) on the database to it; pin engineVersion so the reviewer can see which default applies.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-13"] },
  concern: "encryption",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check(resources, report) {
    for (const shape of SHAPES) {
      const groups = ofTypes(resources, [shape.groupType]);
      const databases = ofTypes(resources, [shape.type]);
      const named = joinReferences(groups, databases, {
        sourceProp: shape.groupProp,
        targetKeys: ["name", "id", "arn"],
      });
      forEachKnown(databases, (db) => {
        const engine = str(db.props.engine);
        const postgres =
          engine === "postgres" || (shape.type === DB_CLUSTER && engine === "aurora-postgresql");
        if (engine === undefined || !postgres) {
          return; // another engine (an Aurora instance takes TLS from its cluster), or unknown
        }
        const where = `Database ${dbKind(db.type)} "${db.name}"`;
        const groupName = str(db.props[shape.groupProp]) ?? "";
        const version = major(str(db.props.engineVersion));
        if (groupName === "" || groupName.startsWith("default.")) {
          if (forcedByDefault(engine, version)) {
            return;
          }
          const why =
            engine === "aurora-postgresql"
              ? "the default Aurora PostgreSQL cluster group leaves rds.force_ssl at 0"
              : version === undefined
                ? "engineVersion is not pinned, so whether the default group forces TLS cannot be seen"
                : `the default group of PostgreSQL ${version} leaves rds.force_ssl at 0`;
          report(
            `${where} uses the engine's default parameter group (${groupName || "none named"}) and ${why}: clients that do not ask for TLS are accepted. Name a parameter group of the stack with rds.force_ssl = 1.`,
            db.urn,
          );
          return;
        }
        const mine = [...named].filter(([, join]) => join.related.includes(db));
        if (mine.length === 0) {
          return; // a group outside the stack, or one still being computed: not visible here
        }
        // A group whose parameters are unknown counts as forcing TLS (UNKNOWN is not false).
        const open = mine.filter(
          ([group]) => tryRead(() => groupForcesTls(group, engine)) === false,
        );
        if (open.length === mine.length) {
          report(
            `${where} uses parameter group "${mine[0]![0].name}", which does not set rds.force_ssl = 1: clients that do not ask for TLS are accepted. Set rds.force_ssl to 1 in that group.`,
            db.urn,
          );
        }
      });
    }
  },
});
