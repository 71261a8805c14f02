import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { KeyRotation } from "./rotation";

export interface StorageCredentialArgs {
  readonly project: pulumi.Input<string>;
  /** The dedicated service account's id, 6-30 characters, e.g. `enclave-acme-prod-dg`. */
  readonly accountId: string;
  /** The tenant data bucket, the only resource the account is granted anything on. */
  readonly bucketName: pulumi.Input<string>;
  readonly rotation: KeyRotation;
  /** The Kubernetes Secret that receives the active key as `key.json` (the Platform's shape). */
  readonly secret: {
    readonly provider: k8s.Provider;
    /** An operator-managed namespace; the app layer copies the Secret into the tenant's. */
    readonly namespace: string;
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
}
