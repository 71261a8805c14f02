import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  EncryptionKey,
  clusterKeyUsers,
  databaseKeyUsers,
  logsKeyUsers,
  storageKeyUsers,
  volumesKeyUsers,
  type KeyUser,
  type KeyUserContext,
} from "../kms";
import type { Tags } from "../shared/tags";
import type { FootprintNames } from "./naming";

export interface KeySetArgs {
  readonly ctx: KeyUserContext;
  readonly names: FootprintNames;
  readonly tenant: string;
  readonly administrators: readonly string[];
  readonly tags: Tags;
}

/** One key per purpose for the tenant; the callers supply the users of each. */
export function createKey(
  name: string,
  purpose: string,
  description: string,
  users: KeyUser[],
  args: KeySetArgs,
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[] = [],
): EncryptionKey {
  return new EncryptionKey(
    `${name}-${purpose}`,
    {
      purpose,
      description: `enclave ${args.tenant}: ${description}`,
      aliasName: args.names.keyAlias(purpose),
      arn: args.ctx,
      administrators: args.administrators,
      users,
      tags: args.tags,
    },
    { parent, dependsOn },
  );
}

export const logGroupArn = (ctx: KeyUserContext, logGroupName: string) =>
  pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${logGroupName}`;

export const bucketArn = (partition: string, bucketName: pulumi.Input<string>) =>
  pulumi.interpolate`arn:${partition}:s3:::${bucketName}`;

export { clusterKeyUsers, databaseKeyUsers, logsKeyUsers, storageKeyUsers, volumesKeyUsers };

/**
 * The EC2 Auto Scaling service-linked role, which the volumes key policy names. KMS refuses a
 * policy naming a role that does not exist; accounts that never used Auto Scaling lack it, and
 * enclave:aws.createAutoscalingServiceLinkedRole creates it (creating it where it exists fails).
 */
export function createAutoscalingServiceLinkedRole(name: string, parent: pulumi.Resource) {
  return new aws.iam.ServiceLinkedRole(
    `${name}-autoscaling-slr`,
    { awsServiceName: "autoscaling.amazonaws.com" },
    { parent, retainOnDelete: true },
  );
}
