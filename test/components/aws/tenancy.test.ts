import { beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../../components/shared/problems";
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
import { PLATFORM_CLUSTER, PLATFORM_OIDC_PROVIDER } from "../../helpers/aws-platform-cluster";

type Platform = typeof import("../../../components/aws/platform");
type Tenant = typeof import("../../../components/aws/tenant");
let platformModule: Platform;
let tenantModule: Tenant;

const PROVIDER = PLATFORM_OIDC_PROVIDER;
const CLUSTER = PLATFORM_CLUSTER;
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

describe("AwsTenant, client-hosted on the platform", () => {
  const CLIENT_KEY = "arn:aws:kms:eu-west-1:210987654321:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  const hosted = (clientBuckets: string[]) => () =>
    new tenantModule.AwsTenant("t", {
      ...COMMON,
      tenant: "initech",
      isolation: "client-hosted",
      domain: "annotate.initech.example.com",
      platform: { ...CLUSTER, clientBuckets },
      clientHosted: { bucketName: "initech-training-data", kmsKeyArn: CLIENT_KEY },
    });

  it("creates nothing for storage: no bucket, storage key, trail or break-glass", async () => {
    const { resources, result } = await runProgram(hosted(["initech-training-data"]));
    for (const type of [
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:cloudtrail/trail:Trail",
    ]) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    const aliases = ofType(resources, "aws:kms/alias:Alias").map((a) => a.inputs["name"]);
    expect(aliases.sort()).toEqual([
      "alias/enclave/initech/dev/database",
      "alias/enclave/initech/dev/logs",
    ]);
    expect(
      ofType(resources, "aws:iam/role:Role").filter((r) =>
        String(r.inputs["namePrefix"] ?? "").includes("break-glass"),
      ),
    ).toEqual([]);
    expect(result.breakGlassRoleArn).toBeUndefined();
    expect(result.accessLogBucketName).toBeUndefined();
    expect(await resolve(result.bucketName)).toBe("initech-training-data");
    expect(await resolve(result.storage.kmsKeyId)).toBe(CLIENT_KEY);
    expect(await resolve(result.kmsKeyArns["storage"]!)).toBe(CLIENT_KEY);
  });

  it("gives the client the statements for its bucket and key, through the platform's endpoints only", async () => {
    const { result } = await runProgram(hosted(["initech-training-data"]));
    const statements = await resolve(result.clientPolicyStatements!);
    const sids = statements.bucketPolicy.map((s) => s.Sid);
    expect(sids).toContain("EnclaveDenyOtherPrincipalsOfStackAccount");
    const text = JSON.stringify(statements);
    expect(text).toContain("arn:aws:s3:::initech-training-data");
    expect(text).toContain(`arn:aws:iam::${ACCOUNT}:role/enclave/initech/dev/tenant-storage/*`);
    expect(text).toContain(CLUSTER.vpcEndpointIds[0]);
    // And how the client cuts access, on its side alone.
    expect(statements.revoke[0]).toMatch(/^Remove the Enclave\* statements from the bucket policy/);
    expect(statements.revoke[1]).toMatch(/^Remove the Enclave\* statements from the key policy/);
  });

  it("grants its storage role the client's bucket and key, and nothing of its own", async () => {
    const { resources } = await runProgram(() => {
      const t = hosted(["initech-training-data"])();
      t.bindServiceAccount({
        name: "diffgram-default",
        namespace: "enclave-initech",
        serviceAccountName: "diffgram-default",
        access: "tenant-storage",
      });
      return t;
    });
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").map((p) =>
      JSON.stringify(doc(p.inputs["policy"])),
    );
    const storage = policies.filter((p) => p.includes("s3:GetObject"));
    expect(storage).toHaveLength(1);
    expect(storage[0]).toContain("arn:aws:s3:::initech-training-data/*");
    expect(storage[0]).toContain(CLIENT_KEY);
  });

  it("refuses a client bucket the platform's S3 endpoints do not admit, and a store without its key", () => {
    const args = {
      isolation: "client-hosted" as const,
      clientHosted: { bucketName: "initech-training-data", kmsKeyArn: CLIENT_KEY },
      platform: { ...CLUSTER, clientBuckets: ["another-client-bucket"] },
    };
    expect(tenantModule.validateTenantArgs(args).map(formatProblem)).toEqual([
      'clientHosted.bucketName = "initech-training-data": is not among the client buckets the S3 endpoints of the platform aws-platform admit (another-client-bucket). Fix: add it to the platform\'s client buckets (enclave:aws.clientBuckets of aws-platform) and deploy the platform first',
    ]);
    expect(
      tenantModule
        .validateTenantArgs({ ...args, platform: { ...CLUSTER, clientBuckets: [] } })
        .map(formatProblem),
    ).toEqual([
      'clientHosted.bucketName = "initech-training-data": is not among the client buckets the S3 endpoints of the platform aws-platform admit (none). Fix: add it to the platform\'s client buckets (enclave:aws.clientBuckets of aws-platform) and deploy the platform first',
    ]);
    expect(
      tenantModule
        .validateTenantArgs({
          ...args,
          clientHosted: { bucketName: "initech-training-data" },
          platform: { ...CLUSTER, clientBuckets: ["initech-training-data"] },
        })
        .map(formatProblem),
    ).toEqual([
      "clientHosted.kmsKeyArn = (not set): is required on AWS. Fix: set the ARN of the client's KMS key that encrypts the bucket, so the app's role can use it and nothing else",
    ]);
    expect(
      tenantModule.validateTenantArgs({
        ...args,
        platform: { ...CLUSTER, clientBuckets: ["initech-training-data"] },
      }),
    ).toEqual([]);
  });
});

describe("AwsPlatform's S3 endpoints", () => {
  it("admit the account's enclave buckets and the client buckets it names, nothing else", async () => {
    const { resources } = await runProgram(
      () =>
        new platformModule.AwsPlatform("p", {
          ...COMMON,
          name: "platform",
          clientBuckets: ["initech-training-data"],
        }),
    );
    const s3 = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) =>
      String(e.inputs["serviceName"]).endsWith(".s3"),
    );
    expect(s3.length).toBeGreaterThan(0);
    for (const endpoint of s3) {
      const statements = doc(endpoint.inputs["policy"]).Statement;
      expect(statements.map((s) => s.Sid)).toEqual([
        "ThisStacksBuckets",
        "ClientBuckets",
        "EcrImageLayers",
      ]);
      expect(statements[0]!.Resource).toEqual([
        `arn:aws:s3:::enclave-*-${ACCOUNT}`,
        `arn:aws:s3:::enclave-*-${ACCOUNT}/*`,
      ]);
      expect(statements[0]!.Condition).toEqual({
        StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT },
      });
      // The client's bucket is in the client's account: named exactly, this account's principals.
      expect(statements[1]).toMatchObject({
        Resource: ["arn:aws:s3:::initech-training-data", "arn:aws:s3:::initech-training-data/*"],
        Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
      });
    }
  });
});
