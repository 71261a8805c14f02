import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../stacks/config";
import { platformClusterFrom, type PlatformOutputValues } from "../../stacks/targets/aws-tenant";
import { PLATFORM_OUTPUTS } from "../../stacks/targets/platform-outputs";
import { readStackFile } from "../helpers/aws-target-stack";

/** What a tenant accepts from the stack its enclave:platformStack names. */
const config = parseStackConfig(readStackFile("aws-tenant-dedicated"), {
  project: "enclave",
  stack: "aws-tenant-dedicated",
});

const GOOD: PlatformOutputValues = {
  stackRole: "platform",
  awsRegion: "eu-west-1",
  kubeconfig: "{}",
  clusterName: "enclave-platform-dev",
  clusterEndpoint: "https://example.eks.amazonaws.com",
  clusterSecurityGroupId: "sg-1",
  clusterAdminRoleArn: "arn:aws:iam::123456789012:role/admin",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X",
  oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/X",
  vpcId: "vpc-1",
  vpcCidr: "10.50.0.0/16",
  privateSubnetIds: ["subnet-1", "subnet-2"],
  privateSubnetCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  apiServerCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  databaseSubnetIds: ["subnet-3", "subnet-4"],
  databaseSubnetCidrs: ["10.50.128.0/24", "10.50.129.0/24"],
  vpcEndpointIds: ["vpce-1"],
  storageClassName: "enclave-encrypted-gp3",
  clientBuckets: [],
};

function problems(values: Partial<Record<string, unknown>>): string[] {
  try {
    platformClusterFrom(config, { ...GOOD, ...values } as PlatformOutputValues);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("a tenant's view of its platform stack", () => {
  it("takes every output of the contract", () => {
    expect(Object.keys(GOOD).sort()).toEqual([...PLATFORM_OUTPUTS].sort());
    expect(platformClusterFrom(config, GOOD)).toMatchObject({
      stack: "aws-platform",
      clusterName: "enclave-platform-dev",
      vpcCidr: "10.50.0.0/16",
      apiServerCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
      databaseSubnetIds: ["subnet-3", "subnet-4"],
    });
  });

  it("refuses a stack that lacks outputs, naming them", () => {
    expect(problems({ oidcProviderArn: undefined, vpcEndpointIds: undefined })).toEqual([
      'enclave:platformStack = "aws-platform": names a stack that does not export oidcProviderArn, vpcEndpointIds. Fix: name a platform stack (enclave:stackRole: platform) that has been deployed with this version of enclave, or run `pulumi up` on aws-platform.',
    ]);
  });

  it("refuses a stack that is not a platform, or in another region", () => {
    expect(problems({ stackRole: "tenant" })).toEqual([
      'enclave:platformStack = "aws-platform": names a stack whose stackRole output is tenant, not platform. Fix: name the platform stack (enclave:stackRole: platform) whose cluster this tenant takes.',
    ]);
    expect(problems({ awsRegion: "us-east-1" })).toEqual([
      "enclave:platformStack = \"aws-platform\": names a platform in aws:region us-east-1, but this stack's aws:region is eu-west-1. Fix: set aws:region to us-east-1 (the tenant's bucket, database and keys live next to the cluster), or name a platform in eu-west-1.",
    ]);
  });

  it("refuses a list output that is not a list of strings", () => {
    expect(problems({ apiServerCidrs: "10.50.0.0/19" })).toEqual([
      'enclave:platformStack = "aws-platform": names a stack whose output apiServerCidrs is not a list of strings. Fix: redeploy aws-platform with this version of enclave.',
    ]);
  });
});
