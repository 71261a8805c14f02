import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { runResourcePolicy } from "../../helpers/policy";
import { CRYPTO_KEY, mutate } from "../../helpers/gcp-fixtures";
import rotation from "../../../policy-packs/policies/gcp/gcp-kms-cryptokey-enable-rotation";
import destroyDelay from "../../../policy-packs/policies/gcp/gcp-kms-cryptokey-configure-destroy-delay";
import publicMembers from "../../../policy-packs/policies/gcp/gcp-kms-cryptokey-disallow-public-members";

const run = (
  policy: EnclaveResourcePolicy,
  type: string,
  props: Record<string, unknown>,
  config?: Record<string, unknown>,
) => {
  const outcome = runResourcePolicy(policy, { type, props, config });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const key = (
  policy: EnclaveResourcePolicy,
  path: string,
  value: unknown,
  config?: Record<string, unknown>,
) => run(policy, GCP.cryptoKey, mutate(CRYPTO_KEY, path, value), config);

describe("gcp-kms-cryptokey-enable-rotation", () => {
  it("passes a 90-day rotation and exempts keys Cloud KMS cannot rotate", () => {
    expect(run(rotation, GCP.cryptoKey, CRYPTO_KEY)).toEqual([]);
    expect(key(rotation, "purpose", "ASYMMETRIC_SIGN")).toEqual([]);
  });

  it("fails a key without rotation, symmetric by default", () => {
    expect(
      run(
        rotation,
        GCP.cryptoKey,
        mutate(mutate(CRYPTO_KEY, "purpose", undefined), "rotationPeriod", undefined),
      ),
    ).toEqual([
      "rotationPeriod is not set, so the key is never rotated. Set it to at most 7776000s (90 days).",
    ]);
  });

  it("fails a rotation period longer than the maximum, configurable", () => {
    expect(key(rotation, "rotationPeriod", "31536000s")).toEqual([
      'rotationPeriod is "31536000s" (365 days), longer than 90 days. Set it to at most 7776000s.',
    ]);
    expect(run(rotation, GCP.cryptoKey, CRYPTO_KEY, { maximumRotationDays: 30 })).toEqual([
      'rotationPeriod is "7776000s" (90 days), longer than 30 days. Set it to at most 2592000s.',
    ]);
  });

  it("fails a malformed period", () => {
    expect(key(rotation, "rotationPeriod", "90d")).toEqual([
      'rotationPeriod "90d" is not a duration in seconds. Write it as "7776000s".',
    ]);
  });
});

describe("gcp-kms-cryptokey-configure-destroy-delay", () => {
  it("passes the Cloud KMS default of 30 days", () => {
    expect(key(destroyDelay, "destroyScheduledDuration", undefined)).toEqual([]);
  });

  it("fails a shorter delay", () => {
    expect(key(destroyDelay, "destroyScheduledDuration", "86400s")).toEqual([
      'destroyScheduledDuration is "86400s" (1 day), shorter than 30 days. Set it to at least 2592000s.',
    ]);
  });

  it("fails the default when the stack asks for more", () => {
    expect(
      key(destroyDelay, "destroyScheduledDuration", undefined, { minimumDestroyDelayDays: 60 }),
    ).toEqual([
      "destroyScheduledDuration is not set (30 days), shorter than 60 days. Set it to at least 5184000s.",
    ]);
  });

  it("fails a malformed duration", () => {
    expect(key(destroyDelay, "destroyScheduledDuration", "30 days")).toEqual([
      'destroyScheduledDuration "30 days" is not a duration in seconds. Write it as "2592000s".',
    ]);
  });
});

describe("gcp-kms-cryptokey-disallow-public-members", () => {
  const member = {
    cryptoKeyId: "k",
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    member: "serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com",
  };

  it("passes grants to service agents", () => {
    expect(run(publicMembers, GCP.cryptoKeyIamMember, member)).toEqual([]);
  });

  it("fails key and key ring grants to everyone", () => {
    expect(run(publicMembers, GCP.cryptoKeyIamMember, { ...member, member: "allUsers" })).toEqual([
      "member grants roles/cloudkms.cryptoKeyEncrypterDecrypter to allUsers, which opens the key to everyone. Grant it to specific principals.",
    ]);
    expect(
      run(publicMembers, GCP.keyRingIamBinding, {
        keyRingId: "r",
        role: "roles/cloudkms.viewer",
        members: ["allAuthenticatedUsers"],
      }),
    ).toEqual([
      "members grants roles/cloudkms.viewer to allAuthenticatedUsers, which opens the key to everyone. Grant it to specific principals.",
    ]);
    const policyData = JSON.stringify({
      bindings: [{ role: "roles/cloudkms.admin", members: ["allUsers"] }],
    });
    expect(run(publicMembers, GCP.cryptoKeyIamPolicy, { cryptoKeyId: "k", policyData })).toEqual([
      "policyData.bindings[0] grants roles/cloudkms.admin to allUsers, which opens the key to everyone. Grant it to specific principals.",
    ]);
  });
});
