/** RDS resource shapes shared by the database policies. */
import type { Props } from "../props";
import { str } from "../props";

export const DB_INSTANCE = "aws:rds/instance:Instance";
export const DB_CLUSTER = "aws:rds/cluster:Cluster";
export const DB_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** A read replica inherits encryption, credentials and backups from its source. */
export function isReplica(type: string, props: Props): boolean {
  const source = type === DB_CLUSTER ? props.replicationSourceIdentifier : props.replicateSourceDb;
  return typeof source === "string" && source !== "";
}

/** Engines with IAM database authentication (MySQL, MariaDB, PostgreSQL and their Aurora forms). */
export function supportsIamAuth(props: Props): boolean {
  const engine = str(props.engine);
  return (
    engine === undefined ||
    /^(aurora|aurora-mysql|aurora-postgresql|mysql|mariadb|postgres)$/.test(engine)
  );
}

/** `instance` or `cluster`, for messages. */
export function dbKind(type: string): string {
  return type === DB_CLUSTER ? "cluster" : "instance";
}

export const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
export const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

/**
 * An Aurora DB (instance) parameter group. Aurora takes TLS enforcement (`rds.force_ssl`,
 * `require_secure_transport`) and the preloaded libraries from the cluster parameter group only,
 * so an Aurora instance group is not asked for them: the cluster parameter group is.
 */
export function isAuroraInstanceGroup(type: string, family: string): boolean {
  return type === PARAMETER_GROUP && family.startsWith("aurora");
}
