import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { footprintContext } from "./context";
import { createClusterNetwork } from "./cluster";
import { createBackedUpDatabase } from "./database";
import { createTenantData } from "./tenantData";
import type {
  PlatformDatabase,
  PlatformIngress,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { createClusterRole } from "../eks/roles";
import { databaseBootstrapStatements, tenantStorageStatements } from "../identity/policies";
import { createIrsaBinder } from "../identity/binder";
import {
  clientPolicyStatements,
  rolePathPattern,
  tenantStorageRolePath,
  type ClientPolicyStatements,
} from "../storage/perimeter";
import type { AwsFootprintArgs } from "./args";
import { createClusterAdminRole, describeBreakGlassTrust } from "./clusterAdmin";
import { AWS_METADATA_CIDRS, adminPlaneAccess, loadBalancerAnnotations } from "./ingress";
import {
  bucketArn,
  clusterKeyUsers,
  createAutoscalingServiceLinkedRole,
  createKey,
  databaseKeyUsers,
  logGroupArn,
  logsKeyUsers,
  volumesKeyUsers,
} from "./keys";
import { createGuardDuty, referenceGuardDuty } from "../trail/guardDuty";
import { referenceOrganizationTrail } from "../trail/organization";
import { validateFootprintArgs } from "./validate";
import { formatProblem } from "../../shared/problems";

/**
 * Everything the AWS target builds for one tenant and environment: per-purpose KMS keys, the VPC,
 * the EKS cluster, the tenant bucket and its access-log bucket (unless client-hosted), the
 * PostgreSQL database, and the IRSA roles the app layer asks for. It exposes the parts of
 * the Platform contract; stacks/targets/aws.ts assembles the Platform.
 *
 * Invokes: `aws:index/getCallerIdentity:getCallerIdentity` (the account id for ARNs and key
 * policies) and, when zones are given as a count, `aws:index/getAvailabilityZones:getAvailabilityZones`.
 */
export class AwsFootprint extends pulumi.ComponentResource {
  public readonly accountId: pulumi.Output<string>;
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcEndpointIds: pulumi.Output<string>[];
  public readonly flowLogGroupName: pulumi.Output<string>;
  /** The observability add-on's log groups (empty when enclave:aws.containerLogs is false). */
  public readonly containerLogGroupNames: readonly string[];
  public readonly clusterName: pulumi.Output<string>;
  public readonly clusterEndpoint: pulumi.Output<string>;
  public readonly clusterAdminRoleArn: pulumi.Output<string>;
  /** The tenant bucket's break-glass role (absent when client-hosted). */
  public readonly breakGlassRoleArn?: pulumi.Output<string>;
  /** Client-hosted: what the client adds to its own bucket and key policies. */
  public readonly clientPolicyStatements?: ClientPolicyStatements;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly kubernetesProvider: k8s.Provider;
  public readonly kmsKeyArns: Readonly<Record<string, pulumi.Output<string>>>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly accessLogBucketName?: pulumi.Output<string>;
  /**
   * The trail that records the stack: its own (with its Object Lock bucket), or the organisation
   * trail named by enclave:aws.organizationTrailArn (no bucket then); absent when client-hosted.
   */
  public readonly trailArn?: pulumi.Output<string>;
  public readonly trailBucketName?: pulumi.Output<string>;
  /** The trail's CloudWatch Logs group (enclave:aws.trailCloudWatchLogs). */
  public readonly trailLogGroupName?: pulumi.Output<string>;
  /** The GuardDuty detector: the stack's own, or the account's named one (checked enabled). */
  public readonly guardDutyDetectorId?: pulumi.Output<string>;
  public readonly databaseAddress: pulumi.Output<string>;
  public readonly databasePort: pulumi.Output<number>;
  public readonly databaseMasterSecretArn: pulumi.Output<string>;
  public readonly storage: PlatformStorage;
  public readonly database: PlatformDatabase;
  public readonly ingress: PlatformIngress;
  public readonly adminPlaneAccess: string;
  /** Who may assume the break-glass cluster-admin role, in one sentence. */
  public readonly clusterAdminTrust: string;
  /** Kubernetes groups of the tenant operators' access entries (Platform.operatorGroups). */
  public readonly operatorGroups: readonly string[];

  private readonly binder: ReturnType<typeof createIrsaBinder>;

  constructor(name: string, args: AwsFootprintArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Footprint", name, {}, opts);
    const problems = validateFootprintArgs(args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        problems.map((p) => `AwsFootprint ${name}: ${formatProblem(p)}`).join("\n"),
        this,
      );
    }
    const s = args.settings;
    const context = footprintContext(this, {
      tenant: args.tenant,
      environment: args.environment,
      stack: args.stack,
      region: args.region,
      classification: args.classification,
      owner: args.owner,
      guardDutyDetectorId: s.guardDutyDetectorId,
      kmsAdminRoleArns: s.kmsAdminRoleArns,
    });
    const { names, partition, dnsSuffix, accountId, ctx, tags, keyArgs } = context;
    const hosted = args.clientHosted;
    const dataBucketName = hosted ? pulumi.output(hosted.bucketName) : names.dataBucket(accountId);
    // The stack's trail (unless client-hosted: the client's own trail records its bucket; or an
    // organisation trail is named instead). Its ARN is known before it exists, so the logs key and
    // the trail bucket's policy name it.
    const ownTrail = !hosted && s.organizationTrailArn === undefined;
    const trailArn = ownTrail
      ? pulumi.interpolate`arn:${partition}:cloudtrail:${args.region}:${accountId}:trail/${names.trail}`
      : undefined;
    const trailToLogs = ownTrail && s.trailCloudWatchLogs;
    const trailBucketName = names.trailBucket(accountId);

    // The break-glass admin role Pulumi uses for the cluster (no implicit creator admin), trusted
    // by named principals with MFA (or, outside prod when none are named, the account with MFA).
    const trust = { principals: s.clusterAdminPrincipals, ssoRoleArns: s.clusterAdminSsoRoleArns };
    const adminRole = createClusterAdminRole(
      name,
      { clusterName: names.clusterName, ctx, trust, tags },
      this,
    );

    const workloadPattern = rolePathPattern(
      partition,
      accountId,
      tenantStorageRolePath(args.tenant, args.environment),
    );

    // Keys first: every other resource is encrypted with one of them.
    const logsKey = createKey(
      name,
      "logs",
      "CloudWatch log groups (VPC flow logs, EKS control plane, container logs, RDS), S3 server access logs and the CloudTrail trail",
      logsKeyUsers(
        ctx,
        [
          names.flowLogGroup,
          names.clusterLogGroup,
          ...names.databaseLogGroups,
          ...(s.containerLogs ? names.containerLogGroups : []),
          ...(trailToLogs ? [names.trailLogGroup] : []),
        ].map((g) => logGroupArn(ctx, g)),
        hosted
          ? []
          : [
              bucketArn(partition, dataBucketName),
              ...(ownTrail ? [bucketArn(partition, trailBucketName)] : []),
            ],
        trailArn,
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
    const databaseKey = createKey(
      name,
      "database",
      "RDS storage, snapshots, Performance Insights and master secret",
      databaseKeyUsers(ctx),
      keyArgs,
      this,
    );
    const { network, cluster } = createClusterNetwork(
      name,
      {
        context,
        settings: s,
        allowlist: args.allowlist,
        // The client's bucket is the client's account's: named exactly, without the own-account rule.
        s3Buckets: hosted ? [] : [dataBucketName, names.accessLogBucket(accountId)],
        s3ClientBuckets: hosted ? [dataBucketName] : [],
        keys: { logs: logsKey, cluster: clusterKey, volumes: volumesKey },
        clusterRole,
        adminRoleArn: adminRole.arn,
        operatorRoleArns: s.tenantOperatorRoleArns,
      },
      this,
    );

    // The tenant's own bucket, key, trail and break-glass, unless the client holds them. The
    // perimeter also admits the cluster-admin role and the named cluster administrators. The
    // break-glass role is trusted by the same people as the cluster's (one break-glass concept).
    const owned = hosted
      ? undefined
      : createTenantData(
          name,
          {
            context,
            tenant: args.tenant,
            environment: args.environment,
            region: args.region,
            domain: args.domain,
            allowlist: args.allowlist,
            settings: s,
            trust,
            workloadPattern,
            perimeterRoles: [adminRole.arn],
            perimeterNamedRoles: s.clusterAdminRoleArns,
            logsKey,
            dataBucketName,
            sourceVpceIds: network.vpcEndpointIds,
            ...(trailArn
              ? { trail: { arn: trailArn, bucketName: trailBucketName, toLogs: trailToLogs } }
              : {}),
          },
          this,
        );
    const trail = owned?.trail;

    if (s.organizationTrailArn !== undefined) {
      this.trailArn = referenceOrganizationTrail(name, s.organizationTrailArn, this);
    }
    if (s.guardDuty) {
      this.guardDutyDetectorId = createGuardDuty(name, tags, this).detector.id;
    } else if (s.guardDutyDetectorId !== undefined) {
      this.guardDutyDetectorId = referenceGuardDuty(name, s.guardDutyDetectorId, this);
    }

    // With AWS Backup in a vault under the database key, locked (compliance in prod).
    const database = createBackedUpDatabase(
      name,
      {
        context,
        environment: args.environment,
        region: args.region,
        settings: s,
        vpcId: network.vpcId,
        subnetIds: network.databaseSubnetIds,
        clientSecurityGroupIds: [cluster.clusterSecurityGroupId],
        databaseKeyArn: databaseKey.keyArn,
        logsKeyArn: logsKey.keyArn,
      },
      this,
    );

    // validateFootprintArgs (above) refuses a client-hosted store without kmsKeyArn.
    const storageKeyArn = owned ? owned.storageKeyArn : pulumi.output(hosted!.kmsKeyArn!);
    this.accountId = accountId;
    this.vpcId = network.vpcId;
    this.vpcEndpointIds = network.vpcEndpointIds;
    this.flowLogGroupName = network.flowLogGroupName;
    this.containerLogGroupNames = cluster.containerLogGroupNames;
    this.clusterName = cluster.clusterName;
    this.clusterEndpoint = cluster.endpoint;
    this.clusterAdminRoleArn = adminRole.arn;
    this.operatorGroups = cluster.operatorGroups;
    this.clusterAdminTrust = describeBreakGlassTrust(trust);
    if (owned) {
      this.breakGlassRoleArn = owned.breakGlassRoleArn;
    }
    if (hosted) {
      this.clientPolicyStatements = clientPolicyStatements({
        partition,
        region: args.region,
        dnsSuffix,
        accountId,
        bucketName: hosted.bucketName,
        workloadPattern,
        sourceCidrs: args.allowlist.users,
        sourceVpceIds: network.vpcEndpointIds,
      });
    }
    this.kubeconfig = cluster.kubeconfig;
    this.kubernetesProvider = cluster.provider;
    this.kmsKeyArns = {
      logs: logsKey.keyArn,
      cluster: clusterKey.keyArn,
      volumes: volumesKey.keyArn,
      database: databaseKey.keyArn,
      storage: storageKeyArn,
    };
    this.bucketName = owned ? owned.bucketName : dataBucketName;
    if (owned) {
      this.accessLogBucketName = owned.accessLogBucketName;
    }
    if (trail) {
      this.trailArn = trail.trailArn;
      this.trailBucketName = trail.bucketName;
      if (trail.cloudWatchLogGroupName) {
        this.trailLogGroupName = trail.cloudWatchLogGroupName;
      }
    }
    this.databaseAddress = database.address;
    this.databasePort = database.port;
    this.databaseMasterSecretArn = database.masterUserSecretArn;
    this.storage = {
      provider: "aws",
      bucketName: this.bucketName,
      region: args.region,
      kmsKeyId: storageKeyArn,
      credentials: "workload-identity",
      corsOrigins: [`https://${args.domain}`],
      // S3 through its interface endpoint, whose addresses are in the private subnets.
      network: { cidrs: network.privateSubnetCidrs, port: 443 },
    };
    this.database = {
      engine: "postgres",
      host: database.address,
      port: database.port,
      sslMode: "verify-full",
      caBundlePem: database.caBundlePem,
      cidrs: network.databaseSubnetCidrs,
      adminCredentials: { kind: "aws-secrets-manager", secretArn: database.masterUserSecretArn },
    };
    this.ingress = {
      clusterCidrs: [s.vpcCidr],
      metadataCidrs: [...AWS_METADATA_CIDRS],
      loadBalancerAnnotations: loadBalancerAnnotations(s.ingressScheme, args.allowlist.users),
      // The EKS API's private ENIs sit in the private subnets.
      kubernetesApiCidrs: network.privateSubnetCidrs,
      // IRSA exchanges the token at STS, reached through its interface endpoint in the private
      // subnets.
      identityEndpoints: network.privateSubnetCidrs.map((cidr) => ({ cidr, port: 443 })),
      // Secrets Manager (the bootstrap job's admin secret), through its interface endpoint there.
      cloudApiCidrs: network.privateSubnetCidrs,
      // Self-signed unless the layer's tls settings name an issuer that validates behind the allowlist
      // (ACME DNS-01 or the organisation's CA): HTTP-01 cannot reach an allowlisted NLB.
      tls: { kind: "cert-manager", issuer: "self-signed" },
      // A cluster built here has no cert-manager until the layer installs it.
      certManager: "install",
    };
    this.adminPlaneAccess = adminPlaneAccess(s.publicApiEndpoint, args.allowlist.admin);

    // IRSA roles for the app layer's service accounts, created on request as children.
    this.binder = createIrsaBinder({
      name,
      owner: "AwsFootprint",
      parent: this,
      tenant: args.tenant,
      environment: args.environment,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuerUrl: cluster.oidcIssuerUrl,
      tags,
      statementsFor: (access) =>
        access === "tenant-storage"
          ? tenantStorageStatements(this.bucketName, storageKeyArn, partition, ctx)
          : databaseBootstrapStatements(database.masterUserSecretArn, databaseKey.keyArn, ctx),
    });

    this.registerOutputs({
      vpcId: this.vpcId,
      clusterName: this.clusterName,
      clusterEndpoint: this.clusterEndpoint,
      clusterAdminRoleArn: this.clusterAdminRoleArn,
      kmsKeyArns: this.kmsKeyArns,
      bucketName: this.bucketName,
      databaseAddress: this.databaseAddress,
      databaseMasterSecretArn: this.databaseMasterSecretArn,
    });
  }

  /** The IRSA roles made so far, by binding name (a client-hosted tenant grants these in its policies). */
  workloadRoleArns(): Record<string, pulumi.Output<string>> {
    return this.binder.roleArns();
  }

  /** Platform.bindServiceAccount: an IRSA role scoped to the request's access, or nothing for `none`. */
  bindServiceAccount(request: ServiceAccountBinding): WorkloadIdentity {
    return this.binder.bind(request);
  }
}
