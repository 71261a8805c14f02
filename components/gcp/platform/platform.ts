import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { privateServiceAccess, validateServiceRange } from "../database";
import { createClusterNetwork } from "../footprint/cluster";
import { gcpNames } from "../footprint/naming";
import { projectServices, storageAuditConfig } from "../footprint/project";
import { defaultKeyUses, TenantKeyRing } from "../kms";
import { baseLabels, withPurpose } from "../shared/labels";
import { throwIfProblems } from "../shared/problems";
import type { GcpPlatformArgs } from "./args";

/**
 * A platform on GCP: what tenants share and nothing of any tenant. The project's APIs and
 * service agents, the platform's key ring (`cluster`: GKE secrets; `volumes`: node boot disks and
 * persistent disks), the VPC (PrivateNetwork) with one Private Service Access range every tenant's
 * Cloud SQL instance takes its address from, the project's Cloud Storage Data Access audit config
 * (one per project: it covers every tenant's bucket), the private GKE cluster (PrivateCluster)
 * and the project's Binary Authorization policy. No namespace, bucket, database or realm of a
 * tenant: tenant stacks create those (components/gcp/tenant) on this cluster.
 *
 * Invokes: `gcp:organizations/getProject:getProject` (the project number, for the agents).
 */
export class GcpPlatform extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly clusterEndpoint: pulumi.Output<string>;
  /** Base64 PEM of the cluster CA. */
  public readonly clusterCaCertificate: pulumi.Output<string>;
  /** kubeconfig (JSON, gke-gcloud-auth-plugin); holds no credential. */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly kubernetesProvider: k8s.Provider;
  /** `<project>.svc.id.goog`. */
  public readonly workloadIdentityPool: string;
  public readonly networkId: pulumi.Output<string>;
  public readonly networkSelfLink: pulumi.Output<string>;
  public readonly subnetworkSelfLink: pulumi.Output<string>;
  /** The Private Google Access VIP (Cloud Storage, Secret Manager, Artifact Registry) on 443. */
  public readonly googleApiCidrs: readonly string[];
  /** The Private Service Access range's GCP name and CIDR. */
  public readonly serviceAccessRangeName: pulumi.Output<string>;
  public readonly serviceAccessCidr: string;
  public readonly keyRingId: pulumi.Output<string>;
  public readonly keyIds: Readonly<Record<"cluster" | "volumes", pulumi.Output<string>>>;
  public readonly nodeServiceAccount: pulumi.Output<string>;

  constructor(name: string, args: GcpPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:Platform", name, {}, opts);
    const { project, region, settings: s } = args;
    throwIfProblems(
      "GcpPlatform",
      name,
      validateServiceRange(s.databaseRangeCidr, Object.values(s.ranges)).map((p) => ({
        ...p,
        path: "settings.databaseRangeCidr",
      })),
      this,
    );
    const names = gcpNames(project, args.name, args.environment);
    const labels = baseLabels({ ...args, tenant: args.name });

    const { apis, identities, agents } = projectServices(name, project, this);
    const apisReady = { parent: this, dependsOn: apis };
    const uses = defaultKeyUses(agents);
    const keyRing = new TenantKeyRing(
      `${name}-keys`,
      {
        project,
        location: region,
        ringName: names.keyRing,
        protectionLevel: s.keyProtectionLevel,
        purposes: ["cluster", "volumes"],
        keys: { cluster: uses.cluster, volumes: uses.volumes },
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
        admittedImages: args.admittedImages,
        labels,
      },
      apisReady,
    );
    // One range for every tenant's Cloud SQL instance (each takes its address from it).
    const access = privateServiceAccess(
      name,
      {
        project,
        networkId: network.networkId,
        rangeName: `${names.prefix}-psa`,
        cidr: s.databaseRangeCidr,
        labels: withPurpose(labels, "database"),
      },
      apisReady,
    );
    // The project's Cloud Storage Data Access audit logs: every tenant's bucket is covered.
    storageAuditConfig(name, project, this);

    this.clusterName = cluster.clusterName;
    this.clusterEndpoint = cluster.endpoint;
    this.clusterCaCertificate = cluster.caCertificate;
    this.kubeconfig = cluster.kubeconfig;
    this.kubernetesProvider = cluster.provider;
    this.workloadIdentityPool = cluster.workloadIdentityPool;
    this.networkId = network.networkId;
    this.networkSelfLink = network.networkSelfLink;
    this.subnetworkSelfLink = network.subnetworkSelfLink;
    this.googleApiCidrs = network.googleApiCidrs;
    this.serviceAccessRangeName = access.range.name;
    this.serviceAccessCidr = s.databaseRangeCidr;
    this.keyRingId = keyRing.keyRingId;
    this.keyIds = keyRing.keyIds;
    this.nodeServiceAccount = cluster.nodeServiceAccountEmail;
    this.registerOutputs({
      clusterName: this.clusterName,
      clusterEndpoint: this.clusterEndpoint,
      networkId: this.networkId,
      serviceAccessRangeName: this.serviceAccessRangeName,
      keyIds: this.keyIds,
    });
  }
}
