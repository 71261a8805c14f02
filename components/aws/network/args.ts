import type * as pulumi from "@pulumi/pulumi";
import type { ArnContext } from "../shared/iam";
import type { Tags } from "../shared/tags";

export type NatMode = "none" | "single" | "per-az";

export interface NetworkArgs {
  /** IPv4 block of the VPC, /16 to /20. */
  readonly vpcCidr: string;
  /** Availability zone names, one subnet of each tier per zone (2 to 6). */
  readonly availabilityZones: readonly pulumi.Input<string>[];
  /**
   * Egress to the internet for the private subnets: `none` (air-gapped: AWS APIs through the VPC
   * endpoints only, images from ECR), one NAT gateway, or one per zone.
   */
  readonly nat: NatMode;
  /**
   * Create public subnets (tagged for internet-facing load balancers). Required by any NAT; with
   * `nat: none` and an internal load balancer the VPC has no internet gateway at all.
   */
  readonly publicSubnets: boolean;
  /** EKS cluster name, for the subnet discovery tags of the Kubernetes load-balancer controller. */
  readonly clusterName: string;
  readonly arn: ArnContext;
  readonly dnsSuffix: string;
  /** Interface endpoint services (suffix after `com.amazonaws.<region>.`). */
  readonly interfaceEndpoints: readonly string[];
  /**
   * This account's buckets (names or name patterns) the S3 endpoints' policy allows: the tenant and
   * access-log buckets, or a platform's `enclave-*-<account>`. With `s3ClientBuckets`, no other
   * bucket of any account is reachable through them, ECR's layer bucket aside.
   */
  readonly s3Buckets: readonly pulumi.Input<string>[];
  /** Other accounts' buckets, by exact name, the S3 endpoints allow (client-hosted tenants'). */
  readonly s3ClientBuckets?: readonly pulumi.Input<string>[];
  readonly flowLogs: {
    /** CloudWatch log group name, e.g. `/aws/vpc/enclave-acme-prod/flow-logs`. */
    readonly logGroupName: string;
    /** The logs key; the log group is encrypted with it. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly retentionInDays: number;
  };
  readonly tags: Tags;
}
