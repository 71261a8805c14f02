import { describe, expect, it } from "vitest";
import enableRotation from "../../../policy-packs/policies/aws/aws-kms-key-enable-rotation";
import disallowBypass from "../../../policy-packs/policies/aws/aws-kms-key-disallow-bypass-lockout-check";
import deletionWindow from "../../../policy-packs/policies/aws/aws-kms-key-configure-deletion-window";
import publicPrincipal from "../../../policy-packs/policies/aws/aws-kms-key-disallow-public-principal";
import { violationsOf, withValue } from "../../helpers/aws-policies";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

const keyPolicyDoc = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Admin",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "ViaS3",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:CallerAccount": "111122223333",
          "kms:ViaService": "s3.eu-west-1.amazonaws.com",
        },
      },
    },
  ],
};

const compliantKey = {
  description: "tenant key",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
  policy: JSON.stringify(keyPolicyDoc),
};

describe("aws-kms-key-enable-rotation", () => {
  it("passes a rotating symmetric key", () => {
    expect(violationsOf(enableRotation, KEY, compliantKey)).toEqual([]);
  });
  it("flags a key without rotation", () => {
    expect(
      violationsOf(enableRotation, KEY, withValue(compliantKey, "enableKeyRotation", false)),
    ).toEqual([
      "enableKeyRotation is not true: the key material never rotates. Set enableKeyRotation: true.",
    ]);
    expect(
      violationsOf(enableRotation, KEY, withValue(compliantKey, "enableKeyRotation", undefined)),
    ).toHaveLength(1);
  });
  it("flags a rotation period longer than the configured maximum", () => {
    const key = { ...compliantKey, rotationPeriodInDays: 730 };
    expect(violationsOf(enableRotation, KEY, key)).toEqual([
      "rotationPeriodInDays is 730, longer than the allowed 365 days. Lower it to 365 or less.",
    ]);
    expect(violationsOf(enableRotation, KEY, key, { maximumRotationPeriodDays: 730 })).toEqual([]);
  });
  it("does not judge keys that cannot rotate", () => {
    expect(
      violationsOf(enableRotation, KEY, {
        customerMasterKeySpec: "RSA_2048",
        keyUsage: "SIGN_VERIFY",
      }),
    ).toEqual([]);
    expect(
      violationsOf(enableRotation, KEY, {
        customerMasterKeySpec: "HMAC_256",
        keyUsage: "GENERATE_VERIFY_MAC",
      }),
    ).toEqual([]);
  });
});

describe("aws-kms-key-disallow-bypass-lockout-check", () => {
  it("passes keys and key policies that keep the check", () => {
    expect(violationsOf(disallowBypass, KEY, compliantKey)).toEqual([]);
    expect(
      violationsOf(disallowBypass, KEY_POLICY, {
        keyId: "k",
        policy: "{}",
        bypassPolicyLockoutSafetyCheck: false,
      }),
    ).toEqual([]);
  });
  it("flags a bypass on either resource", () => {
    const message =
      "bypassPolicyLockoutSafetyCheck is true: KMS will accept a key policy that locks every administrator out. Remove it.";
    expect(
      violationsOf(disallowBypass, KEY, { ...compliantKey, bypassPolicyLockoutSafetyCheck: true }),
    ).toEqual([message]);
    expect(
      violationsOf(disallowBypass, KEY_POLICY, {
        keyId: "k",
        policy: "{}",
        bypassPolicyLockoutSafetyCheck: true,
      }),
    ).toEqual([message]);
  });
});

describe("aws-kms-key-configure-deletion-window", () => {
  it("passes the default and a 30-day window", () => {
    expect(violationsOf(deletionWindow, KEY, compliantKey)).toEqual([]);
    expect(
      violationsOf(deletionWindow, KEY, withValue(compliantKey, "deletionWindowInDays", undefined)),
    ).toEqual([]);
  });
  it("flags a window below the configured minimum", () => {
    expect(
      violationsOf(deletionWindow, KEY, withValue(compliantKey, "deletionWindowInDays", 7)),
    ).toEqual([
      "deletionWindowInDays is 7, shorter than the required 30 days. Set it to at least 30.",
    ]);
    expect(
      violationsOf(deletionWindow, KEY, withValue(compliantKey, "deletionWindowInDays", 7), {
        minimumDeletionWindowDays: 7,
      }),
    ).toEqual([]);
  });
});

describe("aws-kms-key-disallow-public-principal", () => {
  it("passes a key policy whose `*` statement is limited to the account", () => {
    expect(violationsOf(publicPrincipal, KEY, compliantKey)).toEqual([]);
    expect(violationsOf(publicPrincipal, KEY_POLICY, { keyId: "k", policy: keyPolicyDoc })).toEqual(
      [],
    );
  });
  it("flags `*` without a caller condition", () => {
    const doc = structuredClone(keyPolicyDoc);
    delete (doc.Statement[1] as { Condition?: unknown }).Condition;
    expect(
      violationsOf(publicPrincipal, KEY, { ...compliantKey, policy: JSON.stringify(doc) }),
    ).toEqual([
      'Key policy statement "ViaS3" allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
  });
  it("does not count conditions that do not limit callers", () => {
    const doc = structuredClone(keyPolicyDoc);
    doc.Statement[1]!.Condition = { Bool: { "aws:SecureTransport": "true" } } as never;
    expect(violationsOf(publicPrincipal, KEY_POLICY, { keyId: "k", policy: doc })).toHaveLength(1);
    doc.Statement[1]!.Condition = {
      StringEqualsIfExists: { "kms:CallerAccount": "111122223333" },
    } as never;
    expect(violationsOf(publicPrincipal, KEY_POLICY, { keyId: "k", policy: doc })).toHaveLength(1);
  });
  it('flags Principal "*" and Allow with NotPrincipal', () => {
    const star = {
      Statement: { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
    };
    expect(violationsOf(publicPrincipal, KEY_POLICY, { keyId: "k", policy: star })).toEqual([
      'Key policy statement 1 allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
    const notPrincipal = {
      Statement: [
        {
          Effect: "Allow",
          NotPrincipal: { AWS: "arn:aws:iam::1:root" },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    };
    expect(
      violationsOf(publicPrincipal, KEY_POLICY, { keyId: "k", policy: notPrincipal }),
    ).toHaveLength(1);
  });
  it("ignores unparseable documents and Deny statements", () => {
    expect(violationsOf(publicPrincipal, KEY, { policy: "not json" })).toEqual([]);
    const deny = {
      Statement: [{ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }],
    };
    expect(violationsOf(publicPrincipal, KEY, { policy: deny })).toEqual([]);
  });
});
