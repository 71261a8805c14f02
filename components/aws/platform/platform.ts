import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createClusterNetwork } from "../footprint/cluster";
import { footprintContext } from "../footprint/context";
import { createClusterRole } from "../eks/roles";
import { createClusterAdminRole, describeBreakGlassTrust } from "../footprint/clusterAdmin";
import {
  clusterKeyUsers,
  createAutoscalingServiceLinkedRole,
  createKey,
  logGroupArn,
  logsKeyUsers,
  volumesKeyUsers,
} from "../footprint/keys";
import { createGuardDuty, referenceGuardDuty } from "../trail/guardDuty";
import type { AwsPlatformArgs } from "./args";
import { tenantBucketPattern } from "./naming";
import { createSharedDatabase, type SharedDatabaseInfo } from "./sharedDatabase";

/**
 * A platform on AWS: what tenants share and nothing of any tenant. Per-purpose KMS keys for the
 * platform's own data (logs, cluster secrets, node and persistent volumes), the VPC (flow logs,
 * interface endpoints, S3 endpoints admitting only this account's enclave buckets), the EKS
 * cluster (private API, every control-plane log, container logs shipped by the observability
 * add-on, IRSA), the break-glass cluster-admin role, and the region's GuardDuty detector when the
 * environment or enclave:aws.guardDuty asks for it. No namespace, bucket, database or realm of a
 * tenant: tenant stacks create those (components/aws/tenant) on this cluster. With
 * `sharedDatabase`, one RDS instance its tenants may share, with its own database key, backup and
 * the IRSA role of the admin namespace's service account (sharedDatabase.ts).
 *
 * Invokes: `aws:index/getCallerIdentity:getCallerIdentity` and, when zones are given as a count,
 * `aws:index/getAvailabilityZones:getAvailabilityZones`.
 */
export class AwsPlatform extends pulumi.ComponentResource {
  public readonly accountId: pulumi.Output<string>;
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: string;
  public readonly privateSubnetIds: pulumi.Output<string>[];
  public readonly privateSubnetCidrs: readonly string[];
  public readonly databaseSubnetIds: pulumi.Output<string>[];
  public readonly databaseSubnetCidrs: readonly string[];
  public readonly vpcEndpointIds: pulumi.Output<string>[];
  public readonly flowLogGroupName: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  public readonly clusterEndpoint: pulumi.Output<string>;
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly oidcProviderArn: pulumi.Output<string>;
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  public readonly clusterAdminRoleArn: pulumi.Output<string>;
  public readonly clusterAdminTrust: string;
  /** kubeconfig (JSON, `aws eks get-token` for the cluster-admin role); holds no credential. */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly kubernetesProvider: k8s.Provider;
  public readonly storageClassName: string;
  /** The client buckets the S3 endpoints admit (AwsPlatformArgs.clientBuckets). */
  public readonly clientBuckets: readonly string[];
  public readonly containerLogGroupNames: readonly string[];
  public readonly kmsKeyArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** The region's detector: the platform's own, or the account's named one. */
  public readonly guardDutyDetectorId?: pulumi.Output<string>;
  /** The instance its tenants may share (args.sharedDatabase), when asked for. */
  public readonly sharedDatabase?: SharedDatabaseInfo;

  constructor(name: string, args: AwsPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Platform", name, {}, opts);
    this.clientBuckets = [...(args.clientBuckets ?? [])];
    const s = args.settings;
    const context = footprintContext(this, {
      tenant: args.name,
      environment: args.environment,
      stack: args.stack,
      region: args.region,
      classification: args.classification,
      owner: args.owner,
      guardDutyDetectorId: s.guardDutyDetectorId,
      kmsAdminRoleArns: s.kmsAdminRoleArns,
    });
    const { names, partition, accountId, ctx, tags, keyArgs } = context;

    const trust = { principals: s.clusterAdminPrincipals, ssoRoleArns: s.clusterAdminSsoRoleArns };
    const adminRole = createClusterAdminRole(
      name,
      { clusterName: names.clusterName, ctx, trust, tags },
      this,
    );
    const logsKey = createKey(
      name,
      "logs",
      "the platform's CloudWatch log groups (VPC flow logs, EKS control plane, container logs)",
      logsKeyUsers(
        ctx,
        [
          names.flowLogGroup,
          names.clusterLogGroup,
          ...(s.containerLogs ? names.containerLogGroups : []),
          ...(args.sharedDatabase ? names.databaseLogGroups : []),
        ].map((g) => logGroupArn(ctx, g)),
        [],
        undefined,
      ),
      keyArgs,
      this,
    );
    const clusterRole = createClusterRole(name, partition, tags, this);
    const clusterKey = createKey(
      name,
      "cluster",
      "EKS Kubernetes secrets (envelope encryption)",
      clusterKeyUsers(ctx, clusterRole.role.arn),
      keyArgs,
      this,
    );
    const slr = s.createAutoscalingServiceLinkedRole
      ? [createAutoscalingServiceLinkedRole(name, this)]
      : [];
    const volumesKey = createKey(
      name,
      "volumes",
      "EKS node root volumes and EBS persistent volumes",
      volumesKeyUsers(ctx),
      keyArgs,
      this,
      slr,
    );

    const { network, cluster } = createClusterNetwork(
      name,
      {
        context,
        settings: s,
        allowlist: args.allowlist,
        // The tenants' buckets are created later, by their own stacks: the S3 endpoints admit this
        // account's enclave buckets by name pattern, and the client buckets named here (no other
        // bucket of any account).
        s3Buckets: [tenantBucketPattern(accountId)],
        s3ClientBuckets: this.clientBuckets,
        keys: { logs: logsKey, cluster: clusterKey, volumes: volumesKey },
        clusterRole,
        adminRoleArn: adminRole.arn,
        // Tenant operators are mapped by each tenant stack, to its own group.
        operatorRoleArns: [],
      },
      this,
    );

    if (args.sharedDatabase) {
      this.sharedDatabase = createSharedDatabase(
        name,
        {
          context,
          environment: args.environment,
          region: args.region,
          settings: s,
          vpcId: network.vpcId,
          databaseSubnetIds: network.databaseSubnetIds,
          clusterSecurityGroupId: cluster.clusterSecurityGroupId,
          logsKeyArn: logsKey.keyArn,
          oidcProviderArn: cluster.oidcProviderArn,
          oidcIssuerUrl: cluster.oidcIssuerUrl,
          bootstrap: args.sharedDatabase.bootstrap,
        },
        this,
      );
    }

    if (s.guardDuty) {
      this.guardDutyDetectorId = createGuardDuty(name, tags, this).detector.id;
    } else if (s.guardDutyDetectorId !== undefined) {
      this.guardDutyDetectorId = referenceGuardDuty(name, s.guardDutyDetectorId, this);
    }

    this.accountId = accountId;
    this.vpcId = network.vpcId;
    this.vpcCidr = network.vpcCidr;
    this.privateSubnetIds = network.privateSubnetIds;
    this.privateSubnetCidrs = network.privateSubnetCidrs;
    this.databaseSubnetIds = network.databaseSubnetIds;
    this.databaseSubnetCidrs = network.databaseSubnetCidrs;
    this.vpcEndpointIds = network.vpcEndpointIds;
    this.flowLogGroupName = network.flowLogGroupName;
    this.clusterName = cluster.clusterName;
    this.clusterEndpoint = cluster.endpoint;
    this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcIssuerUrl = cluster.oidcIssuerUrl;
    this.clusterAdminRoleArn = adminRole.arn;
    this.clusterAdminTrust = describeBreakGlassTrust(trust);
    this.kubeconfig = cluster.kubeconfig;
    this.kubernetesProvider = cluster.provider;
    this.storageClassName = cluster.storageClassName;
    this.containerLogGroupNames = cluster.containerLogGroupNames;
    this.kmsKeyArns = {
      logs: logsKey.keyArn,
      cluster: clusterKey.keyArn,
      volumes: volumesKey.keyArn,
      ...(this.sharedDatabase ? { database: this.sharedDatabase.kmsKeyArn } : {}),
    };
    this.registerOutputs({
      vpcId: this.vpcId,
      clusterName: this.clusterName,
      clusterEndpoint: this.clusterEndpoint,
      clusterAdminRoleArn: this.clusterAdminRoleArn,
      kmsKeyArns: this.kmsKeyArns,
    });
  }
}
