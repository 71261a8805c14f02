/**
 * Which resource types hold data that a delete or a replacement destroys: the table behind
 * `pulumi-resource-stateful-require-protect`, kept here so that reports and docs can cite it.
 *
 * The rule for inclusion: deleting the resource through Pulumi (directly, by `pulumi destroy`, or
 * by a replacement that an innocent-looking change triggers) loses data that cannot be rebuilt
 * from the program: tenant objects and rows, key material (and everything encrypted under it),
 * or a cluster's etcd state. Types whose deletion loses nothing, or whose data lives in another
 * resource listed here, are in NOT_STATEFUL with the reason.
 */
import { arr, get, str, type Props } from "./props";

export interface StatefulType {
  /** Provider type token, e.g. `aws:rds/instance:Instance`. */
  readonly type: string;
  /** What a delete or replacement destroys. */
  readonly holds: string;
  /** For types that hold data only in some configurations: true when this resource does. */
  readonly when?: (props: Props) => boolean;
}

/** A StatefulSet whose claims the controller deletes together with the StatefulSet. */
function deletesItsClaims(props: Props): boolean {
  return (
    arr(get(props, "spec.volumeClaimTemplates")).length > 0 &&
    str(get(props, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"))?.trim() === "Delete"
  );
}

export const STATEFUL_TYPES: readonly StatefulType[] = [
  // Keys: destroying key material makes everything encrypted under it unreadable.
  { type: "aws:kms/key:Key", holds: "key material; data encrypted under it becomes unreadable" },
  { type: "aws:kms/replicaKey:ReplicaKey", holds: "key material of a multi-Region replica" },
  { type: "aws:kms/externalKey:ExternalKey", holds: "imported key material" },
  {
    type: "gcp:kms/cryptoKey:CryptoKey",
    holds:
      "key versions, which are destroyed when the key is deleted; data encrypted under them becomes unreadable",
  },
  // Object, file and block storage.
  { type: "aws:s3/bucket:Bucket", holds: "objects" },
  { type: "aws:s3/bucketV2:BucketV2", holds: "objects" },
  { type: "aws:efs/fileSystem:FileSystem", holds: "files" },
  { type: "aws:ebs/volume:Volume", holds: "a block volume's data" },
  { type: "aws:backup/vault:Vault", holds: "recovery points" },
  { type: "gcp:storage/bucket:Bucket", holds: "objects" },
  { type: "gcp:compute/disk:Disk", holds: "a persistent disk's data" },
  { type: "gcp:compute/regionDisk:RegionDisk", holds: "a regional persistent disk's data" },
  { type: "gcp:filestore/instance:Instance", holds: "files" },
  // Databases and secrets.
  {
    type: "aws:rds/instance:Instance",
    holds: "databases (and, unless retained, automated backups)",
  },
  { type: "aws:rds/cluster:Cluster", holds: "databases (and, unless retained, automated backups)" },
  { type: "aws:rds/globalCluster:GlobalCluster", holds: "a global database" },
  { type: "aws:dynamodb/table:Table", holds: "items" },
  { type: "aws:docdb/cluster:Cluster", holds: "documents" },
  { type: "aws:neptune/cluster:Cluster", holds: "graph data" },
  { type: "aws:redshift/cluster:Cluster", holds: "warehouse data" },
  { type: "aws:opensearch/domain:Domain", holds: "indices" },
  { type: "aws:secretsmanager/secret:Secret", holds: "secret values (after the recovery window)" },
  {
    type: "gcp:sql/databaseInstance:DatabaseInstance",
    holds: "databases and their automated backups",
  },
  { type: "gcp:sql/database:Database", holds: "a database's tables" },
  { type: "gcp:alloydb/cluster:Cluster", holds: "databases" },
  { type: "gcp:spanner/instance:Instance", holds: "every database in the instance" },
  { type: "gcp:spanner/database:Database", holds: "a database's tables" },
  { type: "gcp:firestore/database:Database", holds: "documents" },
  { type: "gcp:bigquery/dataset:Dataset", holds: "tables" },
  { type: "gcp:secretmanager/secret:Secret", holds: "every secret version" },
  // Kubernetes control planes: etcd is the only copy of Secrets, RBAC and custom resources, and
  // a replaced cluster takes every workload with it.
  {
    type: "aws:eks/cluster:Cluster",
    holds: "the Kubernetes API state (etcd) and every workload on the cluster",
  },
  {
    type: "gcp:container/cluster:Cluster",
    holds: "the Kubernetes API state (etcd) and every workload on the cluster",
  },
  // Kubernetes storage owned by the program.
  {
    type: "kubernetes:core/v1:PersistentVolumeClaim",
    holds: "a volume, which dynamic provisioners delete with the claim (reclaim policy Delete)",
  },
  {
    type: "kubernetes:apps/v1:StatefulSet",
    holds:
      "the volumes of its claims, when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete",
    when: deletesItsClaims,
  },
];

/** Types deliberately left out of STATEFUL_TYPES, and why. */
export const NOT_STATEFUL: readonly { readonly type: string; readonly why: string }[] = [
  {
    type: "kubernetes:apps/v1:StatefulSet",
    why: "with the default persistentVolumeClaimRetentionPolicy (whenDeleted: Retain) the controller keeps the claims, and their volumes, when the StatefulSet is deleted",
  },
  {
    type: "kubernetes:core/v1:PersistentVolume",
    why: "the claim bound to it decides the volume's fate; deleting the PersistentVolume object alone does not delete the disk",
  },
  {
    type: "kubernetes:core/v1:Namespace",
    why: "its stateful contents are judged as their own resources; deleting a tenant namespace is the deliberate off-boarding path",
  },
  {
    type: "gcp:kms/keyRing:KeyRing",
    why: "Cloud KMS cannot delete key rings; Pulumi only forgets them",
  },
  {
    type: "aws:rds/clusterInstance:ClusterInstance",
    why: "Aurora keeps the data in the cluster volume; an instance can be replaced without losing it",
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    why: "retention is governed by retentionInDays (judged by logging policies); log groups are recreated by their writers",
  },
  {
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    why: "a cache: its contents are rebuilt from the system of record",
  },
  {
    type: "gcp:redis/instance:Instance",
    why: "a cache: its contents are rebuilt from the system of record",
  },
];

const BY_TYPE = new Map(STATEFUL_TYPES.map((t) => [t.type, t]));

/** The table entry for a resource when it holds data, or undefined. */
export function statefulEntry(type: string, props: Props): StatefulType | undefined {
  const entry = BY_TYPE.get(type);
  return entry && (!entry.when || entry.when(props)) ? entry : undefined;
}
