/**
 * The outputs a GCP platform stack exports for its tenants (stacks/targets/gcp-platform.ts) and a
 * GCP tenant stack reads through its StackReference (stacks/targets/gcp-tenant.ts): one list, so
 * the two cannot drift. `kubeconfig` is a secret; every other output is a plain value.
 */
export const GCP_PLATFORM_OUTPUTS = [
  // "platform": the tenant checks it took a platform stack.
  "stackRole",
  // gcp:project and gcp:region of the platform; a tenant must be in the same ones.
  "gcpProject",
  "gcpRegion",
  "kubeconfig",
  "clusterName",
  "clusterEndpoint",
  "clusterCaCertificate",
  // <project>.svc.id.goog: the tenants' Workload Identity bindings name it.
  "workloadIdentityPool",
  "networkId",
  "networkSelfLink",
  "subnetCidr",
  "podsCidr",
  "servicesCidr",
  // The control plane's private /28: for the NetworkPolicies.
  "apiServerCidr",
  // The Private Google Access VIP (Cloud Storage, Secret Manager) on 443.
  "googleApiCidrs",
  // The Private Service Access range every tenant's Cloud SQL instance takes its address from.
  "serviceAccessRangeName",
  "serviceAccessCidr",
  // The project's Binary Authorization patterns: a tenant's images must match one.
  "admittedImages",
  // The project's Data Access audit log types for Cloud Storage (the platform's audit config).
  "storageAuditLogTypes",
] as const;

export type GcpPlatformOutputName = (typeof GCP_PLATFORM_OUTPUTS)[number];

/** The one secret among them. */
export const SECRET_GCP_PLATFORM_OUTPUTS: readonly GcpPlatformOutputName[] = ["kubeconfig"];

/** The outputs that are lists of strings. */
export const GCP_PLATFORM_LIST_OUTPUTS = [
  "googleApiCidrs",
  "admittedImages",
  "storageAuditLogTypes",
] as const satisfies readonly GcpPlatformOutputName[];
