import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { withPurpose, type Tags } from "../shared/tags";
import { ENDPOINT_PORT } from "./defaults";

export interface EndpointArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly region: string;
  readonly subnetIds: pulumi.Input<string>[];
  readonly routeTableIds: pulumi.Input<string>[];
  readonly interfaceServices: readonly string[];
  readonly tags: Tags;
}

/** `com.amazonaws.<region>.<service>`, the endpoint service name in the commercial and GovCloud partitions. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * The S3 gateway endpoint on the private route tables, and one interface endpoint per service in
 * the private subnets, behind a security group that admits HTTPS from the VPC and nothing else.
 */
export function createEndpoints(name: string, args: EndpointArgs, parent: pulumi.Resource) {
  const tags = withPurpose(args.tags, "vpc-endpoints");
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-endpoints-sg`,
    {
      vpcId: args.vpcId,
      description: "VPC interface endpoints: HTTPS from inside the VPC only",
      ingress: [
        {
          description: "HTTPS from the VPC",
          protocol: "tcp",
          fromPort: ENDPOINT_PORT,
          toPort: ENDPOINT_PORT,
          cidrBlocks: [args.vpcCidr],
        },
      ],
      egress: [],
      tags: { ...tags, Name: `${name}-endpoints` },
    },
    { parent },
  );
  const s3 = new aws.ec2.VpcEndpoint(
    `${name}-s3-gateway`,
    {
      vpcId: args.vpcId,
      serviceName: endpointServiceName(args.region, "s3"),
      vpcEndpointType: "Gateway",
      routeTableIds: args.routeTableIds,
      tags: { ...tags, Name: `${name}-s3` },
    },
    { parent },
  );
  const interfaces = args.interfaceServices.map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}`,
        {
          vpcId: args.vpcId,
          serviceName: endpointServiceName(args.region, service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: args.subnetIds,
          securityGroupIds: [securityGroup.id],
          tags: { ...tags, Name: `${name}-${service}` },
        },
        { parent },
      ),
  );
  return { securityGroup, s3, interfaces };
}
