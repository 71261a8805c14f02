import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_CLASSIFICATION,
  ownerOrTenant,
  type Classification,
} from "../../shared/classification";
import type { Environment } from "../../shared/platform";
import type { KeyUserContext } from "../kms/users";
import { awsPartitionOf } from "../shared/partition";
import { baseTags, type Tags } from "../shared/tags";
import { GUARDDUTY_DETECTOR_TAG } from "../trail/guardDuty";
import type { KeySetArgs } from "./keys";
import { footprintNames, type FootprintNames } from "./naming";

/** Who a footprint belongs to: what names and tags every resource it creates. */
export interface FootprintOwner {
  /** The tenant (or, for a platform stack, the platform's name). */
  readonly tenant: string;
  readonly environment: Environment;
  readonly stack: string;
  readonly region: string;
  readonly classification?: Classification;
  readonly owner?: string;
  /** The account's GuardDuty detector watching the stack, tagged on every resource. */
  readonly guardDutyDetectorId?: string;
  readonly kmsAdminRoleArns: readonly string[];
}

/** The account, names, tags and key context an AWS footprint, platform or tenant builds from. */
export interface FootprintContext {
  readonly names: FootprintNames;
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly accountId: pulumi.Output<string>;
  /** The deployer's ARN (its principal patterns go into key and trust policies). */
  readonly callerArn: pulumi.Output<string>;
  readonly ctx: KeyUserContext;
  readonly tags: Tags;
  readonly keyArgs: KeySetArgs;
}

/** One place for the preamble AwsFootprint, AwsPlatform and AwsTenant share. */
export function footprintContext(parent: pulumi.Resource, o: FootprintOwner): FootprintContext {
  const names = footprintNames(o.tenant, o.environment);
  const { partition, dnsSuffix } = awsPartitionOf(o.region);
  const caller = aws.getCallerIdentityOutput({}, { parent });
  const accountId = caller.accountId;
  const ctx: KeyUserContext = { partition, region: o.region, accountId, dnsSuffix };
  const tags = {
    ...baseTags({
      tenant: o.tenant,
      environment: o.environment,
      stack: o.stack,
      classification: o.classification ?? DEFAULT_CLASSIFICATION,
      owner: ownerOrTenant(o.owner, o.tenant),
    }),
    // The account's detector watches this stack's resources (aws-guardduty-detector-require-enabled reads it).
    ...(o.guardDutyDetectorId !== undefined
      ? { [GUARDDUTY_DETECTOR_TAG]: o.guardDutyDetectorId }
      : {}),
  };
  const keyArgs: KeySetArgs = {
    ctx,
    names,
    tenant: o.tenant,
    administrators: o.kmsAdminRoleArns,
    tags,
  };
  return { names, partition, dnsSuffix, accountId, callerArn: caller.arn, ctx, tags, keyArgs };
}
