import { beforeAll, describe, expect, it } from "vitest";
import type { RawConfig } from "../../stacks/config";
import {
  ACCOUNT,
  named,
  ofType,
  runProgram,
  setAwsMocks,
  type RecordedResource,
} from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";

/** Issue 10, item 5: who may administer the cluster, and how operators get in without it. */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
let cfg: Config;
let target: Target;

beforeAll(async () => {
  await setAwsMocks();
  cfg = await import("../../stacks/config");
  target = await import("../../stacks/targets/aws");
});

const build = (raw: RawConfig, stack: string) =>
  runProgram(() => target.buildAwsTarget(cfg.parseStackConfig(raw, { project: "enclave", stack })));
const withAws = (stack: string, aws: Record<string, unknown>): RawConfig => {
  const raw = readStackFile(stack);
  return {
    ...raw,
    "enclave:aws": JSON.stringify({ ...JSON.parse(raw["enclave:aws"] ?? "{}"), ...aws }),
  };
};
const adminRole = (resources: RecordedResource[], stack: string) =>
  named(resources, "aws:iam/role:Role", `enclave-acme-${stack}-cluster-admin`);
const trustOf = (role: RecordedResource) => JSON.parse(role.inputs.assumeRolePolicy as string);

const ALICE = `arn:aws:iam::${ACCOUNT}:role/alice-admin`;
const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_EnclaveBreakGlass_*`;
const OPERATORS = `arn:aws:iam::${ACCOUNT}:role/acme-operators`;

describe("the cluster-admin role (break-glass)", () => {
  it("dev without named principals: the account root, only with MFA (exact trust policy), and says so", async () => {
    const { resources, result } = await build(readStackFile("aws-dev"), "aws-dev");
    expect(result.outputs["clusterAdminTrust"]).toBe(
      "Break-glass roles (cluster admin, tenant bucket): assumable by any principal of the account that IAM allows sts:AssumeRole, only with MFA (no named principals; prod requires them in enclave:aws.clusterAdminPrincipals).",
    );
    const role = adminRole(resources, "dev");
    expect(trustOf(role)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountPrincipalsWithMfa",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: "sts:AssumeRole",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
      ],
    });
    expect(role.inputs.tags).toMatchObject({
      "enclave:purpose": "cluster-admin",
      "enclave:break-glass": "true",
    });
    expect(role.inputs.maxSessionDuration).toBe(3600);
  });

  it("named principals with MFA and permission-set roles by aws:PrincipalArn; never the root unconditionally", async () => {
    const { resources, result } = await build(
      withAws("aws-prod", { clusterAdminPrincipals: [ALICE], clusterAdminSsoRoleArns: [SSO] }),
      "aws-prod",
    );
    expect(result.outputs["clusterAdminTrust"]).toBe(
      `Break-glass roles (cluster admin, tenant bucket): assumable only by ${ALICE}, each with MFA; and IAM Identity Center roles matching ${SSO} (MFA by the IdP).`,
    );
    const bucketBreakGlass = named(resources, "aws:iam/role:Role", "enclave-acme-prod-break-glass");
    expect(trustOf(bucketBreakGlass)).toEqual(trustOf(adminRole(resources, "prod")));
    expect(bucketBreakGlass.inputs.tags).toMatchObject({
      "enclave:purpose": "break-glass",
      "enclave:break-glass": "true",
    });
    expect(trustOf(adminRole(resources, "prod"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "NamedPrincipalsWithMfa",
          Effect: "Allow",
          Principal: { AWS: [ALICE] },
          Action: "sts:AssumeRole",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
        {
          Sid: "SsoPermissionSetRoles",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: "sts:AssumeRole",
          Condition: { ArnLike: { "aws:PrincipalArn": [SSO] } },
        },
      ],
    });
  });

  it("the aws-prod reference stack trusts its two example principals, with MFA", async () => {
    const { resources } = await build(readStackFile("aws-prod"), "aws-prod");
    expect(trustOf(adminRole(resources, "prod")).Statement).toEqual([
      {
        Sid: "NamedPrincipalsWithMfa",
        Effect: "Allow",
        Principal: {
          AWS: [
            "arn:aws:iam::123456789012:role/acme-breakglass-alice",
            "arn:aws:iam::123456789012:role/acme-breakglass-bob",
          ],
        },
        Action: "sts:AssumeRole",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      },
    ]);
  });
});

describe("EKS access entries", () => {
  it("cluster-admin entries are break-glass; tenant operators get the tenant-operator group only", async () => {
    const { resources, result } = await build(
      withAws("aws-dev", { tenantOperatorRoleArns: [OPERATORS] }),
      "aws-dev",
    );
    const entries = ofType(resources, "aws:eks/accessEntry:AccessEntry");
    const admin = entries.filter((e) => e.inputs.tags["enclave:break-glass"] === "true");
    expect(admin.map((e) => e.inputs.principalArn)).toEqual([
      adminRole(resources, "dev").state.arn,
    ]);
    const operator = entries.filter((e) => e.inputs.tags["enclave:purpose"] === "tenant-operator");
    expect(operator.map((e) => [e.inputs.principalArn, e.inputs.kubernetesGroups])).toEqual([
      [OPERATORS, ["enclave:tenant-operators"]],
    ]);
    expect(entries).toHaveLength(2);
    // Cluster-wide admin goes to the break-glass entry only; the operators have no access policy.
    expect(
      ofType(resources, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((a) => [
        a.inputs.principalArn,
        a.inputs.accessScope,
      ]),
    ).toEqual([[adminRole(resources, "dev").state.arn, { type: "cluster" }]]);
    expect(result.platform?.operatorGroups).toEqual(["enclave:tenant-operators"]);
  });

  it("without tenant-operator roles the Platform maps no group", async () => {
    const { result } = await build(readStackFile("aws-dev"), "aws-dev");
    expect(result.platform?.operatorGroups).toEqual([]);
  });
});
