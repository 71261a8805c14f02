import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WorkloadRole } from "../identity/workloadRole";
import type { ArnContext, Statement } from "../shared/iam";
import { withPurpose, type Tags } from "../shared/tags";
import {
  OBSERVABILITY_ADDON,
  OBSERVABILITY_CONFIGURATION,
  OBSERVABILITY_NAMESPACE,
  OBSERVABILITY_SERVICE_ACCOUNT,
  containerLogGroupNames,
} from "./defaults";

export interface ContainerLogsArgs {
  /** The EKS cluster's name, known before it exists (the log groups are named from it). */
  readonly clusterName: string;
  /** The cluster's name as an output, so the add-on waits for the cluster. */
  readonly cluster: pulumi.Input<string>;
  readonly arn: ArnContext;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** `vX.Y.Z-eksbuild.N` (enclave:aws.observabilityAddonVersion). */
  readonly addonVersion: string;
  readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
  /** What the add-on's pods need first (the node group). */
  readonly waitFor?: readonly pulumi.Resource[];
  readonly tags: Tags;
}

/**
 * What the add-on's agent and Fluent Bit may do: write streams and events to the stack's four
 * Container Insights log groups, and nothing else. This is AWS's CloudWatchAgentServerPolicy
 * narrowed as far as IAM allows: no `logs:PutRetentionPolicy` (the agent cannot shorten the
 * audit retention), `logs:CreateLogGroup` only for the four pre-created groups (Fluent Bit's
 * auto_create_group calls it and treats "already exists" as success), no X-Ray, SSM or
 * `cloudwatch:PutMetricData` (Container Insights metrics reach CloudWatch as embedded metric
 * format events of the `performance` group), and no EC2 Describe calls, which IAM allows only on
 * `Resource: "*"` (the agent then does without EC2 tag and EBS volume decoration).
 */
export function containerLogStatements(arn: ArnContext, clusterName: string): Statement[] {
  const group = (name: string, suffix = "") =>
    pulumi.interpolate`arn:${arn.partition}:logs:${arn.region}:${arn.accountId}:log-group:${name}${suffix}`;
  return [
    {
      Sid: "ContainerInsightsLogGroups",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
      ],
      // The group (CreateLogGroup, CreateLogStream) and its streams (`:*`: PutLogEvents).
      Resource: containerLogGroupNames(clusterName).flatMap((g) => [group(g), group(g, ":*")]),
    },
  ];
}

/**
 * Container logs off the nodes on EKS: the `amazon-cloudwatch-observability` add-on at a pinned
 * version with its own IRSA role (trusted by exactly `amazon-cloudwatch:cloudwatch-agent`), and
 * the four log groups it writes to, created first with the logs key and the audit retention and
 * protected from deletion.
 */
export class ContainerLogs extends pulumi.ComponentResource {
  public readonly addonName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly logGroupNames: readonly string[];

  constructor(name: string, args: ContainerLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:ContainerLogs", name, {}, opts);
    const tags = withPurpose(args.tags, "container-logs");
    this.logGroupNames = containerLogGroupNames(args.clusterName);
    const groups = this.logGroupNames.map(
      (group) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${group.split("/").pop()}`,
          {
            name: group,
            kmsKeyId: args.logs.kmsKeyArn,
            retentionInDays: args.logs.retentionInDays,
            tags,
          },
          { parent: this, protect: true },
        ),
    );
    const role = new WorkloadRole(
      `${name}-agent`,
      {
        oidcProviderArn: args.oidcProviderArn,
        oidcIssuerUrl: args.oidcIssuerUrl,
        namespace: OBSERVABILITY_NAMESPACE,
        serviceAccountName: OBSERVABILITY_SERVICE_ACCOUNT,
        statements: containerLogStatements(args.arn, args.clusterName),
        tags: args.tags,
      },
      { parent: this },
    );
    const addon = new aws.eks.Addon(
      `${name}-addon`,
      {
        clusterName: args.cluster,
        addonName: OBSERVABILITY_ADDON,
        addonVersion: args.addonVersion,
        serviceAccountRoleArn: role.roleArn,
        configurationValues: JSON.stringify(OBSERVABILITY_CONFIGURATION),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        tags,
      },
      // The groups exist (encrypted, expiring) before the agent could create them.
      { parent: this, dependsOn: [...groups, ...(args.waitFor ?? [])] },
    );
    this.addonName = addon.addonName;
    this.roleArn = role.roleArn;
    this.registerOutputs({ addonName: this.addonName, roleArn: this.roleArn });
  }
}
