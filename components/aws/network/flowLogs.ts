import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type ArnContext,
  policyDocument,
  roleNamePrefix,
  serviceTrustPolicy,
  toJson,
} from "../shared/iam";
import { withPurpose, type Tags } from "../shared/tags";
import { FLOW_LOG_DEFAULTS } from "./defaults";

export interface FlowLogArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly logGroupName: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly retentionInDays: number;
  readonly arn: ArnContext;
  readonly tags: Tags;
}

/**
 * VPC flow logs to a KMS-encrypted CloudWatch log group, delivered by a role that only VPC Flow
 * Logs of this account can assume and that can write only to that group.
 */
export function createFlowLogs(name: string, args: FlowLogArgs, parent: pulumi.Resource) {
  const tags = withPurpose(args.tags, "flow-logs");
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    {
      name: args.logGroupName,
      kmsKeyId: args.kmsKeyArn,
      retentionInDays: args.retentionInDays,
      tags,
    },
    { parent, protect: true },
  );
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      namePrefix: roleNamePrefix(`${name}-flow-logs-role`),
      description: "Delivers this VPC's flow logs to its encrypted log group.",
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs", { sourceAccount: args.arn.accountId }),
      tags,
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${name}-flow-logs-delivery`,
    {
      role: role.name,
      policy: toJson(
        policyDocument([
          {
            Sid: "WriteFlowLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
          },
          {
            Sid: "DescribeLogGroups",
            Effect: "Allow",
            Action: ["logs:DescribeLogGroups"],
            Resource: "*",
          },
        ]),
      ),
    },
    { parent },
  );
  const flowLog = new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      ...FLOW_LOG_DEFAULTS,
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags,
    },
    { parent },
  );
  return { logGroup, role, flowLog };
}
