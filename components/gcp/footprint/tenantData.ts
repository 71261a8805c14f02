import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type {
  Environment,
  PlatformDatabase,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { PrivateDatabase } from "../database";
import type { GcpSettings } from "../settings";
import type { Labels } from "../shared/labels";
import { StorageCredential, TenantStorage } from "../storage";
import type { gcpNames } from "./naming";
import { WORKLOAD_IDENTITY_ANNOTATION } from "./platform";

/** PostgreSQL major version, the AWS target's. */
export const POSTGRES_MAJOR = 17;
const STORAGE_SECRET = "enclave-storage-key";

/** Where the tenant's data goes: its own VPC (GcpFootprint) or its platform's (GcpTenant). */
export interface TenantDataArgs {
  /** `GcpFootprint` or `GcpTenant`: names the component in error messages. */
  readonly component: string;
  readonly project: string;
  readonly region: string;
  readonly tenant: string;
  readonly environment: Environment;
  readonly domain: string;
  readonly names: ReturnType<typeof gcpNames>;
  readonly labels: Labels;
  readonly settings: GcpSettings;
  /** The tenant's `storage`, `database` and `logs` keys. */
  readonly keys: {
    readonly storage: pulumi.Input<string>;
    readonly database: pulumi.Input<string>;
    readonly logs: pulumi.Input<string>;
  };
  /** The key ring (the buckets wait for its bindings). */
  readonly keyRing: pulumi.Resource;
  /** What the database waits for besides the ring: the Cloud SQL and Secret Manager agents. */
  readonly agentIdentities: readonly pulumi.Resource[];
  /** What the database and the bootstrap account wait for: the project's APIs, when made here. */
  readonly apis: readonly pulumi.Resource[];
  readonly network: {
    readonly networkId: pulumi.Input<string>;
    /** The VPC's own ranges (subnet, pods, services, control plane), which the PSA range avoids. */
    readonly vpcRanges: readonly string[];
    /** The Private Google Access VIP (Cloud Storage and Secret Manager). */
    readonly googleApiCidrs: readonly string[];
  };
  /** The Private Service Access range Cloud SQL takes its address from. */
  readonly serviceRangeCidr: string;
  /** The platform's PSA, already peered: none is made. Absent: the database makes its own. */
  readonly serviceAccess?: { readonly rangeName: pulumi.Input<string> };
  /** The cluster the credential's Secret and the workload identities are for. */
  readonly cluster: {
    readonly provider: k8s.Provider;
    /** `<project>.svc.id.goog`. */
    readonly workloadIdentityPool: pulumi.Input<string>;
  };
  readonly now: Date;
}

/** The tenant's data, the Platform fields it fills, and its Workload Identity bindings. */
export interface TenantData {
  readonly storage: TenantStorage;
  readonly database: PrivateDatabase;
  readonly credential: StorageCredential;
  readonly platformStorage: PlatformStorage;
  readonly platformDatabase: PlatformDatabase;
  /** The Platform's `bindServiceAccount`. */
  readonly bind: (request: ServiceAccountBinding) => WorkloadIdentity;
  /** The Google service accounts bound so far, by binding name. */
  readonly bindings: ReadonlyMap<string, pulumi.Output<string>>;
}

/**
 * One tenant's data on GCP, the same on its own VPC and on a platform's: the bucket and its log
 * bucket (TenantStorage), Cloud SQL (PrivateDatabase), Diffgram's storage credential with its key
 * Secret in `credentials-<tenant>-<environment>` (restricted PSS, default-deny), and Workload
 * Identity for the database bootstrap Job. Children of `parent`, named from `name`.
 */
export function tenantData(
  parent: pulumi.ComponentResource,
  name: string,
  args: TenantDataArgs,
): TenantData {
  const { project, region, names, labels, settings: s } = args;
  const apisReady = { parent, dependsOn: [...args.apis] };
  const storage = new TenantStorage(
    `${name}-storage`,
    {
      project,
      location: region,
      dataBucketName: names.dataBucket,
      logBucketName: names.logBucket,
      dataKeyId: args.keys.storage,
      logsKeyId: args.keys.logs,
      appOrigin: `https://${args.domain}`,
      ...(s.bucketRetention !== undefined ? { retention: s.bucketRetention } : {}),
      noncurrentVersionRetentionDays: s.noncurrentVersionRetentionDays,
      logRetention: { days: s.logRetentionDays, locked: args.environment === "prod" },
      labels,
    },
    { parent, dependsOn: [args.keyRing] },
  );

  const database = new PrivateDatabase(
    `${name}-database`,
    {
      project,
      region,
      instanceName: names.databaseInstance,
      postgresMajor: POSTGRES_MAJOR,
      networkId: args.network.networkId,
      serviceRangeCidr: args.serviceRangeCidr,
      ...(args.serviceAccess !== undefined ? { serviceAccess: args.serviceAccess } : {}),
      vpcRanges: args.network.vpcRanges,
      databaseKeyId: args.keys.database,
      keyReady: [args.keyRing, ...args.agentIdentities],
      sslMode: "ENCRYPTED_ONLY",
      sizing: s.database,
      labels,
    },
    apisReady,
  );

  // The key file's Secret lives in a namespace of the target's; the layer copies it.
  const provider = args.cluster.provider;
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
    { parent, provider },
  );
  new k8s.networking.v1.NetworkPolicy(
    `${name}-credentials-default-deny`,
    {
      metadata: { name: "default-deny", namespace: credentialsNamespace.metadata.name },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    { parent, provider },
  );
  const credential = new StorageCredential(
    `${name}-diffgram-storage`,
    {
      project,
      accountId: names.storageAccount,
      bucketName: storage.dataBucketName,
      rotation: { rotationDays: s.keyRotationDays, now: args.now },
      secret: {
        provider,
        namespace: names.credentialsNamespace,
        name: STORAGE_SECRET,
        labels: tenantLabels,
      },
    },
    { parent, dependsOn: [credentialsNamespace] },
  );

  // Workload Identity for the bootstrap Job (the admin secret only). Diffgram's storage client
  // reads the key file, so "tenant-storage" binds no identity (the key is the credential).
  const bindings = new Map<string, pulumi.Output<string>>();
  const bind = (request: ServiceAccountBinding): WorkloadIdentity => {
    if (request.access !== "database-bootstrap") {
      return { serviceAccountAnnotations: {} };
    }
    if (bindings.has(request.name)) {
      throw new pulumi.ResourceError(
        `${args.component} ${name}: bindServiceAccount was called twice with name "${request.name}". Fix: give each binding its own name`,
        parent,
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
      { parent },
    );
    new gcp.serviceaccount.IAMMember(
      `${name}-${request.name}-workload-identity`,
      {
        serviceAccountId: account.name,
        role: "roles/iam.workloadIdentityUser",
        member: pulumi.interpolate`serviceAccount:${args.cluster.workloadIdentityPool}[${request.namespace}/${request.serviceAccountName}]`,
      },
      { parent },
    );
    database.grantAdminSecretRead(request.name, account.member);
    bindings.set(request.name, account.email);
    return { serviceAccountAnnotations: { [WORKLOAD_IDENTITY_ANNOTATION]: account.email } };
  };

  return {
    storage,
    database,
    credential,
    platformStorage: {
      provider: "gcp",
      bucketName: storage.dataBucketName,
      region,
      kmsKeyId: args.keys.storage,
      credentials: { ...credential.platformCredentials, createdBy: credential },
      corsOrigins: [`https://${args.domain}`],
      // Cloud Storage through the Private Google Access VIP the VPC resolves it to.
      network: { cidrs: args.network.googleApiCidrs, port: 443 },
    },
    platformDatabase: database.platform,
    bind,
    bindings,
  };
}
