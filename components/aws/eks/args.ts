import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ArnContext } from "../shared/iam";
import type { AddonVersions } from "./defaults";
import type { Tags } from "../shared/tags";

export interface NodeGroupSettings {
  readonly instanceTypes: readonly string[];
  readonly amiType: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGiB: number;
}

export interface ClusterArgs {
  /** EKS cluster name (also the subnets' discovery tag). */
  readonly clusterName: string;
  /** `<major>.<minor>`, e.g. `1.34`. */
  readonly kubernetesVersion: string;
  readonly arn: ArnContext;
  /** DNS suffix of the partition, for kms:ViaService values. */
  readonly dnsSuffix: string;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets: control-plane ENIs and nodes. */
  readonly privateSubnetIds: readonly pulumi.Input<string>[];
  /**
   * The public API endpoint. Off by default (private endpoint only: run Pulumi from inside the
   * VPC, or over a VPN into it). When on, reachable only from `adminCidrs`.
   */
  readonly publicEndpoint: boolean;
  /** enclave:allowlist.admin: the public endpoint (when on) and the private endpoint's security group. */
  readonly adminCidrs: readonly string[];
  /** The cluster IAM role, created beforehand because the cluster key's policy names it. */
  readonly clusterRole: aws.iam.Role;
  /** Key for Kubernetes secrets (envelope encryption). */
  readonly secretsKeyArn: pulumi.Input<string>;
  /** Key for the nodes' root volumes. */
  readonly volumesKeyArn: pulumi.Input<string>;
  readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
  /**
   * Roles given cluster admin through access entries (break-glass: entries tagged
   * `enclave:break-glass`); the first is the one Pulumi uses.
   */
  readonly adminRoleArns: readonly pulumi.Input<string>[];
  /**
   * Roles of the tenant's operators: an access entry each, mapped to the Kubernetes group
   * TENANT_OPERATOR_GROUP and no EKS access policy, so the tenant-operator Role the app layer binds
   * to that group is all they may do.
   */
  readonly operatorRoleArns: readonly pulumi.Input<string>[];
  readonly nodes: NodeGroupSettings;
  /** The exact version of each managed add-on (defaults: EKS_ADDON_VERSIONS). */
  readonly addonVersions: AddonVersions;
  /**
   * Container logs shipped off the nodes by the `amazon-cloudwatch-observability` add-on at this
   * version, into log groups encrypted with `logs.kmsKeyArn` and kept `logs.retentionInDays`.
   * Absent: nothing ships them (an opt-out aws-eks-cluster-require-log-shipping flags).
   */
  readonly containerLogs?: { readonly addonVersion: string };
  readonly tags: Tags;
}
