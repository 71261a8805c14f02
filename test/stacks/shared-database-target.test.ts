import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../stacks/config";
import { OPTIONAL_PLATFORM_OUTPUTS, PLATFORM_OUTPUTS } from "../../stacks/targets/platform-outputs";
import { buildAwsTenantTarget, type PlatformOutputValues } from "../../stacks/targets/aws-tenant";
import { sharedInstanceFrom } from "../../stacks/targets/shared-database";
import { readStackFile } from "../helpers/aws-target-stack";

/** What a tenant on the shared instance accepts from its platform's `sharedDatabase` output. */
const config = parseStackConfig(readStackFile("aws-tenant-shared-db"), {
  project: "enclave",
  stack: "aws-tenant-shared-db",
});

const GOOD = {
  identifier: "enclave-platform-dev-db",
  host: "enclave-platform-dev-db.abc.eu-west-1.rds.amazonaws.com",
  port: 5432,
  caBundlePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  masterSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1",
  bootstrapNamespace: "database-admin",
  bootstrapServiceAccount: "database-admin",
};

function problems(value: unknown): string[] {
  try {
    sharedInstanceFrom(config, value);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("a tenant's view of its platform's shared instance", () => {
  it("is an optional output, not one every platform must export", () => {
    expect(OPTIONAL_PLATFORM_OUTPUTS).toEqual(["sharedDatabase"]);
    expect(PLATFORM_OUTPUTS as readonly string[]).not.toContain("sharedDatabase");
  });

  it("takes the address, CA, master secret and the platform's bootstrap namespace", () => {
    expect(sharedInstanceFrom(config, GOOD)).toEqual({
      host: GOOD.host,
      port: 5432,
      caBundlePem: GOOD.caBundlePem,
      masterSecretArn: GOOD.masterSecretArn,
      bootstrap: { namespace: "database-admin", serviceAccountName: "database-admin" },
    });
  });

  it("refuses a platform without a shared instance, naming enclave:platformStack", () => {
    expect(problems(undefined)).toEqual([
      'enclave:platformStack = "aws-platform": names a platform stack without a shared database instance (no sharedDatabase output), but enclave:aws.database.instance is platform. Fix: set enclave:aws.sharedDatabase: true on aws-platform and run `pulumi up` there, or remove enclave:aws.database.instance (the tenant then has an instance of its own).',
    ]);
  });

  it("refuses a malformed output, naming each missing field", () => {
    expect(problems({ ...GOOD, port: "5432", bootstrapNamespace: undefined })).toEqual([
      'enclave:platformStack = "aws-platform": names a stack whose sharedDatabase output lacks bootstrapNamespace, port. Fix: redeploy aws-platform with this version of enclave.',
    ]);
  });

  it("is checked by the tenant target before anything is created", () => {
    const platform: PlatformOutputValues = {
      stackRole: "platform",
      awsRegion: "eu-west-1",
      kubeconfig: "{}",
      clusterName: "enclave-platform-dev",
      clusterEndpoint: "https://example.eks.amazonaws.com",
      clusterSecurityGroupId: "sg-1",
      clusterAdminRoleArn: "arn:aws:iam::123456789012:role/admin",
      oidcProviderArn:
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X",
      oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/X",
      vpcId: "vpc-1",
      vpcCidr: "10.50.0.0/16",
      privateSubnetIds: ["subnet-1"],
      privateSubnetCidrs: ["10.50.0.0/19"],
      apiServerCidrs: ["10.50.0.0/19"],
      databaseSubnetIds: ["subnet-3"],
      databaseSubnetCidrs: ["10.50.128.0/24"],
      vpcEndpointIds: ["vpce-1"],
      storageClassName: "enclave-encrypted-gp3",
      clientBuckets: [],
    };
    expect(() => buildAwsTenantTarget(config, platform)).toThrow(
      /enclave:platformStack = "aws-platform": names a platform stack without a shared database instance/,
    );
  });
});
