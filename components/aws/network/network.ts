import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkArgs } from "./args";
import { MAP_PUBLIC_IP_ON_LAUNCH } from "./defaults";
import { createEndpoints } from "./endpoints";
import { createFlowLogs } from "./flowLogs";
import { subnetLayout } from "./layout";
import { validateNetworkArgs } from "./validate";

/**
 * The tenant's VPC: private subnets for nodes, isolated subnets for the database, public subnets
 * only for NAT gateways and internet-facing load balancers, VPC endpoints for AWS APIs, flow logs
 * to an encrypted log group, and a default security group with no rules.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: string;
  public readonly privateSubnetIds: pulumi.Output<string>[];
  /**
   * CIDRs of the private subnets (nodes, pods, the EKS API ENIs, the interface endpoints: S3, STS,
   * Secrets Manager and the others of INTERFACE_ENDPOINT_SERVICES).
   */
  public readonly privateSubnetCidrs: readonly string[];
  /** CIDRs of the database subnets. */
  public readonly databaseSubnetCidrs: readonly string[];
  public readonly databaseSubnetIds: pulumi.Output<string>[];
  public readonly publicSubnetIds: pulumi.Output<string>[];
  public readonly natGatewayIds: pulumi.Output<string>[];
  public readonly endpointSecurityGroupId: pulumi.Output<string>;
  public readonly vpcEndpointIds: pulumi.Output<string>[];
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Network", name, {}, opts);
    const problems = validateNetworkArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    const zones = args.availabilityZones;
    const layout = subnetLayout(args.vpcCidr, zones.length);
    const tag = (extra: Record<string, string>) => ({ ...args.tags, ...extra });
    const clusterTag = { [`kubernetes.io/cluster/${args.clusterName}`]: "shared" };

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.vpcCidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: tag({ Name: name }),
      },
      { parent: this },
    );
    // The default security group allows all traffic between its members; with no rules it
    // allows nothing, so a resource that falls back to it is isolated (CIS AWS 5.4).
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: tag({ Name: `${name}-default-deny` }) },
      { parent: this },
    );

    const subnet = (
      tier: string,
      cidr: string,
      zone: pulumi.Input<string>,
      i: number,
      extra: Record<string, string>,
    ) =>
      new aws.ec2.Subnet(
        `${name}-${tier}-${i}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: zone,
          mapPublicIpOnLaunch: MAP_PUBLIC_IP_ON_LAUNCH,
          tags: tag({ Name: `${name}-${tier}-${i}`, "enclave:tier": tier, ...extra }),
        },
        { parent: this },
      );
    const privateSubnets = layout.private.map((cidr, i) =>
      subnet("private", cidr, zones[i]!, i, {
        ...clusterTag,
        "kubernetes.io/role/internal-elb": "1",
      }),
    );
    const databaseSubnets = layout.database.map((cidr, i) =>
      subnet("database", cidr, zones[i]!, i, {}),
    );
    const publicSubnets = args.publicSubnets
      ? layout.public.map((cidr, i) =>
          subnet("public", cidr, zones[i]!, i, { ...clusterTag, "kubernetes.io/role/elb": "1" }),
        )
      : [];

    if (args.publicSubnets) {
      const igw = new aws.ec2.InternetGateway(
        `${name}-igw`,
        { vpcId: vpc.id, tags: tag({ Name: name }) },
        { parent: this },
      );
      const publicRoutes = new aws.ec2.RouteTable(
        `${name}-public-rt`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
          tags: tag({ Name: `${name}-public` }),
        },
        { parent: this },
      );
      publicSubnets.forEach(
        (s, i) =>
          new aws.ec2.RouteTableAssociation(
            `${name}-public-${i}`,
            { subnetId: s.id, routeTableId: publicRoutes.id },
            { parent: this },
          ),
      );
    }

    const natCount = args.nat === "none" ? 0 : args.nat === "single" ? 1 : zones.length;
    const natGateways = publicSubnets.slice(0, natCount).map((s, i) => {
      const eip = new aws.ec2.Eip(
        `${name}-nat-${i}`,
        { domain: "vpc", tags: tag({ Name: `${name}-nat-${i}` }) },
        { parent: this },
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${i}`,
        {
          allocationId: eip.id,
          subnetId: s.id,
          connectivityType: "public",
          tags: tag({ Name: `${name}-nat-${i}` }),
        },
        { parent: this },
      );
    });

    // One route table per zone, so a per-zone NAT keeps traffic in its zone. With nat "none"
    // there is no default route at all: only the VPC and the gateway endpoint are reachable.
    const privateRouteTables = privateSubnets.map((s, i) => {
      const nat =
        natGateways.length === 0 ? undefined : natGateways[Math.min(i, natGateways.length - 1)]!;
      const table = new aws.ec2.RouteTable(
        `${name}-private-rt-${i}`,
        {
          vpcId: vpc.id,
          routes: nat ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] : [],
          tags: tag({ Name: `${name}-private-${i}` }),
        },
        { parent: this },
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${i}`,
        { subnetId: s.id, routeTableId: table.id },
        { parent: this },
      );
      return table;
    });
    // The database subnets never route outside the VPC.
    const databaseRoutes = new aws.ec2.RouteTable(
      `${name}-database-rt`,
      { vpcId: vpc.id, routes: [], tags: tag({ Name: `${name}-database` }) },
      { parent: this },
    );
    databaseSubnets.forEach(
      (s, i) =>
        new aws.ec2.RouteTableAssociation(
          `${name}-database-${i}`,
          { subnetId: s.id, routeTableId: databaseRoutes.id },
          { parent: this },
        ),
    );

    const endpoints = createEndpoints(
      name,
      {
        vpcId: vpc.id,
        vpcCidr: args.vpcCidr,
        arn: args.arn,
        subnetIds: privateSubnets.map((s) => s.id),
        routeTableIds: privateRouteTables.map((t) => t.id),
        interfaceServices: args.interfaceEndpoints,
        buckets: args.s3Buckets,
        ...(args.s3ClientBuckets !== undefined ? { clientBuckets: args.s3ClientBuckets } : {}),
        tags: args.tags,
      },
      this,
    );
    const flowLogs = createFlowLogs(
      name,
      {
        vpcId: vpc.id,
        logGroupName: args.flowLogs.logGroupName,
        kmsKeyArn: args.flowLogs.kmsKeyArn,
        retentionInDays: args.flowLogs.retentionInDays,
        arn: args.arn,
        tags: args.tags,
      },
      this,
    );

    this.vpcId = vpc.id;
    this.vpcCidr = args.vpcCidr;
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.privateSubnetCidrs = layout.private;
    this.databaseSubnetCidrs = layout.database;
    this.databaseSubnetIds = databaseSubnets.map((s) => s.id);
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.natGatewayIds = natGateways.map((n) => n.id);
    this.endpointSecurityGroupId = endpoints.securityGroup.id;
    this.vpcEndpointIds = [
      endpoints.s3.id,
      endpoints.s3Interface.id,
      ...endpoints.interfaces.map((e) => e.id),
    ];
    this.flowLogGroupName = flowLogs.logGroup.name;
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      databaseSubnetIds: this.databaseSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
      natGatewayIds: this.natGatewayIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      vpcEndpointIds: this.vpcEndpointIds,
      flowLogGroupName: this.flowLogGroupName,
    });
  }
}
