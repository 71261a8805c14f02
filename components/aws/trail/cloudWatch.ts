import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, roleNamePrefix, servicePrincipal, toJson } from "../shared/iam";
import { withPurpose, type Tags } from "../shared/tags";

export interface TrailCloudWatchArgs {
  readonly logGroupName: string;
  readonly trailArn: pulumi.Input<string>;
  readonly partition: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly retentionInDays: number;
  readonly tags: Tags;
}

/**
 * The trail's CloudWatch Logs delivery: a log group encrypted with the logs key and kept for the
 * audit retention (protected), and the role CloudTrail assumes to write to it: trusted by
 * `cloudtrail.amazonaws.com` only for this trail (`aws:SourceArn`), allowed only to create the
 * trail's stream (`<account>_CloudTrail_<region>`) in that group and put events into it.
 */
export function createTrailCloudWatch(
  name: string,
  args: TrailCloudWatchArgs,
  parent: pulumi.Resource,
) {
  const group = new aws.cloudwatch.LogGroup(
    `${name}-trail-logs`,
    {
      name: args.logGroupName,
      kmsKeyId: args.kmsKeyArn,
      retentionInDays: args.retentionInDays,
      tags: withPurpose(args.tags, "audit-trail"),
    },
    { parent, protect: true },
  );
  const role = new aws.iam.Role(
    `${name}-trail-delivery`,
    {
      namePrefix: roleNamePrefix(`${name}-trail-delivery`),
      description: `CloudTrail delivery of ${args.logGroupName}: create the trail's stream and put its events, nothing else`,
      assumeRolePolicy: toJson(
        policyDocument([
          {
            Sid: "ThisTrailOnly",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudtrail") },
            Action: "sts:AssumeRole",
            Condition: {
              StringEquals: { "aws:SourceArn": args.trailArn, "aws:SourceAccount": args.accountId },
            },
          },
        ]),
      ),
      maxSessionDuration: 3600,
      tags: withPurpose(args.tags, "audit-trail"),
    },
    { parent },
  );
  const stream = pulumi.interpolate`arn:${args.partition}:logs:${args.region}:${args.accountId}:log-group:${args.logGroupName}:log-stream:${args.accountId}_CloudTrail_${args.region}*`;
  new aws.iam.RolePolicy(
    `${name}-trail-delivery`,
    {
      role: role.name,
      policy: toJson(
        policyDocument([
          {
            Sid: "TrailStreamOnly",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: stream,
          },
        ]),
      ),
    },
    { parent },
  );
  // CloudTrail wants the group's ARN with the `:*` suffix.
  return { group, role, groupArn: pulumi.interpolate`${group.arn}:*` };
}
