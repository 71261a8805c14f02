/** What each enclave key encrypts; one key per purpose per tenant and environment. */
export const KEY_PURPOSES = ["cluster", "volumes", "storage", "database", "logs"] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

const DAY = 24 * 60 * 60;

/**
 * Secure defaults of every enclave Cloud KMS key. None is configurable (the protection level,
 * SOFTWARE or HSM, comes from enclave:gcp.keyProtectionLevel): a key that does not rotate, or
 * whose versions can be destroyed without a month's delay, is not an enclave key.
 */
export const KEY_DEFAULTS = {
  purpose: "ENCRYPT_DECRYPT",
  /** 90-day automatic rotation (CIS GCP 1.10; terraform-google-kms's default). */
  rotationPeriod: `${90 * DAY}s`,
  /** 30 days to restore a version scheduled for destruction (Cloud KMS allows 1 to 120). */
  destroyScheduledDuration: `${30 * DAY}s`,
  algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION",
  importOnly: false,
  skipInitialVersionCreation: false,
  /** The provider refuses to delete the key even without Pulumi's protect. */
  deletionPolicy: "PREVENT",
} as const;

/** The one role a key's users get: encrypt and decrypt, never manage or destroy. */
export const KEY_USER_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** Key ring names: 1-63 letters, digits, `_` and `-`. */
export const KEY_RING_NAME = /^[a-zA-Z0-9_-]{1,63}$/;
