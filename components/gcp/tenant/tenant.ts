import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type {
  PlatformDatabase,
  PlatformIngress,
  PlatformStorage,
  ServiceAccountBinding,
  WorkloadIdentity,
} from "../../shared/platform";
import { gcpNames } from "../footprint/naming";
import { gkeIngress } from "../footprint/platform";
import { projectAgents } from "../footprint/project";
import { tenantData } from "../footprint/tenantData";
import { defaultKeyUses, TenantKeyRing } from "../kms";
import { baseLabels } from "../shared/labels";
import type { GcpTenantArgs } from "./args";

/**
 * One tenant on a platform's GKE cluster (components/gcp/platform): no VPC, no cluster, no node
 * pool, no API or Binary Authorization policy of the project. Its own key ring (`storage`,
 * `database`, `logs`), its bucket and log bucket, its Cloud SQL instance in the platform's VPC
 * (an address from the platform's Private Service Access range), Diffgram's storage credential
 * (its key Secret in `credentials-<tenant>-<environment>`), and Workload Identity for its
 * bootstrap Job through the platform's pool, all from the same wiring as GcpFootprint
 * (footprint/tenantData.ts). The project's Data Access audit config for Cloud Storage is the
 * platform's. It exposes the parts of the Platform contract; stacks/targets/gcp-tenant.ts
 * assembles the Platform.
 *
 * Invokes: `gcp:organizations/getProject:getProject` (the project number, for the agents).
 */
export class GcpTenant extends pulumi.ComponentResource {
  public readonly kubernetesProvider: k8s.Provider;
  public readonly storage: PlatformStorage;
  public readonly database: PlatformDatabase;
  public readonly ingress: PlatformIngress;
  public readonly keyRingId: pulumi.Output<string>;
  public readonly keyIds: Readonly<Record<"storage" | "database" | "logs", pulumi.Output<string>>>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;
  public readonly databaseInstance: pulumi.Output<string>;
  public readonly databaseConnectionName: pulumi.Output<string>;
  public readonly databaseAdminSecretId: pulumi.Output<string>;
  public readonly storageServiceAccount: pulumi.Output<string>;
  private readonly bindings: ReadonlyMap<string, pulumi.Output<string>>;
  private readonly bindImpl: (request: ServiceAccountBinding) => WorkloadIdentity;

  constructor(name: string, args: GcpTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:Tenant", name, {}, opts);
    const { project, region, settings: s } = args;
    const p = args.platform;
    const names = gcpNames(project, args.tenant, args.environment);
    const labels = baseLabels(args);

    // The platform's cluster, reached with its kubeconfig (gke-gcloud-auth-plugin, the caller's
    // Google credentials).
    this.kubernetesProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: p.kubeconfig },
      { parent: this },
    );
    // The platform made the project's agents (ServiceIdentity); the tenant's keys are bound to them.
    const uses = defaultKeyUses(projectAgents(project, this));
    const keyRing = new TenantKeyRing(
      `${name}-keys`,
      {
        project,
        location: region,
        ringName: names.keyRing,
        protectionLevel: s.keyProtectionLevel,
        purposes: ["storage", "database", "logs"],
        keys: { storage: uses.storage, database: uses.database, logs: uses.logs },
        labels,
      },
      { parent: this },
    );
    const data = tenantData(this, name, {
      component: "GcpTenant",
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
      agentIdentities: [],
      apis: [],
      network: {
        networkId: p.networkId,
        vpcRanges: [p.subnetCidr, p.podsCidr, p.servicesCidr, p.apiServerCidr],
        googleApiCidrs: p.googleApiCidrs,
      },
      serviceRangeCidr: p.serviceAccessCidr,
      serviceAccess: { rangeName: p.serviceAccessRangeName },
      cluster: {
        provider: this.kubernetesProvider,
        workloadIdentityPool: p.workloadIdentityPool,
      },
      now: args.now,
    });

    this.storage = data.platformStorage;
    this.database = data.platformDatabase;
    this.ingress = gkeIngress({
      ranges: { subnetCidr: p.subnetCidr, podsCidr: p.podsCidr, controlPlaneCidr: p.apiServerCidr },
      googleApiCidrs: p.googleApiCidrs,
      // The platform stack installed cert-manager once for every tenant.
      certManager: "present",
    });
    this.bindImpl = data.bind;
    this.bindings = data.bindings;
    this.keyRingId = keyRing.keyRingId;
    this.keyIds = keyRing.keyIds;
    this.bucketName = data.storage.dataBucketName;
    this.logBucketName = data.storage.logBucketName;
    this.databaseInstance = data.database.instanceName;
    this.databaseConnectionName = data.database.connectionName;
    this.databaseAdminSecretId = data.database.adminSecretId;
    this.storageServiceAccount = data.credential.serviceAccountEmail;
    this.registerOutputs({
      keyIds: this.keyIds,
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
