import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../shared/platform";
import { DatabaseBackup } from "../backup/backup";
import { LOCK_MODE, RETENTION_DAYS } from "../backup/defaults";
import { rdsRegionalCaBundle } from "../database/caBundle";
import { Database } from "../database/database";
import { MONITORING_INTERVAL_SECONDS } from "../database/defaults";
import type { FootprintContext } from "./context";
import type { AwsSettings } from "./defaults";

export interface BackedUpDatabaseArgs {
  readonly context: Pick<FootprintContext, "names" | "partition" | "accountId" | "tags">;
  readonly environment: Environment;
  readonly region: string;
  /** Only `database` and `logRetentionDays` are read. */
  readonly settings: Pick<AwsSettings, "database" | "logRetentionDays">;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string>[];
  /** Who may connect on 5432 (the cluster's security group). */
  readonly clientSecurityGroupIds: pulumi.Input<string>[];
  /** Encrypts the instance, its snapshots, master secret and backups. */
  readonly databaseKeyArn: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
}

/**
 * One RDS PostgreSQL instance with the kit's settings (components/aws/database) and its AWS Backup
 * plan in a vault under the same key, locked (compliance in prod). One place for the three owners:
 * a tenant with its own cluster (AwsFootprint), a tenant on a platform (AwsTenant), and a
 * platform's shared instance (sharedDatabase.ts).
 */
export function createBackedUpDatabase(
  name: string,
  a: BackedUpDatabaseArgs,
  parent: pulumi.Resource,
): Database {
  const s = a.settings;
  const { names, partition, accountId, tags } = a.context;
  const database = new Database(
    `${name}-database`,
    {
      identifier: names.databaseIdentifier,
      engineVersion: s.database.engineVersion,
      instanceClass: s.database.instanceClass,
      allocatedStorageGiB: s.database.allocatedStorageGiB,
      maxAllocatedStorageGiB: s.database.maxAllocatedStorageGiB,
      multiAz: s.database.multiAz,
      backupRetentionDays: s.database.backupRetentionDays,
      caCertIdentifier: s.database.caCertIdentifier,
      vpcId: a.vpcId,
      subnetIds: a.subnetIds,
      clientSecurityGroupIds: a.clientSecurityGroupIds,
      kmsKeyArn: a.databaseKeyArn,
      logs: { kmsKeyArn: a.logsKeyArn, retentionInDays: s.logRetentionDays },
      caBundlePem: s.database.caBundlePem ?? rdsRegionalCaBundle(a.region)!,
      monitoringIntervalSeconds: MONITORING_INTERVAL_SECONDS[a.environment],
      partition,
      accountId,
      tags,
    },
    { parent },
  );
  new DatabaseBackup(
    `${name}-database-backup`,
    {
      vaultName: `${names.databaseIdentifier}-vault`,
      resourceArns: [database.instanceArn],
      kmsKeyArn: a.databaseKeyArn,
      retentionDays: RETENTION_DAYS[a.environment],
      lockMode: LOCK_MODE[a.environment],
      partition,
      tags,
    },
    { parent },
  );
  return database;
}
