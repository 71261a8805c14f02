import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Allowlist, Environment } from "../../shared/platform";
import type { EncryptionKey } from "../kms";
import { breakGlassStatements } from "../identity/policies";
import { accountRoot, policyDocument, roleNamePrefix, toJson } from "../shared/iam";
import { breakGlassTags, withPurpose } from "../shared/tags";
import { SecureBucket } from "../storage/bucket";
import { callerPrincipalPatterns } from "../storage/perimeter";
import { Trail } from "../trail/trail";
import { TRAIL_LOCK_MODE } from "../trail/defaults";
import { breakGlassTrustStatements, type BreakGlassTrust } from "./clusterAdmin";
import type { FootprintContext } from "./context";
import type { AwsSettings } from "./defaults";
import { bucketArn, createKey, storageKeyUsers } from "./keys";

/** The stack's own trail (its ARN is known before it exists: the logs key names it). */
export interface OwnTrail {
  readonly arn: pulumi.Input<string>;
  readonly bucketName: pulumi.Input<string>;
  /** Also deliver it to a CloudWatch log group (names.trailLogGroup). */
  readonly toLogs: boolean;
}

export interface TenantDataArgs {
  readonly context: FootprintContext;
  readonly tenant: string;
  readonly environment: Environment;
  readonly region: string;
  /** App FQDN; the bucket's CORS admits `https://<domain>` only. */
  readonly domain: string;
  readonly allowlist: Allowlist;
  readonly settings: AwsSettings;
  /** Who may assume the bucket's break-glass role (with MFA). */
  readonly trust: BreakGlassTrust;
  /** `aws:PrincipalArn` pattern of the tenant-storage workload roles (bound later, by path). */
  readonly workloadPattern: pulumi.Input<string>;
  /** Further principals the perimeter admits, after the workloads (e.g. the cluster-admin role). */
  readonly perimeterRoles: readonly pulumi.Input<string>[];
  /** Further named roles the perimeter admits, after the KMS administrators. */
  readonly perimeterNamedRoles: readonly string[];
  /** The logs key: access logs and the trail are encrypted with it. */
  readonly logsKey: EncryptionKey;
  readonly dataBucketName: pulumi.Input<string>;
  /** The VPC endpoints the perimeter admits requests through. */
  readonly sourceVpceIds: readonly pulumi.Input<string>[];
  /** Absent: no trail of the stack's own (an organisation trail, or none). */
  readonly trail?: OwnTrail;
}

/** What a stack that owns its tenant's data holds. */
export interface TenantData {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly storageKeyArn: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly breakGlassRoleArn: pulumi.Output<string>;
  readonly trail?: Trail;
}

/**
 * The tenant's data that a stack owns (never with client-hosted: the client's bucket and key are
 * by reference): the bucket's break-glass role, the storage key, the access-log bucket, the data
 * bucket inside its perimeter, the trail with data events on it, and the break-glass policy. One
 * place for AwsFootprint (a tenant with its own cluster) and AwsTenant (a tenant on a platform).
 */
export function createTenantData(
  name: string,
  a: TenantDataArgs,
  parent: pulumi.Resource,
): TenantData {
  const { names, partition, dnsSuffix, accountId, callerArn, ctx, tags, keyArgs } = a.context;
  const s = a.settings;
  // Break-glass: the only principal, besides the one deploying the stack, that may change the
  // tenant bucket's protection (policy, versioning, lifecycle, object lock) or delete it.
  const breakGlassRole = new aws.iam.Role(
    `${name}-break-glass`,
    {
      namePrefix: roleNamePrefix(`${name}-break-glass`),
      description: `Break-glass for the tenant bucket of ${names.prefix}: emergency changes to its perimeter and retention only; every use is an incident`,
      assumeRolePolicy: toJson(
        policyDocument(breakGlassTrustStatements(a.trust, accountRoot(ctx))),
      ),
      maxSessionDuration: 3600,
      tags: breakGlassTags(withPurpose(tags, "break-glass")),
    },
    { parent },
  );
  // Who may use the tenant bucket and its key at all: the tenant-storage workload roles, the
  // named administrators, the principal running `pulumi up` (or its own next update would be
  // refused), break-glass.
  const deployer = callerArn.apply(callerPrincipalPatterns);
  const perimeterPrincipals = pulumi
    .all([
      pulumi.all([a.workloadPattern, ...a.perimeterRoles, breakGlassRole.arn]),
      deployer,
      [...s.kmsAdminRoleArns, ...a.perimeterNamedRoles],
    ])
    .apply((parts) => [...new Set(parts.flat())]);
  const guardians = pulumi
    .all([pulumi.all([breakGlassRole.arn]), deployer])
    .apply((parts) => [...new Set(parts.flat())]);
  const storageKey = createKey(
    name,
    "storage",
    "the tenant's S3 bucket",
    storageKeyUsers(ctx, bucketArn(partition, a.dataBucketName), perimeterPrincipals),
    keyArgs,
    parent,
  );

  const accessLogBucket = new SecureBucket(
    `${name}-access-logs`,
    {
      bucketName: names.accessLogBucket(accountId),
      purpose: "access-logs",
      partition,
      accountId,
      kmsKeyArn: a.logsKey.keyArn,
      receivesAccessLogsFrom: [
        bucketArn(partition, a.dataBucketName),
        ...(a.trail ? [bucketArn(partition, a.trail.bucketName)] : []),
      ],
      corsOrigins: [],
      objectOwnership: "BucketOwnerEnforced",
      noncurrentVersionDays: s.noncurrentVersionRetentionDays,
      expireCurrentAfterDays: s.logRetentionDays,
      tags,
    },
    { parent },
  );
  const dataBucket = new SecureBucket(
    `${name}-data`,
    {
      bucketName: a.dataBucketName,
      purpose: "tenant-data",
      partition,
      accountId,
      kmsKeyArn: storageKey.keyArn,
      accessLogs: {
        targetBucket: accessLogBucket.bucketName,
        targetPrefix: pulumi.interpolate`s3/${a.dataBucketName}/`,
      },
      corsOrigins: [`https://${a.domain}`],
      perimeter: {
        principals: perimeterPrincipals,
        guardians,
        sourceCidrs: a.allowlist.users,
        sourceVpceIds: a.sourceVpceIds,
      },
      ...(s.objectLock !== undefined ? { objectLock: s.objectLock } : {}),
      objectOwnership: s.objectOwnership,
      noncurrentVersionDays: s.noncurrentVersionRetentionDays,
      tags,
    },
    { parent },
  );

  const trail = a.trail
    ? new Trail(
        `${name}-audit`,
        {
          trailName: names.trail,
          trailArn: a.trail.arn,
          bucketName: a.trail.bucketName,
          partition,
          accountId,
          kmsKeyArn: a.logsKey.keyArn,
          dataBucketArns: [dataBucket.bucketArn],
          lock: { mode: TRAIL_LOCK_MODE[a.environment], days: s.logRetentionDays },
          accessLogs: {
            targetBucket: accessLogBucket.bucketName,
            targetPrefix: pulumi.interpolate`s3/${a.trail.bucketName}/`,
          },
          noncurrentVersionDays: s.noncurrentVersionRetentionDays,
          ...(a.trail.toLogs
            ? {
                cloudWatchLogs: {
                  logGroupName: names.trailLogGroup,
                  region: a.region,
                  retentionInDays: s.logRetentionDays,
                },
              }
            : {}),
          tags,
        },
        // The key policy must admit CloudTrail before the trail names the key.
        { parent, dependsOn: [a.logsKey] },
      )
    : undefined;

  new aws.iam.RolePolicy(
    `${name}-break-glass-bucket`,
    {
      role: breakGlassRole.name,
      policy: toJson(
        policyDocument(
          breakGlassStatements(dataBucket.bucketArn, storageKey.keyArn, {
            region: a.region,
            dnsSuffix,
          }),
        ),
      ),
    },
    { parent },
  );

  return {
    bucketName: dataBucket.bucketName,
    bucketArn: dataBucket.bucketArn,
    storageKeyArn: storageKey.keyArn,
    accessLogBucketName: accessLogBucket.bucketName,
    breakGlassRoleArn: breakGlassRole.arn,
    ...(trail ? { trail } : {}),
  };
}
