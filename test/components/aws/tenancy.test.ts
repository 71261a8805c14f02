import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformCluster } from "../../../components/aws/tenant/args";
import { resolveAwsSettings } from "../../../stacks/config/aws-settings";
import {
  ACCOUNT,
  REGION,
  doc,
  ofType,
  resolve,
  runProgram,
  setAwsMocks,
} from "../../helpers/aws-target-mocks";

type Platform = typeof import("../../../components/aws/platform");
type Tenant = typeof import("../../../components/aws/tenant");
let platformModule: Platform;
let tenantModule: Tenant;

const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`;
const CLUSTER: PlatformCluster = {
  stack: "aws-platform",
  clusterName: "enclave-platform-dev",
  clusterEndpoint: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
  kubeconfig: "{}",
  oidcProviderArn: PROVIDER,
  oidcIssuerUrl: `https://oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`,
  clusterSecurityGroupId: "sg-0123456789abcdef0",
  clusterAdminRoleArn: `arn:aws:iam::${ACCOUNT}:role/enclave-platform-dev-cluster-admin`,
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.50.0.0/16",
  privateSubnetIds: ["subnet-a", "subnet-b"],
  privateSubnetCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  apiServerCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  databaseSubnetIds: ["subnet-c", "subnet-d"],
  databaseSubnetCidrs: ["10.50.128.0/24", "10.50.129.0/24"],
  vpcEndpointIds: ["vpce-0123456789abcdef0"],
  storageClassName: "enclave-encrypted-gp3",
};
const COMMON = {
  environment: "dev" as const,
  stack: "t",
  allowlist: { admin: ["198.51.100.0/24"], users: ["192.0.2.0/24"] },
  region: REGION,
  settings: resolveAwsSettings("dev", {}),
};

beforeAll(async () => {
  await setAwsMocks();
  platformModule = await import("../../../components/aws/platform");
  tenantModule = await import("../../../components/aws/tenant");
});

describe("AwsPlatform", () => {
  it("builds the network and the cluster, and no tenant's bucket, database or trail", async () => {
    const { resources, result } = await runProgram(
      () => new platformModule.AwsPlatform("p", { ...COMMON, name: "platform" }),
    );
    expect(ofType(resources, "aws:ec2/vpc:Vpc")).toHaveLength(1);
    expect(ofType(resources, "aws:eks/cluster:Cluster")).toHaveLength(1);
    for (const type of [
      "aws:s3/bucketV2:BucketV2",
      "aws:rds/instance:Instance",
      "aws:cloudtrail/trail:Trail",
      "kubernetes:core/v1:Namespace",
    ]) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    expect(Object.keys(result.kmsKeyArns).sort()).toEqual(["cluster", "logs", "volumes"]);
    expect(result.databaseSubnetIds).toHaveLength(result.privateSubnetIds.length);
    expect(await resolve(result.oidcProviderArn)).toMatch(/:oidc-provider\//);
  });
});

describe("AwsTenant", () => {
  const tenant = () =>
    new tenantModule.AwsTenant("t", {
      ...COMMON,
      tenant: "globex",
      isolation: "dedicated",
      domain: "annotate.globex.example.com",
      platform: CLUSTER,
    });

  it("builds no network and no cluster; its database sits in the platform's subnets", async () => {
    const { resources } = await runProgram(tenant);
    for (const type of [
      "aws:ec2/vpc:Vpc",
      "aws:ec2/subnet:Subnet",
      "aws:eks/cluster:Cluster",
      "aws:eks/nodeGroup:NodeGroup",
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    ]) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    const [group] = ofType(resources, "aws:rds/subnetGroup:SubnetGroup");
    expect(group!.inputs["subnetIds"]).toEqual(["subnet-c", "subnet-d"]);
    const [sg] = ofType(resources, "aws:ec2/securityGroup:SecurityGroup");
    expect(sg!.inputs["vpcId"]).toBe(CLUSTER.vpcId);
    expect(sg!.inputs["ingress"][0].securityGroups).toEqual([CLUSTER.clusterSecurityGroupId]);
    expect(ofType(resources, "pulumi:providers:kubernetes")).toHaveLength(1);
  });

  it("hands the app layer the platform's addresses, cert-manager present", async () => {
    const { result } = await runProgram(tenant);
    expect(result.ingress).toMatchObject({
      clusterCidrs: ["10.50.0.0/16"],
      kubernetesApiCidrs: CLUSTER.apiServerCidrs,
      cloudApiCidrs: CLUSTER.privateSubnetCidrs,
      certManager: "present",
    });
    expect(result.database.cidrs).toEqual(CLUSTER.databaseSubnetCidrs);
    expect(result.storage.network).toEqual({ cidrs: CLUSTER.privateSubnetCidrs, port: 443 });
  });

  it("binds service accounts with IRSA roles trusted through the platform's OIDC provider, once per name", async () => {
    const { resources } = await runProgram(() => {
      const t = tenant();
      t.bindServiceAccount({
        name: "diffgram-default",
        namespace: "enclave-globex",
        serviceAccountName: "diffgram-default",
        access: "tenant-storage",
      });
      expect(() =>
        t.bindServiceAccount({
          name: "diffgram-default",
          namespace: "enclave-globex",
          serviceAccountName: "diffgram-default",
          access: "tenant-storage",
        }),
      ).toThrow('bindServiceAccount was called twice with name "diffgram-default"');
      return t;
    });
    const roles = ofType(resources, "aws:iam/role:Role").filter((r) =>
      JSON.stringify(r.inputs["assumeRolePolicy"]).includes("AssumeRoleWithWebIdentity"),
    );
    expect(roles).toHaveLength(1);
    const trust = doc(roles[0]!.inputs["assumeRolePolicy"]);
    expect(trust.Statement[0].Principal).toEqual({ Federated: PROVIDER });
    expect(JSON.stringify(trust)).toContain(
      "system:serviceaccount:enclave-globex:diffgram-default",
    );
  });
});
