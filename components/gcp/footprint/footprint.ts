import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type {
  PlatformDatabase,
  PlatformIngress,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { admissionPatterns, DEFAULT_MAINTENANCE_WINDOW, PrivateCluster } from "../cluster";
import { PrivateDatabase } from "../database";
import { defaultKeyUses, TenantKeyRing } from "../kms";
import { PrivateNetwork } from "../network";
import { baseLabels } from "../shared/labels";
import { serviceAgents } from "../shared/agents";
import { StorageCredential, TenantStorage } from "../storage";
import type { GcpFootprintArgs } from "./args";
import { gcpNames } from "./naming";
import {
  GKE_IDENTITY_ENDPOINTS,
  GKE_LOAD_BALANCER_ANNOTATIONS,
  GKE_METADATA_CIDRS,
  REQUIRED_APIS,
  STORAGE_AUDIT_LOG_TYPES,
  WORKLOAD_IDENTITY_ANNOTATION,
  gkeAdminPlaneAccess,
} from "./platform";

/** PostgreSQL major version, the AWS target's. */
const POSTGRES_MAJOR = 17;
const STORAGE_SECRET = "enclave-storage-key";

/**
 * The GCP footprint of one tenant and environment: the APIs it needs, the key ring, the VPC, the
 * bucket and its log bucket (with Cloud Storage's Data Access audit logs), a private GKE cluster,
 * Cloud SQL, Diffgram's storage credential, and Workload Identity for the layer's service accounts.
 * It fills the Platform's storage, database and ingress; nothing in the app layer knows it is GCP.
 */
export class GcpFootprint extends pulumi.ComponentResource {
  public readonly kubernetesProvider: k8s.Provider;
  public readonly storage: PlatformStorage;
  public readonly database: PlatformDatabase;
  public readonly ingress: PlatformIngress;
  public readonly clusterName: pulumi.Output<string>;
  public readonly clusterEndpoint: pulumi.Output<string>;
  public readonly networkId: pulumi.Output<string>;
  public readonly keyRingId: pulumi.Output<string>;
  public readonly keyIds: Readonly<Record<string, pulumi.Output<string>>>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;
  public readonly databaseInstance: pulumi.Output<string>;
  public readonly databaseConnectionName: pulumi.Output<string>;
  public readonly databaseAdminSecretId: pulumi.Output<string>;
  public readonly storageServiceAccount: pulumi.Output<string>;
  public readonly nodeServiceAccount: pulumi.Output<string>;
  public readonly adminPlaneAccess: string;
  private readonly bindings = new Map<string, pulumi.Output<string>>();
  private readonly bindImpl: (request: ServiceAccountBinding) => WorkloadIdentity;

  constructor(name: string, args: GcpFootprintArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:Footprint", name, {}, opts);
    const parent = { parent: this };
    const { project, region, settings: s } = args;
    const names = gcpNames(project, args.tenant, args.environment);
    const labels = baseLabels(args);

    const apis = REQUIRED_APIS.map(
      (service) =>
        new gcp.projects.Service(
          `${name}-api-${service.split(".")[0]}`,
          { project, service, disableOnDestroy: false, disableDependentServices: false },
          parent,
        ),
    );
    const apisReady = { parent: this, dependsOn: apis };
    // Cloud SQL's and Secret Manager's agents exist only once asked for; the keys are bound to them.
    const identities = ["sqladmin.googleapis.com", "secretmanager.googleapis.com"].map(
      (service) =>
        new gcp.projects.ServiceIdentity(
          `${name}-agent-${service.split(".")[0]}`,
          { project, service },
          apisReady,
        ),
    );
    const projectNumber = gcp.organizations
      .getProjectOutput({ projectId: project }, parent)
      .apply((p) => p.number);
    const agents = serviceAgents(projectNumber);

    const keyRing = new TenantKeyRing(
      `${name}-keys`,
      {
        project,
        location: region,
        ringName: names.keyRing,
        protectionLevel: s.keyProtectionLevel,
        keys: defaultKeyUses(agents),
        labels,
      },
      { parent: this, dependsOn: [...apis, ...identities] },
    );
    const network = new PrivateNetwork(
      `${name}-network`,
      {
        project,
        region,
        namePrefix: names.prefix,
        ranges: s.ranges,
        airGapped: s.airGapped,
      },
      apisReady,
    );
    const storage = new TenantStorage(
      `${name}-storage`,
      {
        project,
        location: region,
        dataBucketName: names.dataBucket,
        logBucketName: names.logBucket,
        dataKeyId: keyRing.keyIds.storage,
        logsKeyId: keyRing.keyIds.logs,
        appOrigin: `https://${args.domain}`,
        ...(s.bucketRetention !== undefined ? { retention: s.bucketRetention } : {}),
        noncurrentVersionRetentionDays: s.noncurrentVersionRetentionDays,
        logRetention: { days: s.logRetentionDays, locked: args.environment === "prod" },
        labels,
      },
      { parent: this, dependsOn: [keyRing] },
    );
    // Every object read and write of the project's buckets, by principal. The audit config is the
    // project's for Cloud Storage (one per project and service): a project shared by several
    // stacks keeps it in one of them, or at the folder, and waives the policy in the others.
    new gcp.projects.IAMAuditConfig(
      `${name}-storage-audit`,
      {
        project,
        service: "storage.googleapis.com",
        auditLogConfigs: STORAGE_AUDIT_LOG_TYPES.map((logType) => ({ logType })),
      },
      parent,
    );

    const cluster = new PrivateCluster(
      `${name}-cluster`,
      {
        project,
        location: region,
        clusterName: names.clusterName,
        nodeAccountId: names.nodeAccount,
        network,
        controlPlaneCidr: s.ranges.controlPlaneCidr,
        adminCidrs: args.allowlist.admin,
        publicEndpoint: s.publicEndpoint,
        keys: { secrets: keyRing.keyIds.cluster, volumes: keyRing.keyIds.volumes },
        keyGrants: [keyRing],
        releaseChannel: s.releaseChannel,
        securityPosture: s.securityPosture,
        maintenanceWindow: DEFAULT_MAINTENANCE_WINDOW,
        nodes: s.nodes,
        imagePull: "none",
        admittedImages: admissionPatterns(args.images),
        labels,
      },
      apisReady,
    );

    const database = new PrivateDatabase(
      `${name}-database`,
      {
        project,
        region,
        instanceName: names.databaseInstance,
        postgresMajor: POSTGRES_MAJOR,
        networkId: network.networkId,
        serviceRangeCidr: s.databaseRangeCidr,
        vpcRanges: Object.values(s.ranges),
        databaseKeyId: keyRing.keyIds.database,
        keyReady: [keyRing, ...identities],
        sslMode: "ENCRYPTED_ONLY",
        sizing: s.database,
        labels,
      },
      apisReady,
    );

    // The key file's Secret lives in a namespace of the target's; the layer copies it.
    const tenantLabels = {
      "app.kubernetes.io/instance": args.tenant,
      "app.kubernetes.io/part-of": "enclave",
    };
    const credentialsNamespace = new k8s.core.v1.Namespace(
      `${name}-credentials`,
      {
        metadata: {
          name: names.credentialsNamespace,
          labels: {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
            "app.kubernetes.io/managed-by": "pulumi",
            ...tenantLabels,
          },
        },
      },
      { parent: this, provider: cluster.provider },
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-credentials-default-deny`,
      {
        metadata: { name: "default-deny", namespace: credentialsNamespace.metadata.name },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      },
      { parent: this, provider: cluster.provider },
    );
    const credential = new StorageCredential(
      `${name}-diffgram-storage`,
      {
        project,
        accountId: names.storageAccount,
        bucketName: storage.dataBucketName,
        rotation: { rotationDays: s.keyRotationDays, now: args.now },
        secret: {
          provider: cluster.provider,
          namespace: names.credentialsNamespace,
          name: STORAGE_SECRET,
          labels: tenantLabels,
        },
      },
      { parent: this, dependsOn: [credentialsNamespace] },
    );

    this.kubernetesProvider = cluster.provider;
    this.storage = {
      provider: "gcp",
      bucketName: storage.dataBucketName,
      region,
      kmsKeyId: keyRing.keyIds.storage,
      credentials: { ...credential.platformCredentials, createdBy: credential },
      corsOrigins: [`https://${args.domain}`],
      // Cloud Storage through the Private Google Access VIP the VPC resolves it to.
      network: { cidrs: network.googleApiCidrs, port: 443 },
    };
    this.database = database.platform;
    this.ingress = {
      clusterCidrs: [s.ranges.subnetCidr, s.ranges.podsCidr],
      metadataCidrs: [...GKE_METADATA_CIDRS],
      loadBalancerAnnotations: { ...GKE_LOAD_BALANCER_ANNOTATIONS },
      // The control plane's private endpoint.
      kubernetesApiCidrs: [s.ranges.controlPlaneCidr],
      // Secret Manager (the bootstrap Job's admin secret), through the same VIP.
      cloudApiCidrs: network.googleApiCidrs,
      identityEndpoints: GKE_IDENTITY_ENDPOINTS.map((e) => ({ ...e })),
      // Self-signed unless the layer's tls settings name an issuer that validates behind the
      // allowlist (ACME DNS-01 or the organisation's CA), as on AWS.
      tls: { kind: "cert-manager", issuer: "self-signed" },
      certManager: "install",
    };
    this.adminPlaneAccess = gkeAdminPlaneAccess(s.publicEndpoint, args.allowlist.admin);

    // Workload Identity for the bootstrap Job (the admin secret only). Diffgram's storage client
    // reads the key file, so "tenant-storage" binds no identity (the key is the credential).
    this.bindImpl = (request): WorkloadIdentity => {
      if (request.access !== "database-bootstrap") {
        return { serviceAccountAnnotations: {} };
      }
      if (this.bindings.has(request.name)) {
        throw new pulumi.ResourceError(
          `GcpFootprint ${name}: bindServiceAccount was called twice with name "${request.name}". Fix: give each binding its own name`,
          this,
        );
      }
      const account = new gcp.serviceaccount.Account(
        `${name}-${request.name}`,
        {
          project,
          accountId: names.bootstrapAccount,
          displayName: "enclave: database bootstrap",
          description: "Reads the Cloud SQL administrator's secret; nothing else.",
        },
        parent,
      );
      new gcp.serviceaccount.IAMMember(
        `${name}-${request.name}-workload-identity`,
        {
          serviceAccountId: account.name,
          role: "roles/iam.workloadIdentityUser",
          member: `serviceAccount:${cluster.workloadIdentityPool}[${request.namespace}/${request.serviceAccountName}]`,
        },
        parent,
      );
      database.grantAdminSecretRead(request.name, account.member);
      this.bindings.set(request.name, account.email);
      return { serviceAccountAnnotations: { [WORKLOAD_IDENTITY_ANNOTATION]: account.email } };
    };

    this.clusterName = cluster.clusterName;
    this.clusterEndpoint = cluster.endpoint;
    this.networkId = network.networkId;
    this.keyRingId = keyRing.keyRingId;
    this.keyIds = keyRing.keyIds;
    this.bucketName = storage.dataBucketName;
    this.logBucketName = storage.logBucketName;
    this.databaseInstance = database.instanceName;
    this.databaseConnectionName = database.connectionName;
    this.databaseAdminSecretId = database.adminSecretId;
    this.storageServiceAccount = credential.serviceAccountEmail;
    this.nodeServiceAccount = cluster.nodeServiceAccountEmail;
    this.registerOutputs({
      clusterName: this.clusterName,
      bucketName: this.bucketName,
      databaseInstance: this.databaseInstance,
    });
  }

  /** The Platform's `bindServiceAccount`. */
  public bindServiceAccount(request: ServiceAccountBinding): WorkloadIdentity {
    return this.bindImpl(request);
  }

  /** The Google service accounts bound so far, by binding name. */
  public workloadServiceAccounts(): pulumi.Output<Record<string, string>> {
    return pulumi.all(Object.fromEntries(this.bindings));
  }
}
