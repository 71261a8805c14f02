/**
 * The outputs a platform stack exports for its tenants (stacks/targets/aws-platform.ts) and a
 * tenant stack reads through its StackReference (stacks/targets/aws-tenant.ts): one list, so the
 * two cannot drift. `kubeconfig` is a secret; every other output is a plain value.
 */
export const PLATFORM_OUTPUTS = [
  // "platform": the tenant checks it took a platform stack.
  "stackRole",
  // aws:region of the platform; a tenant must be in the same one.
  "awsRegion",
  "kubeconfig",
  "clusterName",
  "clusterEndpoint",
  "clusterSecurityGroupId",
  "clusterAdminRoleArn",
  "oidcProviderArn",
  "oidcIssuerUrl",
  "vpcId",
  "vpcCidr",
  "privateSubnetIds",
  "privateSubnetCidrs",
  // Where the EKS API's private ENIs are (the private subnets): for the NetworkPolicies.
  "apiServerCidrs",
  "databaseSubnetIds",
  "databaseSubnetCidrs",
  "vpcEndpointIds",
  "storageClassName",
  // The client buckets its S3 endpoints admit (enclave:aws.clientBuckets): a client-hosted
  // tenant's bucket must be among them.
  "clientBuckets",
] as const;

export type PlatformOutputName = (typeof PLATFORM_OUTPUTS)[number];

/** The one secret among them. */
export const SECRET_PLATFORM_OUTPUTS: readonly PlatformOutputName[] = ["kubeconfig"];

/**
 * Outputs a platform exports only when it has the part they describe, read by the tenants that
 * ask for it: `sharedDatabase` (enclave:aws.sharedDatabase; stacks/targets/shared-database.ts).
 */
export const OPTIONAL_PLATFORM_OUTPUTS = ["sharedDatabase"] as const;

export type OptionalPlatformOutputName = (typeof OPTIONAL_PLATFORM_OUTPUTS)[number];
