import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";

export interface DatabaseArgs {
  /** RDS instance identifier (also names its log groups and final snapshot). */
  readonly identifier: string;
  /** PostgreSQL version: a major (`17`) or major.minor (`17.4`). */
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  /** 7 to 35 days of automated backups (point-in-time recovery within them). */
  readonly backupRetentionDays: number;
  readonly caCertIdentifier: string;
  readonly vpcId: pulumi.Input<string>;
  /** Database subnets (no route out of the VPC). */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** Security groups allowed to connect (the cluster's node security group). */
  readonly clientSecurityGroupIds: readonly pulumi.Input<string>[];
  /** Database key: storage, snapshots, Performance Insights and the master secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
  /** PEM bundle of the CA that signs the server certificate, handed to clients. */
  readonly caBundlePem: string;
  /** Enhanced Monitoring interval: one of 1, 5, 10, 15, 30, 60 seconds. */
  readonly monitoringIntervalSeconds: number;
  /** For the monitoring role's managed policy ARN and its confused-deputy guard. */
  readonly partition: string;
  readonly accountId: pulumi.Input<string>;
  readonly tags: Tags;
}
