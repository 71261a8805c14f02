import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { withPurpose } from "../shared/labels";
import { throwIfProblems } from "../shared/problems";
import type { TenantKeyRingArgs } from "./args";
import { KEY_DEFAULTS, KEY_USER_ROLE, type KeyPurpose } from "./defaults";
import { heldPurposes, validateKeyRingArgs } from "./validate";

/**
 * The tenant's Cloud KMS key ring (one per tenant and environment, in the region of the resources
 * it protects) with one key per purpose: 90-day rotation, versions restorable for 30 days after a
 * destruction is scheduled, deletion refused by the provider and by Pulumi (`protect`). Each
 * key's encrypt/decrypt role is bound authoritatively to the users its purpose names (service
 * agents), so no other principal holds it on that key.
 */
export class TenantKeyRing<P extends KeyPurpose = KeyPurpose> extends pulumi.ComponentResource {
  public readonly keyRingId: pulumi.Output<string>;
  /** Key ids (`projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<purpose>`), by purpose. */
  public readonly keyIds: Readonly<Record<P, pulumi.Output<string>>>;

  constructor(name: string, args: TenantKeyRingArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:TenantKeyRing", name, {}, opts);
    throwIfProblems("TenantKeyRing", name, validateKeyRingArgs(args), this);

    // A key ring can never be deleted from GCP; protect keeps Pulumi from forgetting it.
    const ring = new gcp.kms.KeyRing(
      `${name}-ring`,
      { project: args.project, location: args.location, name: args.ringName },
      { parent: this, protect: true },
    );
    const ids = {} as Record<P, pulumi.Output<string>>;
    for (const purpose of heldPurposes(args)) {
      const use = args.keys[purpose];
      const key = new gcp.kms.CryptoKey(
        `${name}-${purpose}`,
        {
          name: purpose,
          keyRing: ring.id,
          purpose: KEY_DEFAULTS.purpose,
          rotationPeriod: KEY_DEFAULTS.rotationPeriod,
          destroyScheduledDuration: KEY_DEFAULTS.destroyScheduledDuration,
          importOnly: KEY_DEFAULTS.importOnly,
          skipInitialVersionCreation: KEY_DEFAULTS.skipInitialVersionCreation,
          deletionPolicy: KEY_DEFAULTS.deletionPolicy,
          versionTemplate: {
            algorithm: KEY_DEFAULTS.algorithm,
            protectionLevel: args.protectionLevel,
          },
          labels: { ...withPurpose(args.labels, purpose) },
        },
        { parent: this, protect: true },
      );
      new gcp.kms.CryptoKeyIAMBinding(
        `${name}-${purpose}-users`,
        { cryptoKeyId: key.id, role: KEY_USER_ROLE, members: [...use.users] },
        { parent: this },
      );
      ids[purpose] = key.id;
    }

    this.keyRingId = ring.id;
    this.keyIds = ids;
    this.registerOutputs({ keyRingId: this.keyRingId, keyIds: this.keyIds });
  }
}
