import * as pulumi from "@pulumi/pulumi";
import { LOG_EXPORTS } from "../database/defaults";
import { containerLogGroupNames } from "../eks/defaults";

/** Names of the tenant's AWS resources, derived once so every component agrees on them. */
export interface FootprintNames {
  /** `enclave-<tenant>-<environment>`: component names, the EKS cluster, the VPC. */
  readonly prefix: string;
  readonly clusterName: string;
  readonly databaseIdentifier: string;
  readonly flowLogGroup: string;
  readonly clusterLogGroup: string;
  readonly databaseLogGroups: readonly string[];
  /** The observability add-on's Container Insights groups. */
  readonly containerLogGroups: readonly string[];
  readonly keyAlias: (purpose: string) => string;
  /** Bucket names carry the account id: S3 names are global. At most 61 characters. */
  readonly dataBucket: (accountId: pulumi.Input<string>) => pulumi.Output<string>;
  readonly accessLogBucket: (accountId: pulumi.Input<string>) => pulumi.Output<string>;
  /** The stack's CloudTrail trail and its log bucket. */
  readonly trail: string;
  readonly trailBucket: (accountId: pulumi.Input<string>) => pulumi.Output<string>;
  /** The trail's CloudWatch Logs group (enclave:aws.trailCloudWatchLogs). */
  readonly trailLogGroup: string;
}

export function footprintNames(tenant: string, environment: string): FootprintNames {
  const prefix = `enclave-${tenant}-${environment}`;
  const databaseIdentifier = `${prefix}-db`;
  return {
    prefix,
    clusterName: prefix,
    databaseIdentifier,
    flowLogGroup: `/aws/vpc/${prefix}/flow-logs`,
    clusterLogGroup: `/aws/eks/${prefix}/cluster`,
    containerLogGroups: containerLogGroupNames(prefix),
    databaseLogGroups: LOG_EXPORTS.map((type) => `/aws/rds/instance/${databaseIdentifier}/${type}`),
    keyAlias: (purpose) => `alias/enclave/${tenant}/${environment}/${purpose}`,
    dataBucket: (accountId) => pulumi.interpolate`${prefix}-data-${accountId}`,
    accessLogBucket: (accountId) => pulumi.interpolate`${prefix}-access-logs-${accountId}`,
    trail: prefix,
    trailBucket: (accountId) => pulumi.interpolate`${prefix}-trail-${accountId}`,
    trailLogGroup: `/aws/cloudtrail/${prefix}`,
  };
}
