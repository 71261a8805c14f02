import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  REGION,
  named,
  ofType,
  runProgram,
  setAwsMocks,
  statement,
} from "../../helpers/aws-target-mocks";

type Net = typeof import("../../../components/aws/network");
let net: Net;

const arn = { partition: "aws", region: REGION, accountId: ACCOUNT };
const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "dev",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function args(over: Partial<import("../../../components/aws/network").NetworkArgs> = {}) {
  return {
    vpcCidr: "10.42.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    nat: "per-az" as const,
    publicSubnets: true,
    clusterName: "enclave-acme-dev",
    arn,
    dnsSuffix: "amazonaws.com",
    interfaceEndpoints: net.INTERFACE_ENDPOINT_SERVICES,
    s3Buckets: ["enclave-acme-dev-data", "enclave-acme-dev-access-logs"],
    flowLogs: {
      logGroupName: "/aws/vpc/enclave-acme-dev/flow-logs",
      kmsKeyArn: KEY,
      retentionInDays: 365,
    },
    tags,
    ...over,
  };
}

beforeAll(async () => {
  await setAwsMocks();
  net = await import("../../../components/aws/network");
});

describe("subnetLayout", () => {
  it("splits a /16 into /19 private, /22 database and /22 public subnets that do not overlap", () => {
    expect(net.subnetLayout("10.42.0.0/16", 3)).toEqual({
      private: ["10.42.0.0/19", "10.42.32.0/19", "10.42.64.0/19"],
      database: ["10.42.192.0/22", "10.42.196.0/22", "10.42.200.0/22"],
      public: ["10.42.224.0/22", "10.42.228.0/22", "10.42.232.0/22"],
    });
  });
  it("fits six zones in a /20", () => {
    const layout = net.subnetLayout("10.0.0.0/20", 6);
    expect(layout.private).toHaveLength(6);
    expect(layout.private[5]).toBe("10.0.10.0/23");
    expect(layout.database[5]).toBe("10.0.13.64/26");
    expect(layout.public[0]).toBe("10.0.14.0/26");
  });
  it("refuses fewer than two zones", () => {
    expect(() => net.subnetLayout("10.0.0.0/16", 1)).toThrow(
      "subnetLayout: 1 zones requested. Fix: use 2 to 6 availability zones",
    );
  });
});

describe("Network", () => {
  it("never maps public IPs, tags subnets for load balancers, and isolates the database subnets", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
    expect(subnets).toHaveLength(9);
    expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
    const priv = named(resources, "aws:ec2/subnet:Subnet", "acme-private-0");
    expect(priv.inputs.tags).toMatchObject({
      "kubernetes.io/role/internal-elb": "1",
      "kubernetes.io/cluster/enclave-acme-dev": "shared",
      "enclave:tier": "private",
    });
    expect(priv.inputs.availabilityZone).toBe("eu-west-1a");
    expect(
      named(resources, "aws:ec2/subnet:Subnet", "acme-public-2").inputs.tags[
        "kubernetes.io/role/elb"
      ],
    ).toBe("1");
    expect(
      named(resources, "aws:ec2/routeTable:RouteTable", "acme-database-rt").inputs.routes,
    ).toEqual([]);
    const vpc = named(resources, "aws:ec2/vpc:Vpc", "acme-vpc");
    expect(vpc.inputs).toMatchObject({
      cidrBlock: "10.42.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    const dflt = named(
      resources,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      "acme-default-sg",
    );
    expect(dflt.inputs.ingress).toEqual([]);
    expect(dflt.inputs.egress).toEqual([]);
  });

  it("routes each private zone through its own NAT gateway (per-az)", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const nats = ofType(resources, "aws:ec2/natGateway:NatGateway");
    expect(nats).toHaveLength(3);
    const rt1 = named(resources, "aws:ec2/routeTable:RouteTable", "acme-private-rt-1");
    expect(rt1.inputs.routes).toEqual([
      { cidrBlock: "0.0.0.0/0", natGatewayId: expect.stringMatching(/^nat-/) },
    ]);
    expect(rt1.inputs.routes[0].natGatewayId).not.toBe(
      named(resources, "aws:ec2/routeTable:RouteTable", "acme-private-rt-0").inputs.routes[0]
        .natGatewayId,
    );
  });

  it("with nat single, every private zone shares one gateway", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args({ nat: "single" })));
    expect(ofType(resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    const ids = [0, 1, 2].map(
      (i) =>
        named(resources, "aws:ec2/routeTable:RouteTable", `acme-private-rt-${i}`).inputs.routes[0]
          .natGatewayId,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it("air-gapped (nat none, no public subnets): no internet gateway, no NAT, no default route", async () => {
    const { resources } = await runProgram(
      () => new net.Network("acme", args({ nat: "none", publicSubnets: false })),
    );
    expect(ofType(resources, "aws:ec2/internetGateway:InternetGateway")).toHaveLength(0);
    expect(ofType(resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
    expect(ofType(resources, "aws:ec2/eip:Eip")).toHaveLength(0);
    for (const rt of ofType(resources, "aws:ec2/routeTable:RouteTable")) {
      expect(rt.inputs.routes).toEqual([]);
    }
    expect(
      ofType(resources, "aws:ec2/subnet:Subnet").filter(
        (s) => s.inputs.tags["enclave:tier"] === "public",
      ),
    ).toHaveLength(0);
    // The AWS APIs stay reachable through the endpoints.
    expect(ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint")).toHaveLength(11);
  });

  it("adds the S3 gateway endpoint and interface endpoints behind a 443-from-the-VPC-only group", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const sg = named(resources, "aws:ec2/securityGroup:SecurityGroup", "acme-endpoints-sg");
    expect(sg.inputs.ingress).toEqual([
      {
        description: "HTTPS from the VPC",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["10.42.0.0/16"],
      },
    ]);
    expect(sg.inputs.egress).toEqual([]);
    const s3 = named(resources, "aws:ec2/vpcEndpoint:VpcEndpoint", "acme-s3-gateway");
    expect(s3.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
    });
    expect(s3.inputs.routeTableIds).toHaveLength(3);
    const services = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint")
      .filter((e) => e.inputs.vpcEndpointType === "Interface")
      .map((e) => e.inputs.serviceName);
    expect(services.sort()).toEqual(
      [
        "autoscaling",
        "ec2",
        "ecr.api",
        "ecr.dkr",
        "elasticloadbalancing",
        "kms",
        "logs",
        "s3",
        "secretsmanager",
        "sts",
      ].map((s) => `com.amazonaws.eu-west-1.${s}`),
    );
    const sts = named(resources, "aws:ec2/vpcEndpoint:VpcEndpoint", "acme-sts");
    expect(sts.inputs.privateDnsEnabled).toBe(true);
    expect(sts.inputs.securityGroupIds).toEqual([expect.stringMatching(/^sg-/)]);
    expect(sts.inputs.subnetIds).toHaveLength(3);
  });

  it("adds an S3 interface endpoint in the private subnets whose private DNS answers in-VPC clients too", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const s3 = named(resources, "aws:ec2/vpcEndpoint:VpcEndpoint", "acme-s3-interface");
    expect(s3.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      // false: pods resolve s3.<region>.amazonaws.com to this endpoint's private addresses, not to
      // the public S3 ranges behind the gateway endpoint.
      dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false },
      securityGroupIds: [expect.stringMatching(/^sg-/)],
    });
    expect(s3.inputs.subnetIds).toHaveLength(3);
  });

  it("gives both S3 endpoints a policy for the stack's buckets and ECR's layer bucket only", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    for (const name of ["acme-s3-gateway", "acme-s3-interface"]) {
      const doc = JSON.parse(
        named(resources, "aws:ec2/vpcEndpoint:VpcEndpoint", name).inputs.policy,
      );
      expect(doc).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ThisStacksBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: [
              "arn:aws:s3:::enclave-acme-dev-data",
              "arn:aws:s3:::enclave-acme-dev-data/*",
              "arn:aws:s3:::enclave-acme-dev-access-logs",
              "arn:aws:s3:::enclave-acme-dev-access-logs/*",
            ],
            // This account's buckets only: a name cannot admit a bucket another account created.
            Condition: {
              StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT },
            },
          },
          {
            Sid: "EcrImageLayers",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*",
          },
        ],
      });
    }
  });

  it("limits every other endpoint to this account's principals (STS: also web identity for its roles)", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const account = {
      Sid: "ThisAccountsPrincipals",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
    };
    const interfaces = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
      (e) => e.inputs.vpcEndpointType === "Interface" && !e.name.endsWith("-s3-interface"),
    );
    expect(interfaces).toHaveLength(9);
    for (const e of interfaces) {
      const statements = JSON.parse(e.inputs.policy).Statement;
      if (e.name === "acme-sts") {
        expect(statements).toEqual([
          account,
          {
            Sid: "WebIdentityForThisAccountsRoles",
            Effect: "Allow",
            Principal: "*",
            Action: "sts:AssumeRoleWithWebIdentity",
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceAccount": ACCOUNT } },
          },
        ]);
      } else {
        expect(statements, e.name).toEqual([account]);
      }
    }
  });

  it("sends all VPC traffic records to a KMS-encrypted, retained, protected log group", async () => {
    const { resources } = await runProgram(() => new net.Network("acme", args()));
    const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", "acme-flow-logs");
    expect(group.inputs).toMatchObject({
      name: "/aws/vpc/enclave-acme-dev/flow-logs",
      kmsKeyId: KEY,
      retentionInDays: 365,
    });
    expect(group.protect).toBe(true);
    const flow = named(resources, "aws:ec2/flowLog:FlowLog", "acme-flow-log");
    expect(flow.inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.state.arn,
      maxAggregationInterval: 60,
    });
    expect(flow.inputs.vpcId).toMatch(/^vpc-/);
    const role = named(resources, "aws:iam/role:Role", "acme-flow-logs-role");
    expect(statement(role.inputs.assumeRolePolicy, "TrustService")).toEqual({
      Sid: "TrustService",
      Effect: "Allow",
      Principal: { Service: "vpc-flow-logs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    const policy = named(resources, "aws:iam/rolePolicy:RolePolicy", "acme-flow-logs-delivery")
      .inputs.policy;
    expect(statement(policy, "WriteFlowLogs").Resource).toEqual([
      group.state.arn,
      `${group.state.arn}:*`,
    ]);
  });

  it("validates before creating anything, with exact messages", () => {
    expect(
      net.validateNetworkArgs(
        "n",
        args({
          vpcCidr: "10.0.0.0/8",
          availabilityZones: ["a"],
          nat: "single",
          publicSubnets: false,
          flowLogs: { logGroupName: "g", kmsKeyArn: KEY, retentionInDays: 7 },
        }),
      ),
    ).toEqual([
      'Network n: vpcCidr "10.0.0.0/8" is not an IPv4 /16 to /20. Fix: use e.g. 10.42.0.0/16',
      "Network n: availabilityZones has 1 zones. Fix: use 2 to 6 (EKS and RDS need at least 2)",
      'Network n: nat "single" needs public subnets for its gateways, but publicSubnets is false. Fix: set publicSubnets true, or nat "none"',
      "Network n: flowLogs.retentionInDays 7 is under 30 days. Fix: keep flow logs at least 30 days",
    ]);
    expect(net.validateNetworkArgs("n", args())).toEqual([]);
  });
});
