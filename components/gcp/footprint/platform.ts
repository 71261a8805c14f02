import type { PlatformIngress } from "../../shared/platform";
import type { GcpNetworkRanges } from "../settings";

/**
 * How the app is exposed and what its pods may reach on GKE, in one place.
 *
 * The users allowlist is enforced on the load balancer as `loadBalancerSourceRanges` of an
 * external passthrough Network Load Balancer (backend-service based): GKE turns the ranges into
 * the VPC firewall rule of the load balancer, and TLS stays terminated inside the cluster by the
 * ingress controller, so the certificate's key never leaves the tenant's cluster. Cloud Armor
 * would need an Application Load Balancer (a Google proxy that terminates TLS) for the same
 * allowlist; the kit does not use one.
 */
export const GKE_LOAD_BALANCER_ANNOTATIONS = { "cloud.google.com/l4-rbs": "enabled" } as const;

/**
 * Metadata addresses no pod may reach: the metadata server (169.254.169.254) and, on Dataplane
 * V2, its second address (169.254.169.252). Pods bound to a Google service account reach them on
 * the GKE metadata server's ports only, for their own Workload Identity token.
 */
export const GKE_METADATA_CIDRS = ["169.254.169.254/32", "169.254.169.252/32"] as const;
export const GKE_IDENTITY_ENDPOINTS = [
  { cidr: "169.254.169.254/32", port: 80 },
  { cidr: "169.254.169.252/32", port: 988 },
] as const;

/** The Workload Identity annotation of a Kubernetes service account. */
export const WORKLOAD_IDENTITY_ANNOTATION = "iam.gke.io/gcp-service-account";

/** APIs the footprint uses; enabled by the stack, never disabled when it is destroyed. */
export const REQUIRED_APIS = [
  "compute.googleapis.com",
  "container.googleapis.com",
  "cloudkms.googleapis.com",
  "sqladmin.googleapis.com",
  "servicenetworking.googleapis.com",
  "secretmanager.googleapis.com",
  "binaryauthorization.googleapis.com",
  "dns.googleapis.com",
  "iam.googleapis.com",
] as const;

/** Data Access audit logs for Cloud Storage: who read or wrote which object (docs/investigations.md). */
export const STORAGE_AUDIT_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

/** What the stack output says about reaching the Kubernetes API (the admin plane). */
export function gkeAdminPlaneAccess(publicEndpoint: boolean, admin: readonly string[]): string {
  const from = admin.join(", ");
  return publicEndpoint
    ? `GKE API: private endpoint inside the VPC, and public endpoint limited to ${from}. IdP admin console: only from ${from}.`
    : `GKE API: private endpoint only; connect to the VPC (Cloud VPN, Interconnect or a bastion) from ${from}. IdP admin console: only from ${from}.`;
}

/**
 * The Platform's ingress fields on GKE, from the VPC's ranges: the same for a tenant on its own
 * VPC (which installs cert-manager) and one on a platform's (whose cert-manager is present).
 */
export function gkeIngress(args: {
  readonly ranges: Pick<GcpNetworkRanges, "subnetCidr" | "podsCidr" | "controlPlaneCidr">;
  readonly googleApiCidrs: readonly string[];
  readonly certManager: PlatformIngress["certManager"];
}): PlatformIngress {
  return {
    clusterCidrs: [args.ranges.subnetCidr, args.ranges.podsCidr],
    metadataCidrs: [...GKE_METADATA_CIDRS],
    loadBalancerAnnotations: { ...GKE_LOAD_BALANCER_ANNOTATIONS },
    // The control plane's private endpoint.
    kubernetesApiCidrs: [args.ranges.controlPlaneCidr],
    // Secret Manager (the bootstrap Job's admin secret), through the same VIP.
    cloudApiCidrs: args.googleApiCidrs,
    identityEndpoints: GKE_IDENTITY_ENDPOINTS.map((e) => ({ ...e })),
    // Self-signed unless the layer's tls settings name an issuer that validates behind the
    // allowlist (ACME DNS-01 or the organisation's CA), as on AWS.
    tls: { kind: "cert-manager", issuer: "self-signed" },
    certManager: args.certManager,
  };
}
