import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { footprintContext } from "../footprint/context";
import type {
  PlatformDatabase,
  PlatformIngress,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { createBackedUpDatabase } from "../footprint/database";
import { createTenantData } from "../footprint/tenantData";
import { databaseBootstrapStatements, tenantStorageStatements } from "../identity/policies";
import { createIrsaBinder } from "../identity/binder";
import {
  clientPolicyStatements,
  rolePathPattern,
  tenantStorageRolePath,
  type ClientPolicyStatements,
} from "../storage/perimeter";
import { AWS_METADATA_CIDRS, loadBalancerAnnotations } from "../footprint/ingress";
import {
  bucketArn,
  createKey,
  databaseKeyUsers,
  logGroupArn,
  logsKeyUsers,
} from "../footprint/keys";
import { referenceGuardDuty } from "../trail/guardDuty";
import { referenceOrganizationTrail } from "../trail/organization";
import { formatProblem } from "../../shared/problems";
import type { AwsTenantArgs } from "./args";
import { validateTenantArgs } from "./validate";

/**
 * One tenant on a platform's cluster (components/aws/platform): no VPC, no cluster. Its own KMS
 * keys (logs, database, storage), its bucket with its access-log bucket and perimeter, its trail
 * (with data events on its bucket), its PostgreSQL instance in the platform's database subnets
 * (reached from the cluster's security group), AWS Backup of it, and the IRSA roles the app layer
 * asks for, trusted through the platform's OIDC provider for the tenant's namespace only. It
 * exposes the parts of the Platform contract; stacks/targets/aws-tenant.ts assembles the Platform.
 *
 * Client-hosted (`clientHosted`): the client's bucket and key by reference, and nothing for
 * storage is created (no bucket, access-log bucket, storage key, break-glass or trail: the client's
 * own trail records its bucket); `clientPolicyStatements` is what the client adds to its bucket
 * and key policies. The platform's S3 endpoints must admit the bucket (`platform.clientBuckets`).
 *
 * With `sharedDatabase` (enclave:aws.database.instance: platform) the tenant creates no instance,
 * no database key and no backup: its databases and roles are on the platform's shared instance,
 * made by a bootstrap Job in the platform's namespace (PlatformDatabase.bootstrap), and no IRSA
 * role of the tenant may read that instance's master secret.
 */
export class AwsTenant extends pulumi.ComponentResource {
  public readonly accountId: pulumi.Output<string>;
  public readonly kubernetesProvider: k8s.Provider;
  public readonly kmsKeyArns: Readonly<Record<string, pulumi.Output<string>>>;
  public readonly bucketName: pulumi.Output<string>;
  /** Absent when client-hosted. */
  public readonly accessLogBucketName?: pulumi.Output<string>;
  /** The tenant bucket's break-glass role (absent when client-hosted). */
  public readonly breakGlassRoleArn?: pulumi.Output<string>;
  /** Client-hosted: what the client adds to its own bucket and key policies. */
  public readonly clientPolicyStatements?: ClientPolicyStatements;
  public readonly trailArn?: pulumi.Output<string>;
  public readonly trailBucketName?: pulumi.Output<string>;
  public readonly trailLogGroupName?: pulumi.Output<string>;
  public readonly guardDutyDetectorId?: pulumi.Output<string>;
  public readonly databaseAddress: pulumi.Output<string>;
  public readonly databasePort: pulumi.Output<number>;
  /** The own instance's master secret; undefined on the platform's shared instance. */
  public readonly databaseMasterSecretArn?: pulumi.Output<string>;
  public readonly storage: PlatformStorage;
  public readonly database: PlatformDatabase;
  public readonly ingress: PlatformIngress;

  private readonly binder: ReturnType<typeof createIrsaBinder>;

  constructor(name: string, args: AwsTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Tenant", name, {}, opts);
    const s = args.settings;
    const p = args.platform;
    const shared = args.sharedDatabase;
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
    const problems = validateTenantArgs(args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        problems.map((x) => `AwsTenant ${name}: ${formatProblem(x)}`).join("\n"),
        this,
      );
    }
    const hosted = args.clientHosted;
    const dataBucketName = hosted ? pulumi.output(hosted.bucketName) : names.dataBucket(accountId);
    // The tenant's trail (unless client-hosted: the client's own trail records its bucket; or an
    // organisation trail is named instead). Its ARN is known before it exists: the logs key names it.
    const ownTrail = !hosted && s.organizationTrailArn === undefined;
    const trailArn = ownTrail
      ? pulumi.interpolate`arn:${partition}:cloudtrail:${args.region}:${accountId}:trail/${names.trail}`
      : undefined;
    const trailToLogs = ownTrail && s.trailCloudWatchLogs;
    const trailBucketName = names.trailBucket(accountId);
    const workloadPattern = rolePathPattern(
      partition,
      accountId,
      tenantStorageRolePath(args.tenant, args.environment),
    );

    // The platform's cluster, reached with its kubeconfig (the platform's cluster-admin role).
    this.kubernetesProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: p.kubeconfig },
      { parent: this },
    );

    const logsKey = createKey(
      name,
      "logs",
      "the tenant's CloudWatch log groups (RDS, trail), S3 server access logs and the CloudTrail trail",
      logsKeyUsers(
        ctx,
        [
          ...(shared ? [] : names.databaseLogGroups),
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
    // On the platform's shared instance, the platform's key encrypts it: none here.
    const databaseKey = shared
      ? undefined
      : createKey(
          name,
          "database",
          "RDS storage, snapshots, Performance Insights and master secret",
          databaseKeyUsers(ctx),
          keyArgs,
          this,
        );

    // The tenant's own bucket, key, trail and break-glass, unless the client holds them. The
    // break-glass role is trusted by the tenant's own named principals with MFA
    // (enclave:aws.clusterAdminPrincipals / clusterAdminSsoRoleArns of the tenant stack; outside
    // prod, when none are named, the account with MFA). The platform's break-glass is the platform's.
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
            trust: { principals: s.clusterAdminPrincipals, ssoRoleArns: s.clusterAdminSsoRoleArns },
            workloadPattern,
            perimeterRoles: [],
            perimeterNamedRoles: [],
            logsKey,
            dataBucketName,
            sourceVpceIds: p.vpcEndpointIds,
            ...(trailArn
              ? { trail: { arn: trailArn, bucketName: trailBucketName, toLogs: trailToLogs } }
              : {}),
          },
          this,
        );
    if (owned?.trail) {
      this.trailArn = owned.trail.trailArn;
      this.trailBucketName = owned.trail.bucketName;
      if (owned.trail.cloudWatchLogGroupName) {
        this.trailLogGroupName = owned.trail.cloudWatchLogGroupName;
      }
    } else if (s.organizationTrailArn !== undefined) {
      this.trailArn = referenceOrganizationTrail(name, s.organizationTrailArn, this);
    }
    // The region's detector is the platform's: a tenant only names it (enclave:aws.guardDutyDetectorId).
    if (s.guardDutyDetectorId !== undefined) {
      this.guardDutyDetectorId = referenceGuardDuty(name, s.guardDutyDetectorId, this);
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
        sourceVpceIds: p.vpcEndpointIds,
      });
    }
    // validateTenantArgs (above) refuses a client-hosted store without kmsKeyArn.
    const storageKeyArn = owned ? owned.storageKeyArn : pulumi.output(hosted!.kmsKeyArn!);

    // The tenant's own RDS instance in the platform's database subnets (reached from the cluster's
    // security group), encrypted with the tenant's database key, and its AWS Backup plan.
    const own = databaseKey
      ? createBackedUpDatabase(
          name,
          {
            context,
            environment: args.environment,
            region: args.region,
            settings: s,
            vpcId: p.vpcId,
            subnetIds: [...p.databaseSubnetIds],
            clientSecurityGroupIds: [p.clusterSecurityGroupId],
            databaseKeyArn: databaseKey.keyArn,
            logsKeyArn: logsKey.keyArn,
          },
          this,
        )
      : undefined;

    this.accountId = accountId;
    this.kmsKeyArns = {
      logs: logsKey.keyArn,
      ...(databaseKey ? { database: databaseKey.keyArn } : {}),
      storage: storageKeyArn,
    };
    this.bucketName = owned ? owned.bucketName : dataBucketName;
    if (owned) {
      this.accessLogBucketName = owned.accessLogBucketName;
      this.breakGlassRoleArn = owned.breakGlassRoleArn;
    }
    this.databaseAddress = own ? own.address : pulumi.output(shared!.host);
    this.databasePort = own ? own.port : pulumi.output(shared!.port);
    if (own) {
      this.databaseMasterSecretArn = own.masterUserSecretArn;
    }
    this.storage = {
      provider: "aws",
      bucketName: this.bucketName,
      region: args.region,
      kmsKeyId: storageKeyArn,
      credentials: "workload-identity",
      corsOrigins: [`https://${args.domain}`],
      // S3 through the platform's interface endpoint, in its private subnets.
      network: { cidrs: p.privateSubnetCidrs, port: 443 },
    };
    this.database = own
      ? {
          engine: "postgres",
          host: own.address,
          port: own.port,
          sslMode: "verify-full",
          caBundlePem: own.caBundlePem,
          cidrs: p.databaseSubnetCidrs,
          adminCredentials: { kind: "aws-secrets-manager", secretArn: own.masterUserSecretArn },
        }
      : {
          engine: "postgres",
          host: shared!.host,
          port: shared!.port,
          sslMode: "verify-full",
          caBundlePem: shared!.caBundlePem,
          cidrs: p.databaseSubnetCidrs,
          // Named only in the bootstrap Job, which runs in the platform's namespace.
          adminCredentials: { kind: "aws-secrets-manager", secretArn: shared!.masterSecretArn },
          bootstrap: shared!.bootstrap,
        };
    this.ingress = {
      clusterCidrs: [p.vpcCidr],
      metadataCidrs: [...AWS_METADATA_CIDRS],
      loadBalancerAnnotations: loadBalancerAnnotations(s.ingressScheme, args.allowlist.users),
      kubernetesApiCidrs: p.apiServerCidrs,
      identityEndpoints: p.privateSubnetCidrs.map((cidr) => ({ cidr, port: 443 })),
      cloudApiCidrs: p.privateSubnetCidrs,
      tls: { kind: "cert-manager", issuer: "self-signed" },
      // The platform stack installed cert-manager once for every tenant.
      certManager: "present",
    };

    // IRSA roles trusted through the platform's OIDC provider; the trust names this tenant's
    // namespace and account.
    this.binder = createIrsaBinder({
      name,
      owner: "AwsTenant",
      parent: this,
      tenant: args.tenant,
      environment: args.environment,
      oidcProviderArn: p.oidcProviderArn,
      oidcIssuerUrl: p.oidcIssuerUrl,
      tags,
      statementsFor: (access, request) => {
        if (access === "tenant-storage") {
          return tenantStorageStatements(this.bucketName, storageKeyArn, partition, ctx);
        }
        if (own === undefined || databaseKey === undefined) {
          throw new pulumi.ResourceError(
            `AwsTenant ${name}: bindServiceAccount "${request.name}" asks for the database administrator, but the tenant is on the shared instance of ${p.stack}, whose master secret only the platform's namespace ${shared!.bootstrap.namespace} may read. Fix: run the bootstrap there (PlatformDatabase.bootstrap)`,
            this,
          );
        }
        return databaseBootstrapStatements(own.masterUserSecretArn, databaseKey.keyArn, ctx);
      },
    });

    this.registerOutputs({
      kmsKeyArns: this.kmsKeyArns,
      bucketName: this.bucketName,
      databaseAddress: this.databaseAddress,
      databaseMasterSecretArn: this.databaseMasterSecretArn,
    });
  }

  /** The IRSA roles made so far, by binding name. */
  workloadRoleArns(): Record<string, pulumi.Output<string>> {
    return this.binder.roleArns();
  }

  /** Platform.bindServiceAccount: an IRSA role scoped to the request's access, or nothing for `none`. */
  bindServiceAccount(request: ServiceAccountBinding): WorkloadIdentity {
    return this.binder.bind(request);
  }
}
