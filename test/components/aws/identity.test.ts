import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  REGION,
  named,
  ofType,
  resolve,
  runProgram,
  setAwsMocks,
  statement,
} from "../../helpers/aws-target-mocks";

type Identity = typeof import("../../../components/aws/identity");
let identity: Identity;

const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const ISSUER = `https://oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`;
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/77777777-7777-7777-7777-777777777777`;
const ctx = { region: REGION, dnsSuffix: "amazonaws.com" };

beforeAll(async () => {
  await setAwsMocks();
  identity = await import("../../../components/aws/identity");
});

describe("WorkloadRole", () => {
  it("can be assumed only by its service account's token, for STS", async () => {
    const { resources, result } = await runProgram(
      () =>
        new identity.WorkloadRole("app", {
          oidcProviderArn: PROVIDER,
          oidcIssuerUrl: ISSUER,
          namespace: "acme",
          serviceAccountName: "diffgram",
          statements: identity.tenantStorageStatements("bucket-a", KEY, "aws", ctx),
          tags,
        }),
    );
    const role = named(resources, "aws:iam/role:Role", "app-role");
    expect(JSON.parse(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ServiceAccountOnly",
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789:sub`]:
                "system:serviceaccount:acme:diffgram",
              [`oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    });
    expect(role.inputs.tags["enclave:service-account"]).toBe("acme/diffgram");
    expect(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toHaveLength(0);
    expect(await resolve(result.serviceAccountAnnotations["eks.amazonaws.com/role-arn"])).toBe(
      role.state.arn,
    );
    expect(result.serviceAccountAnnotations["eks.amazonaws.com/sts-regional-endpoints"]).toBe(
      "true",
    );
  });

  it("holds only the tenant bucket and the tenant key, the key through S3 only", async () => {
    const { resources } = await runProgram(
      () =>
        new identity.WorkloadRole("app", {
          oidcProviderArn: PROVIDER,
          oidcIssuerUrl: ISSUER,
          namespace: "acme",
          serviceAccountName: "diffgram",
          statements: identity.tenantStorageStatements("bucket-a", KEY, "aws", ctx),
          tags,
        }),
    );
    const policy = JSON.parse(
      named(resources, "aws:iam/rolePolicy:RolePolicy", "app-policy").inputs.policy,
    );
    expect(policy.Statement).toEqual([
      {
        Sid: "TenantBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
        Resource: "arn:aws:s3:::bucket-a",
      },
      {
        Sid: "TenantObjects",
        Effect: "Allow",
        Action: [
          "s3:AbortMultipartUpload",
          "s3:DeleteObject",
          "s3:GetObject",
          "s3:ListMultipartUploadParts",
          "s3:PutObject",
        ],
        Resource: "arn:aws:s3:::bucket-a/*",
      },
      {
        Sid: "OwnerOnlyCannedAcl",
        Effect: "Allow",
        Action: ["s3:PutObjectAcl"],
        Resource: "arn:aws:s3:::bucket-a/*",
        Condition: { StringEquals: { "s3:x-amz-acl": ["private", "bucket-owner-full-control"] } },
      },
      {
        Sid: "TenantKeyThroughS3",
        Effect: "Allow",
        Action: [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:ReEncrypt*",
        ],
        Resource: KEY,
        Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
      },
    ]);
  });

  it("lets the database bootstrap read the master secret and decrypt it through Secrets Manager only", async () => {
    const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-1-AbCdEf`;
    const statements = identity.databaseBootstrapStatements(secret, KEY, ctx);
    expect(statements).toEqual([
      {
        Sid: "MasterSecret",
        Effect: "Allow",
        Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
        Resource: secret,
      },
      {
        Sid: "DatabaseKeyThroughSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: KEY,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      },
    ]);
    const { resources } = await runProgram(
      () =>
        new identity.WorkloadRole("boot", {
          oidcProviderArn: PROVIDER,
          oidcIssuerUrl: ISSUER,
          namespace: "acme",
          serviceAccountName: "db-bootstrap",
          statements,
          tags,
        }),
    );
    expect(
      statement(
        named(resources, "aws:iam/rolePolicy:RolePolicy", "boot-policy").inputs.policy,
        "MasterSecret",
      ).Resource,
    ).toBe(secret);
  });
});

describe("validateWorkloadRoleArgs", () => {
  it("reports every problem with its fix", () => {
    const base = {
      oidcProviderArn: PROVIDER,
      oidcIssuerUrl: ISSUER,
      namespace: "acme",
      serviceAccountName: "app",
      statements: [],
      tags,
    };
    expect(
      identity.validateWorkloadRoleArgs("w", {
        ...base,
        namespace: "Acme",
        serviceAccountName: "App_1",
        statements: [
          { Sid: "Wild", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" },
          { Sid: "All", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" },
        ],
      }),
    ).toEqual([
      'WorkloadRole w: namespace "Acme" is not a Kubernetes namespace name. Fix: use a DNS label',
      'WorkloadRole w: serviceAccountName "App_1" is not a Kubernetes name. Fix: use lower-case letters, digits, - and .',
      'WorkloadRole w: statement "Wild" allows a wildcard action. Fix: list the actions the workload needs',
      'WorkloadRole w: statement "All" applies to every resource. Fix: name the bucket, key or secret',
    ]);
    expect(identity.validateWorkloadRoleArgs("w", base)).toEqual([
      'WorkloadRole w: no permissions were given. Fix: pass statements, or bind the service account with access "none" so no role is created',
    ]);
  });
});
