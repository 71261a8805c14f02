import { describe, expect, it } from "vitest";
import publicTrust from "../../../policy-packs/policies/aws/aws-iam-role-disallow-public-trust";
import bucketPublic from "../../../policy-packs/policies/aws/aws-s3-bucketpolicy-disallow-public-principal";
import keyPublic from "../../../policy-packs/policies/aws/aws-kms-key-disallow-public-principal";
import wildcardResources from "../../../policy-packs/policies/aws/aws-iam-policy-disallow-wildcard-resources";
import rootTrust from "../../../policy-packs/policies/aws/aws-iam-role-disallow-unconditional-root-trust";
import oidcSubject from "../../../policy-packs/policies/aws/aws-iam-role-configure-oidc-subject";
import { limitsCallers, limitsResources, statements } from "../../../policy-packs/lib/aws/iam";
import { rootTrustScopes } from "../../../policy-packs/lib/aws/trust";
import { violationsOf, withValue } from "../../helpers/aws-policies";

/**
 * `Null` { key: "false" } (the key must be present) counts as a scope where the key's presence
 * alone sets the caller or the resource apart (issue 16, item 1); elsewhere it does not.
 */
const doc = (...s: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: s });
const conditionOf = (c: object) => statements(doc({ Effect: "Allow", Condition: c }))[0]!.condition;

/** Compliant fixture: a service-only grant on a bucket, scoped by the presence of aws:SourceArn. */
const serviceOnly = {
  Sid: "ServiceDelivery",
  Effect: "Allow",
  Principal: "*",
  Action: "s3:PutObject",
  Resource: "arn:aws:s3:::tenant-a-logs/*",
  Condition: { Null: { "aws:SourceArn": "false" } },
};

describe("Null conditions on public principals", () => {
  it("count aws:SourceArn, aws:SourceAccount, aws:SourceOwner and aws:PrincipalServiceName presence", () => {
    for (const key of [
      "aws:SourceArn",
      "aws:SourceAccount",
      "aws:SourceOwner",
      "aws:PrincipalServiceName",
    ]) {
      expect(limitsCallers(conditionOf({ Null: { [key]: "false" } }))).toBe(true);
      expect(limitsCallers(conditionOf({ Null: { [key]: false } }))).toBe(true);
    }
    expect(
      violationsOf(bucketPublic, "aws:s3/bucketPolicy:BucketPolicy", { policy: doc(serviceOnly) }),
    ).toEqual([]);
    expect(
      violationsOf(keyPublic, "aws:kms/key:Key", {
        policy: doc({ ...serviceOnly, Action: "kms:Decrypt", Resource: "*" }),
      }),
    ).toEqual([]);
    expect(
      violationsOf(publicTrust, "aws:iam/role:Role", {
        assumeRolePolicy: doc({ ...serviceOnly, Action: "sts:AssumeRole", Resource: undefined }),
      }),
    ).toEqual([]);
  });

  it("do not count Null true (key absent), or presence of keys any caller can have", () => {
    const absent = withValue(serviceOnly, "Condition", { Null: { "aws:SourceArn": "true" } });
    expect(
      violationsOf(bucketPublic, "aws:s3/bucketPolicy:BucketPolicy", { policy: doc(absent) }),
    ).toEqual([
      'Bucket policy statement "ServiceDelivery" allows every principal without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
    for (const key of [
      "aws:PrincipalArn",
      "aws:PrincipalAccount",
      "aws:userid",
      "aws:SourceIp",
      "aws:PrincipalOrgID",
      "aws:SourceVpce",
      "aws:PrincipalTag/team",
    ]) {
      const anyCaller = withValue(serviceOnly, "Condition", { Null: { [key]: "false" } });
      expect(
        violationsOf(bucketPublic, "aws:s3/bucketPolicy:BucketPolicy", { policy: doc(anyCaller) }),
        key,
      ).toHaveLength(1);
    }
    const mixed = withValue(serviceOnly, "Condition", {
      Null: { "aws:SourceArn": ["false", "true"] },
    });
    expect(
      violationsOf(bucketPublic, "aws:s3/bucketPolicy:BucketPolicy", { policy: doc(mixed) }),
    ).toHaveLength(1);
  });
});

describe("Null conditions on wildcard resources", () => {
  const tagged = {
    Sid: "TaggedInstances",
    Effect: "Allow",
    Action: "ec2:TerminateInstances",
    Resource: "*",
    Condition: { Null: { "aws:ResourceTag/enclave:tenant": "false" } },
  };
  it("count a resource or request tag that must be present, and kms:ViaService", () => {
    expect(
      violationsOf(wildcardResources, "aws:iam/policy:Policy", { policy: doc(tagged) }),
    ).toEqual([]);
    expect(
      limitsResources(conditionOf({ Null: { "aws:RequestTag/enclave:tenant": "false" } })),
    ).toBe(true);
    expect(limitsResources(conditionOf({ Null: { "kms:ViaService": "false" } }))).toBe(true);
  });
  it("do not count the presence of the resource account, nor a tag that must be absent", () => {
    for (const condition of [
      { Null: { "aws:ResourceAccount": "false" } },
      { Null: { "aws:ResourceTag/enclave:tenant": "true" } },
      { Null: { "aws:ResourceTag/": "false" } },
    ]) {
      expect(
        violationsOf(wildcardResources, "aws:iam/policy:Policy", {
          policy: doc(withValue(tagged, "Condition", condition)),
        }),
        JSON.stringify(condition),
      ).toEqual([
        'policy statement "TaggedInstances" allows "ec2:TerminateInstances" on every resource. Scope Resource to ARNs or add a resource condition.',
      ]);
    }
  });
});

describe("Null conditions on account-root trust", () => {
  const ROOT = "arn:aws:iam::111122223333:root";
  const taggedOperators = {
    Sid: "TaggedOperators",
    Effect: "Allow",
    Principal: { AWS: ROOT },
    Action: "sts:AssumeRole",
    Condition: { Null: { "aws:PrincipalTag/enclave:operator": "false" } },
  };
  it("count a principal tag that must be present (and MFA age, as before)", () => {
    expect(
      violationsOf(rootTrust, "aws:iam/role:Role", { assumeRolePolicy: doc(taggedOperators) }),
    ).toEqual([]);
    expect(rootTrustScopes(conditionOf({ Null: { "aws:MultiFactorAuthAge": false } }))).toEqual([
      "aws:MultiFactorAuthAge",
    ]);
  });
  it("do not count keys every principal of the account has, or any caller can pass", () => {
    for (const key of ["aws:PrincipalArn", "aws:userid", "aws:PrincipalOrgID", "sts:ExternalId"]) {
      const weak = withValue(taggedOperators, "Condition", { Null: { [key]: "false" } });
      expect(
        violationsOf(rootTrust, "aws:iam/role:Role", { assumeRolePolicy: doc(weak) }),
        key,
      ).toHaveLength(1);
    }
  });
});

describe("Null conditions on web identity trust", () => {
  it("never stand in for a subject condition: every token has a sub", () => {
    const provider =
      "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
    const present = doc({
      Effect: "Allow",
      Principal: { Federated: provider },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { Null: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "false" } },
    });
    expect(
      violationsOf(oidcSubject, "aws:iam/role:Role", { assumeRolePolicy: present }),
    ).toHaveLength(1);
  });
});
