/**
 * Secure defaults of every enclave KMS key. None of them is configurable: a key that does not
 * rotate, or that can be deleted within a week, is not an enclave key.
 */
export const KEY_DEFAULTS = {
  /** Yearly automatic rotation of the key material (CIS AWS 3.6 / NIST SC-12). */
  enableKeyRotation: true,
  rotationPeriodInDays: 365,
  /** The longest waiting period AWS allows: a scheduled deletion can be cancelled for 30 days. */
  deletionWindowInDays: 30,
  keyUsage: "ENCRYPT_DECRYPT",
  customerMasterKeySpec: "SYMMETRIC_DEFAULT",
  /** Single-region: the key never leaves the stack's region. */
  multiRegion: false,
  /** Never skip KMS's own check that the new policy still lets someone manage the key. */
  bypassPolicyLockoutSafetyCheck: false,
  isEnabled: true,
} as const;

/**
 * What a key administrator may do: manage the key's life cycle and policy, never encrypt or
 * decrypt with it, and never create grants (a grant would let an administrator use the key).
 */
export const ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/** Cryptographic use of a symmetric key. */
export const USE_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey*",
  "kms:ReEncrypt*",
] as const;

/** Grants that AWS services create to use the key for a resource (EBS volumes, RDS, EKS). */
export const GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"] as const;
