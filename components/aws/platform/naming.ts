import * as pulumi from "@pulumi/pulumi";

/**
 * The buckets a platform's S3 endpoints admit: every enclave bucket of the account
 * (`enclave-<tenant>-<environment>-<purpose>-<account id>`, components/aws/footprint/naming.ts).
 * The tenants' own bucket and key policies decide which role reaches which bucket.
 */
export function tenantBucketPattern(accountId: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`enclave-*-${accountId}`;
}
