import { beforeAll, describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
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

type Eks = typeof import("../../../components/aws/eks");
let eks: Eks;

const arn = { partition: "aws", region: REGION, accountId: ACCOUNT };
const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const SECRETS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-1111-1111-111111111111`;
const VOLUMES_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/22222222-2222-2222-2222-222222222222`;
const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/33333333-3333-3333-3333-333333333333`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/enclave-cluster-admin`;
const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123`;
const OPERATOR = `arn:aws:iam::${ACCOUNT}:role/acme-operators`;

type ClusterArgs = import("../../../components/aws/eks").ClusterArgs;

function build(over: Partial<ClusterArgs> = {}) {
  return runProgram(() => {
    const parent = new pulumi.ComponentResource("test:index:Parent", "p");
    const { role } = eks.createClusterRole("acme", "aws", tags, parent);
    return new eks.Cluster("acme", {
      clusterName: "enclave-acme-prod",
      kubernetesVersion: "1.34",
      arn,
      dnsSuffix: "amazonaws.com",
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      publicEndpoint: false,
      adminCidrs: ["198.51.100.0/24"],
      clusterRole: role,
      secretsKeyArn: SECRETS_KEY,
      volumesKeyArn: VOLUMES_KEY,
      logs: { kmsKeyArn: LOGS_KEY, retentionInDays: 365 },
      adminRoleArns: [ADMIN, SSO],
      operatorRoleArns: [OPERATOR],
      nodes: {
        instanceTypes: ["m6i.large"],
        amiType: "AL2023_x86_64_STANDARD",
        minSize: 3,
        desiredSize: 3,
        maxSize: 9,
        diskSizeGiB: 50,
      },
      addonVersions: eks.EKS_ADDON_VERSIONS["1.34"]!,
      tags,
      ...over,
    });
  });
}

beforeAll(async () => {
  await setAwsMocks();
  eks = await import("../../../components/aws/eks");
});

describe("Cluster: control plane", () => {
  it("is private, envelope-encrypts secrets, logs every type, uses access entries only, and is protected", async () => {
    const { resources } = await build();
    const cluster = named(resources, "aws:eks/cluster:Cluster", "acme-eks");
    expect(cluster.inputs.vpcConfig).toEqual({
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      securityGroupIds: [expect.stringMatching(/^sg-/)],
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(cluster.inputs.accessConfig).toEqual({
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
    expect(cluster.inputs.encryptionConfig).toEqual({
      resources: ["secrets"],
      provider: { keyArn: SECRETS_KEY },
    });
    expect(cluster.inputs.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    expect(cluster.inputs).toMatchObject({
      name: "enclave-acme-prod",
      version: "1.34",
      bootstrapSelfManagedAddons: false,
      deletionProtection: true,
      upgradePolicy: { supportType: "STANDARD" },
    });
    expect(cluster.protect).toBe(true);
    expect(cluster.dependsOn).toContain("acme-control-plane-logs");
    const logs = named(resources, "aws:cloudwatch/logGroup:LogGroup", "acme-control-plane-logs");
    expect(logs.inputs).toMatchObject({
      name: "/aws/eks/enclave-acme-prod/cluster",
      kmsKeyId: LOGS_KEY,
      retentionInDays: 365,
    });
    expect(logs.protect).toBe(true);
  });

  it("admits the private endpoint from the admin allowlist only", async () => {
    const { resources } = await build({ adminCidrs: ["198.51.100.0/24", "2001:db8::/48"] });
    const sg = named(resources, "aws:ec2/securityGroup:SecurityGroup", "acme-api-sg");
    expect(sg.inputs.ingress).toEqual([
      {
        description: "Kubernetes API from the admin allowlist",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["198.51.100.0/24"],
        ipv6CidrBlocks: ["2001:db8::/48"],
      },
    ]);
    expect(sg.inputs.egress).toEqual([]);
  });

  it("opens the public endpoint only when asked, and then only to the admin allowlist", async () => {
    const { resources } = await build({
      publicEndpoint: true,
      adminCidrs: ["198.51.100.0/24", "203.0.113.7/32"],
    });
    const cluster = named(resources, "aws:eks/cluster:Cluster", "acme-eks");
    expect(cluster.inputs.vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.0/24", "203.0.113.7/32"],
    });
  });

  it("gives each named admin role a break-glass access entry with cluster-wide admin", async () => {
    const { resources } = await build();
    const entries = ofType(resources, "aws:eks/accessEntry:AccessEntry").filter((e) =>
      e.name.startsWith("acme-admin-"),
    );
    expect(entries.map((e) => e.inputs.principalArn)).toEqual([ADMIN, SSO]);
    for (const e of entries) {
      expect(e.inputs.type).toBe("STANDARD");
      expect(e.inputs.kubernetesGroups).toBeUndefined();
      expect(e.inputs.tags).toEqual({
        ...tags,
        "enclave:purpose": "cluster-admin",
        "enclave:break-glass": "true",
      });
    }
    const associations = ofType(
      resources,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    );
    expect(associations.map((a) => a.inputs.principalArn)).toEqual([ADMIN, SSO]);
    for (const a of associations) {
      expect(a.inputs.policyArn).toBe(
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      );
      expect(a.inputs.accessScope).toEqual({ type: "cluster" });
    }
  });

  it("maps each tenant-operator role to the tenant-operator group, with no EKS access policy", async () => {
    const { resources, result } = await build();
    const entry = named(resources, "aws:eks/accessEntry:AccessEntry", "acme-operator-0");
    expect(entry.inputs).toMatchObject({
      principalArn: OPERATOR,
      type: "STANDARD",
      kubernetesGroups: ["enclave:tenant-operators"],
      tags: { ...tags, "enclave:purpose": "tenant-operator" },
    });
    expect(entry.inputs.tags["enclave:break-glass"]).toBeUndefined();
    const associated = ofType(
      resources,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    ).map((a) => a.inputs.principalArn);
    expect(associated).not.toContain(OPERATOR);
    expect(result.operatorGroups).toEqual(["enclave:tenant-operators"]);
  });

  it("maps no group when no tenant-operator role is named", async () => {
    const { resources, result } = await build({ operatorRoleArns: [] });
    expect(
      ofType(resources, "aws:eks/accessEntry:AccessEntry").filter((e) =>
        e.name.startsWith("acme-operator-"),
      ),
    ).toEqual([]);
    expect(result.operatorGroups).toEqual([]);
  });

  it("registers the cluster's OIDC issuer for IRSA", async () => {
    const { resources } = await build();
    const cluster = named(resources, "aws:eks/cluster:Cluster", "acme-eks");
    const oidc = named(
      resources,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      "acme-oidc",
    );
    expect(oidc.inputs.url).toBe(cluster.state.identities[0].oidcs[0].issuer);
    expect(oidc.inputs.clientIdLists).toEqual(["sts.amazonaws.com"]);
  });
});

describe("Cluster: nodes", () => {
  it("launches nodes with IMDSv2 only, hop limit 1, an encrypted root volume and no SSH key", async () => {
    const { resources } = await build();
    const lt = named(resources, "aws:ec2/launchTemplate:LaunchTemplate", "acme-nodes-lt");
    expect(lt.inputs.metadataOptions).toEqual({
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    });
    expect(lt.inputs.blockDeviceMappings).toEqual([
      {
        deviceName: "/dev/xvda",
        ebs: {
          volumeType: "gp3",
          encrypted: "true",
          deleteOnTermination: "true",
          volumeSize: 50,
          kmsKeyId: VOLUMES_KEY,
        },
      },
    ]);
    expect(lt.inputs.keyName).toBeUndefined();
    expect(lt.inputs.networkInterfaces).toBeUndefined();
    const ng = named(resources, "aws:eks/nodeGroup:NodeGroup", "acme-nodes");
    expect(ng.inputs).toMatchObject({
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: ["m6i.large"],
      scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 9 },
      launchTemplate: { id: expect.stringMatching(/^lt-/), version: "1" },
    });
    expect(ng.inputs.remoteAccess).toBeUndefined();
    expect(ng.inputs.diskSize).toBeUndefined();
    expect(ng.dependsOn).toEqual(expect.arrayContaining(["acme-vpc-cni", "acme-kube-proxy"]));
  });

  it("gives the node role only the worker and image-pull policies (the CNI has its own role)", async () => {
    const { resources } = await build();
    const nodeRole = named(resources, "aws:iam/role:Role", "acme-node-role");
    expect(statement(nodeRole.inputs.assumeRolePolicy, "TrustService").Principal).toEqual({
      Service: "ec2.amazonaws.com",
    });
    const attached = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.name.startsWith("acme-node-"))
      .map((a) => a.inputs.policyArn);
    expect(attached).toEqual([
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    ]);
  });
});

describe("Cluster: add-ons", () => {
  it("enforces network policies in the VPC CNI, which runs under its own IRSA role", async () => {
    const { resources } = await build();
    const cni = named(resources, "aws:eks/addon:Addon", "acme-vpc-cni");
    expect(JSON.parse(cni.inputs.configurationValues)).toEqual({ enableNetworkPolicy: "true" });
    const cniRole = named(resources, "aws:iam/role:Role", "acme-aws-node-role");
    expect(cni.inputs.serviceAccountRoleArn).toBe(cniRole.state.arn);
    const trust = statement(cniRole.inputs.assumeRolePolicy, "ServiceAccountOnly");
    const issuerHost = named(
      resources,
      "aws:eks/cluster:Cluster",
      "acme-eks",
    ).state.identities[0].oidcs[0].issuer.replace("https://", "");
    expect(trust.Condition.StringEquals).toEqual({
      [`${issuerHost}:sub`]: "system:serviceaccount:kube-system:aws-node",
      [`${issuerHost}:aud`]: "sts.amazonaws.com",
    });
    expect(
      named(
        resources,
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "acme-aws-node-managed-0",
      ).inputs.policyArn,
    ).toBe("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
    expect(
      ofType(resources, "aws:eks/addon:Addon")
        .map((a) => a.inputs.addonName)
        .sort(),
    ).toEqual(["aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni"]);
    expect(named(resources, "aws:eks/addon:Addon", "acme-coredns").dependsOn).toEqual([
      "acme-nodes",
    ]);
  });

  it("runs each add-on at the exact version it is given, never the version EKS picks on the day", async () => {
    const versions = {
      vpcCni: "v1.20.4-eksbuild.2",
      kubeProxy: "v1.34.0-eksbuild.2",
      coredns: "v1.12.3-eksbuild.1",
      ebsCsiDriver: "v1.54.0-eksbuild.1",
    };
    expect(eks.EKS_ADDON_VERSIONS["1.34"]).toEqual(versions);
    const { resources } = await build({
      addonVersions: { ...versions, coredns: "v1.12.4-eksbuild.1" },
    });
    expect(
      Object.fromEntries(
        ofType(resources, "aws:eks/addon:Addon").map((a) => [
          a.inputs.addonName,
          a.inputs.addonVersion,
        ]),
      ),
    ).toEqual({
      "vpc-cni": "v1.20.4-eksbuild.2",
      "kube-proxy": "v1.34.0-eksbuild.2",
      coredns: "v1.12.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.54.0-eksbuild.1",
    });
  });

  it("makes the default StorageClass encrypt with the volumes key, which the EBS CSI role may use through EC2 only", async () => {
    const { resources } = await build();
    const sc = named(resources, "kubernetes:storage.k8s.io/v1:StorageClass", "acme-encrypted-gp3");
    expect(sc.inputs.parameters).toEqual({ type: "gp3", encrypted: "true", kmsKeyId: VOLUMES_KEY });
    expect(sc.inputs.metadata.annotations).toEqual({
      "storageclass.kubernetes.io/is-default-class": "true",
    });
    expect(sc.inputs.reclaimPolicy).toBe("Retain");
    const policy = named(
      resources,
      "aws:iam/rolePolicy:RolePolicy",
      "acme-ebs-csi-controller-sa-policy",
    ).inputs.policy;
    expect(statement(policy, "VolumesKeyThroughEc2")).toMatchObject({
      Resource: VOLUMES_KEY,
      Condition: { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } },
    });
    expect(statement(policy, "VolumesKeyGrants").Condition).toEqual({
      Bool: { "kms:GrantIsForAWSResource": "true" },
    });
  });
});

describe("Cluster: kubeconfig", () => {
  it("mints tokens with aws eks get-token for the first admin role and stores no credential", async () => {
    const { result } = await build();
    const config = JSON.parse(await resolve(result.kubeconfig));
    expect(config.users[0].user.exec).toEqual({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: [
        "eks",
        "get-token",
        "--cluster-name",
        "enclave-acme-prod",
        "--region",
        "eu-west-1",
        "--role-arn",
        ADMIN,
        "--output",
        "json",
      ],
      interactiveMode: "Never",
    });
    expect(config.clusters[0].cluster.server).toMatch(/^https:\/\/.+\.eks\.amazonaws\.com$/);
    expect(Object.keys(config.users[0].user)).toEqual(["exec"]);
  });
});

describe("validateClusterArgs", () => {
  it("reports every problem with its fix", async () => {
    const base = {
      clusterName: "ok",
      kubernetesVersion: "1.34",
      privateSubnetIds: ["a", "b"],
      adminRoleArns: ["r"],
      adminCidrs: ["198.51.100.0/24"],
      publicEndpoint: false,
      nodes: {
        instanceTypes: ["m6i.large"],
        amiType: "AL2023_x86_64_STANDARD" as const,
        minSize: 1,
        desiredSize: 1,
        maxSize: 1,
        diskSizeGiB: 20,
      },
    } as unknown as ClusterArgs;
    expect(eks.validateClusterArgs("c", base)).toEqual([]);
    expect(
      eks.validateClusterArgs("c", {
        ...base,
        clusterName: "-bad",
        kubernetesVersion: "1.3",
        privateSubnetIds: ["a"],
        adminRoleArns: [],
        publicEndpoint: true,
        adminCidrs: ["0.0.0.0/0", "2001:db8::/48"],
        nodes: { ...base.nodes, minSize: 3, desiredSize: 2, diskSizeGiB: 10, instanceTypes: [] },
      }),
    ).toEqual([
      'Cluster c: clusterName "-bad" is not an EKS cluster name. Fix: use 1-100 letters, digits, - and _',
      'Cluster c: kubernetesVersion "1.3" is not <major>.<minor>. Fix: use e.g. "1.34"',
      "Cluster c: privateSubnetIds has 1 subnet(s). Fix: give subnets in at least two zones",
      "Cluster c: adminRoleArns is empty, so nobody could administer the cluster. Fix: name at least one admin role",
      'Cluster c: adminCidrs[0] "0.0.0.0/0" admits the whole internet. Fix: list only the operators\' networks',
      'Cluster c: adminCidrs[1] = "2001:db8::/48": is IPv6, which the EKS public endpoint cannot allow. Fix: list the operators\' IPv4 networks, or keep publicEndpoint false and reach the private endpoint over a VPN',
      "Cluster c: nodes.minSize = 3: is above maxSize (1). Fix: keep minSize <= desiredSize <= maxSize",
      "Cluster c: nodes.diskSizeGiB 10 is below 20. Fix: use at least 20 GiB",
      "Cluster c: nodes.instanceTypes is empty. Fix: list at least one EC2 instance type",
    ]);
    expect(eks.validateClusterArgs("c", { ...base, publicEndpoint: true, adminCidrs: [] })).toEqual(
      [
        "Cluster c: publicEndpoint is on with no adminCidrs, which EKS reads as 0.0.0.0/0. Fix: list the operators' networks",
      ],
    );
  });
});
