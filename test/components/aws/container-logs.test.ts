import { beforeAll, describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import {
  ACCOUNT,
  REGION,
  named,
  ofType,
  runProgram,
  setAwsMocks,
  statement,
} from "../../helpers/aws-target-mocks";

type Eks = typeof import("../../../components/aws/eks");
let eks: Eks;

const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const key = (n: number) =>
  `arn:aws:kms:${REGION}:${ACCOUNT}:key/${String(n).repeat(8)}-1111-1111-1111-111111111111`;
const LOGS_KEY = key(3);
const GROUPS = ["application", "dataplane", "host", "performance"].map(
  (kind) => `/aws/containerinsights/enclave-acme-prod/${kind}`,
);

type ClusterArgs = import("../../../components/aws/eks").ClusterArgs;

function build(over: Partial<ClusterArgs> = {}) {
  return runProgram(() => {
    const parent = new pulumi.ComponentResource("test:index:Parent", "p");
    const { role } = eks.createClusterRole("acme", "aws", tags, parent);
    return new eks.Cluster("acme", {
      clusterName: "enclave-acme-prod",
      kubernetesVersion: "1.34",
      addonVersions: eks.EKS_ADDON_VERSIONS["1.34"]!,
      arn: { partition: "aws", region: REGION, accountId: pulumi.output(ACCOUNT) },
      dnsSuffix: "amazonaws.com",
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-a", "subnet-b"],
      publicEndpoint: false,
      adminCidrs: ["198.51.100.0/24"],
      clusterRole: role,
      secretsKeyArn: key(1),
      volumesKeyArn: key(2),
      logs: { kmsKeyArn: LOGS_KEY, retentionInDays: 731 },
      adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/admin`],
      operatorRoleArns: [],
      nodes: {
        instanceTypes: ["m6i.large"],
        amiType: "AL2023_x86_64_STANDARD",
        minSize: 2,
        desiredSize: 2,
        maxSize: 4,
        diskSizeGiB: 50,
      },
      containerLogs: { addonVersion: "v6.0.1-eksbuild.1" },
      tags,
      ...over,
    });
  });
}

beforeAll(async () => {
  await setAwsMocks();
  eks = await import("../../../components/aws/eks");
});

describe("Cluster: container logs off the nodes", () => {
  it("installs the CloudWatch observability add-on at the pinned version, container logs on, after the nodes and its log groups", async () => {
    const { resources, result } = await build();
    const addon = named(resources, "aws:eks/addon:Addon", "acme-container-logs-addon");
    expect(addon.inputs).toMatchObject({
      clusterName: "enclave-acme-prod",
      addonName: "amazon-cloudwatch-observability",
      addonVersion: "v6.0.1-eksbuild.1",
    });
    expect(JSON.parse(addon.inputs.configurationValues)).toEqual({
      containerLogs: { enabled: true },
    });
    expect(addon.dependsOn).toEqual(
      expect.arrayContaining([
        "acme-nodes",
        ...["application", "dataplane", "host", "performance"].map(
          (k) => `acme-container-logs-${k}`,
        ),
      ]),
    );
    expect(result.containerLogGroupNames).toEqual(GROUPS);
  });

  it("pre-creates the four Container Insights groups with the logs key and the audit retention, protected", async () => {
    const { resources } = await build();
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").filter((g) =>
      g.name.startsWith("acme-container-logs-"),
    );
    expect(groups.map((g) => g.inputs.name)).toEqual(GROUPS);
    for (const g of groups) {
      expect(g.inputs).toMatchObject({ kmsKeyId: LOGS_KEY, retentionInDays: 731 });
      expect(g.protect).toBe(true);
    }
  });

  it("runs the agent under its own IRSA role: trusted by amazon-cloudwatch:cloudwatch-agent only, writing only to its four groups", async () => {
    const { resources } = await build();
    const addon = named(resources, "aws:eks/addon:Addon", "acme-container-logs-addon");
    const role = named(resources, "aws:iam/role:Role", "acme-container-logs-agent-role");
    expect(addon.inputs.serviceAccountRoleArn).toBe(role.state.arn);
    const issuer = named(
      resources,
      "aws:eks/cluster:Cluster",
      "acme-eks",
    ).state.identities[0].oidcs[0].issuer.replace("https://", "");
    const trust = statement(role.inputs.assumeRolePolicy, "ServiceAccountOnly");
    expect(trust.Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(trust.Condition).toEqual({
      StringEquals: {
        [`${issuer}:sub`]: "system:serviceaccount:amazon-cloudwatch:cloudwatch-agent",
        [`${issuer}:aud`]: "sts.amazonaws.com",
      },
    });
    const policy = named(
      resources,
      "aws:iam/rolePolicy:RolePolicy",
      "acme-container-logs-agent-policy",
    ).inputs.policy;
    const arn = (g: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${g}`;
    expect(JSON.parse(policy).Statement).toEqual([
      {
        Sid: "ContainerInsightsLogGroups",
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents",
        ],
        Resource: GROUPS.flatMap((g) => [arn(g), `${arn(g)}:*`]),
      },
    ]);
    // Never a managed policy: CloudWatchAgentServerPolicy allows logs:* actions on every group.
    expect(
      ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
        a.name.startsWith("acme-container-logs-"),
      ),
    ).toEqual([]);
  });

  it("ships nothing when containerLogs is absent", async () => {
    const { resources, result } = await build({ containerLogs: undefined });
    expect(ofType(resources, "aws:eks/addon:Addon").map((a) => a.inputs.addonName)).not.toContain(
      "amazon-cloudwatch-observability",
    );
    expect(result.containerLogGroupNames).toEqual([]);
  });

  it("refuses an add-on version that is not vX.Y.Z-eksbuild.N", () => {
    const problems = eks.validateClusterArgs("acme", {
      containerLogs: { addonVersion: "latest" },
      clusterName: "enclave-acme-prod",
      kubernetesVersion: "1.34",
      privateSubnetIds: ["subnet-a", "subnet-b"],
      publicEndpoint: false,
      adminCidrs: ["198.51.100.0/24"],
      adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/admin`],
      operatorRoleArns: [],
      nodes: { instanceTypes: ["m6i.large"], minSize: 1, desiredSize: 1, maxSize: 1 },
    } as unknown as ClusterArgs);
    expect(problems).toContain(
      'Cluster acme: containerLogs.addonVersion "latest" is not an EKS add-on version. Fix: use vX.Y.Z-eksbuild.N, e.g. "v6.0.1-eksbuild.1"',
    );
  });
});
