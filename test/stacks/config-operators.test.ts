import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";
import { resolveAwsSettings } from "../../stacks/config/aws-settings";

const CTX = { project: "enclave", stack: "aws-prod" };
const ROLE = "arn:aws:iam::111122223333:role/alice-admin";
const USER = "arn:aws:iam::111122223333:user/bob";
const SSO =
  "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_EnclaveBreakGlass_*";
const OPERATORS = "arn:aws:iam::111122223333:role/acme-operators";

const base = (environment: string, aws?: unknown): RawConfig => ({
  "enclave:cloud": "aws",
  "enclave:environment": environment,
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["203.0.113.0/24"] }),
  "aws:region": "eu-west-1",
  // prod asks for a trusted issuer first (a cross-key rule, checked before the components' rules)
  "enclave:app": JSON.stringify({ tls: { issuer: { clusterIssuer: "acme-public-issuer" } } }),
  ...(aws !== undefined ? { "enclave:aws": JSON.stringify(aws) } : {}),
});

function problems(raw: RawConfig): string[] {
  try {
    parseStackConfig(raw, CTX);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("enclave:aws operators: valid", () => {
  it("defaults every operator list to [] and passes them on to the footprint", () => {
    expect(resolveAwsSettings("dev", {})).toMatchObject({
      clusterAdminPrincipals: [],
      clusterAdminSsoRoleArns: [],
      tenantOperatorRoleArns: [],
    });
    const aws = {
      clusterAdminPrincipals: [ROLE, USER],
      clusterAdminSsoRoleArns: [SSO],
      tenantOperatorRoleArns: [OPERATORS],
    };
    const config = parseStackConfig(base("prod", aws), CTX);
    expect(resolveAwsSettings("prod", config.aws)).toMatchObject(aws);
  });

  it("accepts prod with named principals, or with permission-set roles only", () => {
    expect(problems(base("prod", { clusterAdminPrincipals: [ROLE] }))).toEqual([]);
    expect(problems(base("prod", { clusterAdminSsoRoleArns: [SSO] }))).toEqual([]);
  });

  it("accepts dev and staging without named principals (the account, with MFA)", () => {
    expect(problems(base("dev"))).toEqual([]);
    expect(problems(base("staging"))).toEqual([]);
  });
});

describe("enclave:aws operators: exact messages", () => {
  it("refuses prod without named principals, naming the key, the value and the fix", () => {
    expect(problems(base("prod"))).toEqual([
      "enclave:aws.clusterAdminPrincipals = []: is empty in prod, so the break-glass cluster-admin role would trust every principal of the account that has MFA. Fix: name the people who may break glass: their IAM role or user ARNs (trusted with MFA), or their IAM Identity Center permission-set roles in enclave:aws.clusterAdminSsoRoleArns.",
    ]);
  });

  it.each([
    [
      { clusterAdminPrincipals: ["arn:aws:iam::111122223333:root"] },
      'enclave:aws.clusterAdminPrincipals[0] = "arn:aws:iam::111122223333:root": is not an IAM role or user ARN. Fix: name one person\'s (or one team\'s) IAM role or user, e.g. "arn:aws:iam::111122223333:role/alice-admin"; never the account root or a wildcard.',
    ],
    [
      { clusterAdminPrincipals: ["arn:aws:iam::111122223333:role/*"] },
      'enclave:aws.clusterAdminPrincipals[0] = "arn:aws:iam::111122223333:role/*": is not an IAM role or user ARN. Fix: name one person\'s (or one team\'s) IAM role or user, e.g. "arn:aws:iam::111122223333:role/alice-admin"; never the account root or a wildcard.',
    ],
    [
      { clusterAdminPrincipals: ROLE },
      `enclave:aws.clusterAdminPrincipals = "${ROLE}": is not a list. Fix: write a YAML list of IAM role or user ARNs (trusted, with MFA, to assume the cluster-admin role).`,
    ],
    [
      {
        clusterAdminSsoRoleArns: [
          "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*",
        ],
      },
      'enclave:aws.clusterAdminSsoRoleArns[0] = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*": is not an IAM Identity Center permission-set role ARN. Fix: write e.g. "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_EnclaveBreakGlass_*" (only the generated suffix and the region may be *).',
    ],
    [
      { clusterAdminSsoRoleArns: [ROLE] },
      `enclave:aws.clusterAdminSsoRoleArns[0] = "${ROLE}": is not an IAM Identity Center permission-set role ARN. Fix: write e.g. "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_EnclaveBreakGlass_*" (only the generated suffix and the region may be *).`,
    ],
    [
      { tenantOperatorRoleArns: [USER] },
      `enclave:aws.tenantOperatorRoleArns[0] = "${USER}": is not an IAM role ARN. Fix: write the role's full ARN (given a tenant-operator access entry, mapped to the tenant-operator Role), e.g. "arn:aws:iam::111122223333:role/platform-admins".`,
    ],
  ])("refuses %j", (aws, expected) => {
    expect(problems(base("dev", aws))).toEqual([expected]);
  });

  it("refuses a role that would be both break-glass and tenant operator", () => {
    expect(
      problems(base("dev", { clusterAdminRoleArns: [ROLE], tenantOperatorRoleArns: [ROLE] })),
    ).toEqual([
      `enclave:aws.tenantOperatorRoleArns[0] = "${ROLE}": is also in enclave:aws.clusterAdminRoleArns; a role has one EKS access entry. Fix: keep day-to-day roles in enclave:aws.tenantOperatorRoleArns only, and break-glass roles in enclave:aws.clusterAdminRoleArns only.`,
    ]);
  });
});
