import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type {
  PlatformDatabase,
  PlatformIngress,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { admissionPatterns } from "../cluster";
import { defaultKeyUses, TenantKeyRing } from "../kms";
import { baseLabels } from "../shared/labels";
import type { GcpFootprintArgs } from "./args";
import { createClusterNetwork } from "./cluster";
import { gcpNames } from "./naming";
import { gkeAdminPlaneAccess, gkeIngress } from "./platform";
import { projectServices, storageAuditConfig } from "./project";
import { tenantData } from "./tenantData";

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
  private readonly bindings: ReadonlyMap<string, pulumi.Output<string>>;
  private readonly bindImpl: (request: ServiceAccountBinding) => WorkloadIdentity;

  constructor(name: string, args: GcpFootprintArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:Footprint", name, {}, opts);
    const { project, region, settings: s } = args;
    const names = gcpNames(project, args.tenant, args.environment);
    const labels = baseLabels(args);

    const { apis, identities, agents } = projectServices(name, project, this);
    const apisReady = { parent: this, dependsOn: apis };

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
    const { network, cluster } = createClusterNetwork(
      name,
      {
        project,
        region,
        names,
        settings: s,
        adminCidrs: args.allowlist.admin,
        keyRing,
        admittedImages: admissionPatterns(args.images),
        labels,
      },
      apisReady,
    );
    // The project's Cloud Storage Data Access audit logs (one config per project and service).
    storageAuditConfig(name, project, this);

    const data = tenantData(this, name, {
      component: "GcpFootprint",
      project,
      region,
      tenant: args.tenant,
      environment: args.environment,
      domain: args.domain,
      names,
      labels,
      settings: s,
      keys: keyRing.keyIds,
      keyRing,
      agentIdentities: identities,
      apis,
      network: {
        networkId: network.networkId,
        vpcRanges: Object.values(s.ranges),
        googleApiCidrs: network.googleApiCidrs,
      },
      serviceRangeCidr: s.databaseRangeCidr,
      cluster: { provider: cluster.provider, workloadIdentityPool: cluster.workloadIdentityPool },
      now: args.now,
    });
    const { storage, database, credential } = data;

    this.kubernetesProvider = cluster.provider;
    this.storage = data.platformStorage;
    this.database = data.platformDatabase;
    this.ingress = gkeIngress({
      ranges: s.ranges,
      googleApiCidrs: network.googleApiCidrs,
      certManager: "install",
    });
    this.adminPlaneAccess = gkeAdminPlaneAccess(s.publicEndpoint, args.allowlist.admin);

    this.bindImpl = data.bind;
    this.bindings = data.bindings;

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
