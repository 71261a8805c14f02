import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { toJson, type ArnContext } from "../shared/iam";
import { withPurpose, type Tags } from "../shared/tags";
import { ENDPOINT_PORT } from "./defaults";
import { accountEndpointPolicy, s3EndpointPolicy } from "./endpointPolicies";

export interface EndpointArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly arn: ArnContext;
  readonly subnetIds: pulumi.Input<string>[];
  readonly routeTableIds: pulumi.Input<string>[];
  readonly interfaceServices: readonly string[];
  /** Names (or name patterns) of this account's buckets the S3 endpoints serve. */
  readonly buckets: readonly pulumi.Input<string>[];
  /** Exact names of other accounts' buckets they serve (client-hosted tenants' buckets). */
  readonly clientBuckets?: readonly pulumi.Input<string>[];
  readonly tags: Tags;
}

/** `com.amazonaws.<region>.<service>`, the endpoint service name in the commercial and GovCloud partitions. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * The S3 gateway endpoint on the private route tables; an S3 interface endpoint and one interface
 * endpoint per service in the private subnets, behind a security group that admits HTTPS from the
 * VPC and nothing else. Every endpoint carries an endpoint policy (endpointPolicies.ts): the S3
 * ones allow only the stack's buckets and ECR's layer bucket, the others only this account's
 * principals (and, for STS, web-identity calls for this account's roles).
 *
 * The S3 interface endpoint has private DNS for every resolver (`privateDnsOnlyForInboundResolverEndpoint:
 * false`): pods and nodes resolve `s3.<region>.amazonaws.com` and `<bucket>.s3.<region>.amazonaws.com`
 * to its addresses in the private subnets, which NetworkPolicies can name, instead of the public S3
 * ranges behind the gateway endpoint (which `true` would keep for in-VPC clients).
 */
export function createEndpoints(name: string, args: EndpointArgs, parent: pulumi.Resource) {
  const tags = withPurpose(args.tags, "vpc-endpoints");
  const region = args.arn.region;
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
  const s3Policy = toJson(s3EndpointPolicy(args.arn, args.buckets, args.clientBuckets));
  const s3 = new aws.ec2.VpcEndpoint(
    `${name}-s3-gateway`,
    {
      vpcId: args.vpcId,
      serviceName: endpointServiceName(region, "s3"),
      vpcEndpointType: "Gateway",
      routeTableIds: args.routeTableIds,
      policy: s3Policy,
      tags: { ...tags, Name: `${name}-s3` },
    },
    { parent },
  );
  const s3Interface = new aws.ec2.VpcEndpoint(
    `${name}-s3-interface`,
    {
      vpcId: args.vpcId,
      serviceName: endpointServiceName(region, "s3"),
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false },
      subnetIds: args.subnetIds,
      securityGroupIds: [securityGroup.id],
      policy: s3Policy,
      tags: { ...tags, Name: `${name}-s3-interface` },
    },
    { parent, dependsOn: [s3] },
  );
  const interfaces = args.interfaceServices.map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}`,
        {
          vpcId: args.vpcId,
          serviceName: endpointServiceName(region, service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: args.subnetIds,
          securityGroupIds: [securityGroup.id],
          policy: toJson(accountEndpointPolicy(args.arn, service)),
          tags: { ...tags, Name: `${name}-${service}` },
        },
        { parent },
      ),
  );
  return { securityGroup, s3, s3Interface, interfaces };
}
