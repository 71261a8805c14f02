import * as pulumi from "@pulumi/pulumi";
import type { DatabaseBootstrapPlacement } from "../../shared/platform";
import type { FootprintContext } from "../footprint/context";
import { createBackedUpDatabase } from "../footprint/database";
import { createKey, databaseKeyUsers } from "../footprint/keys";
import { databaseBootstrapStatements } from "../identity/policies";
import { WorkloadRole } from "../identity/workloadRole";
import type { AwsSettings } from "../footprint/defaults";
import type { Environment } from "../../shared/platform";

/** What a tenant needs of the platform's shared instance (exported as the `sharedDatabase` output). */
export interface SharedDatabaseInfo {
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly caBundlePem: string;
  /** The RDS-managed master secret: read only by the admin namespace's service account. */
  readonly masterSecretArn: pulumi.Output<string>;
  /** The platform's database key (storage, snapshots, the master secret, the backup vault). */
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly identifier: string;
  /** Where the tenants' bootstrap Jobs run (a platform-owned namespace and service account). */
  readonly bootstrap: DatabaseBootstrapPlacement;
  /** Annotations for that service account: its IRSA role, allowed the master secret only. */
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface SharedDatabaseArgs {
  readonly context: Pick<
    FootprintContext,
    "names" | "partition" | "accountId" | "ctx" | "tags" | "keyArgs"
  >;
  readonly environment: Environment;
  readonly region: string;
  readonly settings: AwsSettings;
  readonly vpcId: pulumi.Input<string>;
  readonly databaseSubnetIds: readonly pulumi.Input<string>[];
  /** The cluster's security group: the nodes, where every tenant's pods run. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcIssuerUrl: pulumi.Input<string>;
  readonly bootstrap: DatabaseBootstrapPlacement;
}

/**
 * The platform's one PostgreSQL instance for the tenants that take a database and role on it
 * (enclave:aws.database.instance: platform), with the same hardened defaults as a tenant's own
 * (components/aws/database: its own KMS key, verify-full TLS, pgAudit and DDL logging to
 * encrypted log groups, deletion protection, Enhanced Monitoring; AWS Backup with a locked vault),
 * in the platform's database subnets, admitting the cluster's security group. The master secret
 * is readable by one IRSA role, trusted only by the platform's admin namespace's service account,
 * never by a tenant's.
 */
export function createSharedDatabase(
  name: string,
  args: SharedDatabaseArgs,
  parent: pulumi.Resource,
): SharedDatabaseInfo {
  const { names, ctx, tags, keyArgs } = args.context;
  const s = args.settings;
  const key = createKey(
    name,
    "database",
    "the shared RDS instance of the platform's tenants: storage, snapshots, Performance Insights, master secret and backups",
    databaseKeyUsers(ctx),
    keyArgs,
    parent,
  );
  const database = createBackedUpDatabase(
    name,
    {
      context: args.context,
      environment: args.environment,
      region: args.region,
      settings: s,
      vpcId: args.vpcId,
      subnetIds: [...args.databaseSubnetIds],
      clientSecurityGroupIds: [args.clusterSecurityGroupId],
      databaseKeyArn: key.keyArn,
      logsKeyArn: args.logsKeyArn,
    },
    parent,
  );
  const admin = new WorkloadRole(
    `${name}-database-admin`,
    {
      oidcProviderArn: args.oidcProviderArn,
      oidcIssuerUrl: args.oidcIssuerUrl,
      namespace: args.bootstrap.namespace,
      serviceAccountName: args.bootstrap.serviceAccountName,
      statements: databaseBootstrapStatements(database.masterUserSecretArn, key.keyArn, ctx),
      tags,
    },
    { parent },
  );
  return {
    host: database.address,
    port: database.port,
    caBundlePem: database.caBundlePem,
    masterSecretArn: database.masterUserSecretArn,
    kmsKeyArn: key.keyArn,
    identifier: names.databaseIdentifier,
    bootstrap: args.bootstrap,
    serviceAccountAnnotations: admin.serviceAccountAnnotations,
  };
}
