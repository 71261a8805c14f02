import { describe, expect, it } from "vitest";
import publicIngress from "../../../policy-packs/policies/aws/aws-ec2-securitygroup-disallow-public-ingress";
import unrestrictedEgress from "../../../policy-packs/policies/aws/aws-ec2-securitygroup-disallow-unrestricted-egress";
import defaultSgRules from "../../../policy-packs/policies/aws/aws-ec2-defaultsecuritygroup-disallow-rules";
import publicIp from "../../../policy-packs/policies/aws/aws-ec2-instance-disallow-public-ip";
import subnetPublicIp from "../../../policy-packs/policies/aws/aws-ec2-subnet-disallow-public-ip-on-launch";
import imdsv2 from "../../../policy-packs/policies/aws/aws-ec2-instance-enforce-imdsv2";
import instanceEbs from "../../../policy-packs/policies/aws/aws-ec2-instance-enable-ebs-encryption";
import volumeEncryption from "../../../policy-packs/policies/aws/aws-ebs-volume-enable-encryption";
import flowLogs from "../../../policy-packs/policies/aws/aws-ec2-vpc-enable-flow-logs";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import {
  KEY_ARN,
  UNKNOWN_STRING,
  stackViolationsOf,
  violationsOf,
  withValue,
} from "../../helpers/aws-policies";
import { SPLITS, itRefusesTheInternetInPieces } from "../../helpers/internet-splits";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

const compliantSg = {
  vpcId: "vpc-1",
  description: "nodes",
  ingress: [
    {
      protocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrBlocks: ["203.0.113.0/24"],
      ipv6CidrBlocks: ["2001:db8::/32"],
    },
  ],
  egress: [
    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] },
  ],
};

describe("aws-ec2-securitygroup-disallow-public-ingress", () => {
  itRefusesTheInternetInPieces((ranges) =>
    violationsOf(publicIngress, SG, withValue(compliantSg, "ingress.0.cidrBlocks", ranges)),
  );
  itRefusesTheInternetInPieces((ranges) =>
    violationsOf(publicIngress, SG_RULE, {
      type: "ingress",
      protocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrBlocks: ranges,
      securityGroupId: "sg",
    }),
  );
  it("adds up the pieces spread over a group's rules, and flags a split in rule resources", () => {
    const rules = SPLITS.nines.map((cidr) => ({
      protocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrBlocks: [cidr],
    }));
    expect(violationsOf(publicIngress, SG, { ...compliantSg, ingress: rules })).toEqual([
      "The ingress rules' ranges: together the ranges cover 1.81% of the public IPv4 space, the internet in pieces (the limit is 1.56%). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    const ingressRule = (cidrIpv4: string) =>
      violationsOf(publicIngress, INGRESS, {
        securityGroupId: "sg",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4,
      });
    expect(ingressRule("128.0.0.0/1")).toEqual([
      "Ingress the rule (tcp 443): 128.0.0.0/1 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    expect(ingressRule("10.0.0.0/7")).toHaveLength(1);
    expect(ingressRule("82.128.0.0/12")).toEqual([]);
  });
  it("passes allowlisted ingress on every rule shape", () => {
    expect(violationsOf(publicIngress, SG, compliantSg)).toEqual([]);
    expect(
      violationsOf(publicIngress, SG_RULE, {
        type: "ingress",
        protocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        securityGroupId: "sg",
        sourceSecurityGroupId: "sg-2",
      }),
    ).toEqual([]);
    expect(
      violationsOf(publicIngress, INGRESS, {
        securityGroupId: "sg",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "198.51.100.0/24",
      }),
    ).toEqual([]);
    expect(
      violationsOf(publicIngress, SG_RULE, {
        type: "egress",
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ["0.0.0.0/0"],
        securityGroupId: "sg",
      }),
    ).toEqual([]);
  });
  it("flags 0.0.0.0/0 and ::/0 inline", () => {
    const sg = withValue(compliantSg, "ingress.0.cidrBlocks", ["0.0.0.0/0"]);
    expect(violationsOf(publicIngress, SG, sg)).toEqual([
      "Ingress ingress[0] (tcp 443): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    const v6 = withValue(compliantSg, "ingress.0.ipv6CidrBlocks", ["::/0"]);
    expect(violationsOf(publicIngress, SG, v6)).toEqual([
      "Ingress ingress[0] (tcp 443): ::/0 is broader than IPv6 /32 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    expect(
      violationsOf(publicIngress, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      }),
    ).toEqual([
      "Ingress ingress[0] (all traffic): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
  });
  it("flags the separate rule resources", () => {
    expect(
      violationsOf(publicIngress, SG_RULE, {
        type: "ingress",
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"],
        securityGroupId: "sg",
      }),
    ).toEqual([
      "Ingress the rule (tcp 22): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    expect(
      violationsOf(publicIngress, INGRESS, {
        securityGroupId: "sg",
        ipProtocol: "tcp",
        fromPort: 80,
        toPort: 8080,
        cidrIpv6: "::/0",
      }),
    ).toEqual([
      "Ingress the rule (tcp 80-8080): ::/0 is broader than IPv6 /32 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
  });
});

describe("aws-ec2-securitygroup-disallow-unrestricted-egress", () => {
  itRefusesTheInternetInPieces((ranges) =>
    violationsOf(unrestrictedEgress, SG, withValue(compliantSg, "egress.1.cidrBlocks", ranges)),
  );
  it("passes port-scoped egress to the internet and all traffic inside the VPC", () => {
    expect(violationsOf(unrestrictedEgress, SG, compliantSg)).toEqual([]);
    expect(
      violationsOf(unrestrictedEgress, EGRESS, {
        securityGroupId: "sg",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      }),
    ).toEqual([]);
  });
  it("flags all traffic or every port to anywhere", () => {
    const sg = withValue(compliantSg, "egress.1.cidrBlocks", ["0.0.0.0/0"]);
    expect(violationsOf(unrestrictedEgress, SG, sg)).toEqual([
      "Egress egress[1] (all traffic): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Limit egress to the ports and destinations needed.",
    ]);
    expect(
      violationsOf(unrestrictedEgress, EGRESS, {
        securityGroupId: "sg",
        ipProtocol: "-1",
        cidrIpv6: "::/0",
      }),
    ).toEqual([
      "Egress the rule (all traffic): ::/0 is broader than IPv6 /32 (a share of the internet, not a network). Limit egress to the ports and destinations needed.",
    ]);
    expect(
      violationsOf(unrestrictedEgress, SG_RULE, {
        type: "egress",
        protocol: "tcp",
        fromPort: 0,
        toPort: 65535,
        cidrBlocks: ["0.0.0.0/0"],
        securityGroupId: "sg",
      }),
    ).toEqual([
      "Egress the rule (every tcp port): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Limit egress to the ports and destinations needed.",
    ]);
  });
});

describe("aws-ec2-defaultsecuritygroup-disallow-rules", () => {
  it("passes an emptied default group and flags kept rules", () => {
    const DSG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    expect(violationsOf(defaultSgRules, DSG, { vpcId: "vpc-1" })).toEqual([]);
    expect(
      violationsOf(defaultSgRules, DSG, {
        vpcId: "vpc-1",
        ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
      }),
    ).toEqual([
      "The default security group keeps 1 ingress and 0 egress rule(s). Remove them all.",
    ]);
  });
});

const metadataOptions = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
};
const compliantInstance = {
  ami: "ami-1",
  instanceType: "t3.small",
  subnetId: "subnet-private",
  associatePublicIpAddress: false,
  metadataOptions,
  rootBlockDevice: { encrypted: true, kmsKeyId: KEY_ARN, volumeSize: 20 },
  ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY_ARN }],
};
const compliantTemplate = {
  metadataOptions,
  networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }],
  blockDeviceMappings: [
    { deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN, volumeSize: 50 } },
  ],
};
const compliantLaunchConfiguration = {
  imageId: "ami-1",
  instanceType: "t3.small",
  metadataOptions,
  rootBlockDevice: { encrypted: true },
};

describe("aws-ec2-instance-disallow-public-ip", () => {
  it("passes private instances, templates and launch configurations", () => {
    expect(violationsOf(publicIp, INSTANCE, compliantInstance)).toEqual([]);
    expect(violationsOf(publicIp, LAUNCH_TEMPLATE, compliantTemplate)).toEqual([]);
    expect(violationsOf(publicIp, LAUNCH_CONFIGURATION, compliantLaunchConfiguration)).toEqual([]);
  });
  it("flags public IP association", () => {
    expect(
      violationsOf(
        publicIp,
        INSTANCE,
        withValue(compliantInstance, "associatePublicIpAddress", true),
      ),
    ).toEqual(["associatePublicIpAddress is true. Set it to false and use private subnets."]);
    expect(
      violationsOf(
        publicIp,
        LAUNCH_TEMPLATE,
        withValue(compliantTemplate, "networkInterfaces.0.associatePublicIpAddress", "true"),
      ),
    ).toEqual([
      "networkInterfaces[0].associatePublicIpAddress is true. Set it to false and use private subnets.",
    ]);
    expect(
      violationsOf(publicIp, LAUNCH_CONFIGURATION, {
        ...compliantLaunchConfiguration,
        associatePublicIpAddress: true,
      }),
    ).toHaveLength(1);
  });
});

describe("aws-ec2-subnet-disallow-public-ip-on-launch", () => {
  it("passes the default and flags mapPublicIpOnLaunch", () => {
    const SUBNET = "aws:ec2/subnet:Subnet";
    expect(violationsOf(subnetPublicIp, SUBNET, { vpcId: "v", cidrBlock: "10.0.0.0/24" })).toEqual(
      [],
    );
    expect(
      violationsOf(subnetPublicIp, SUBNET, {
        vpcId: "v",
        cidrBlock: "10.0.0.0/24",
        mapPublicIpOnLaunch: true,
      }),
    ).toEqual([
      "mapPublicIpOnLaunch is true: instances launched here get public IPs. Set it to false.",
    ]);
  });
});

describe("aws-ec2-instance-enforce-imdsv2", () => {
  it("passes IMDSv2 with hop limit 1, and a disabled endpoint", () => {
    expect(violationsOf(imdsv2, INSTANCE, compliantInstance)).toEqual([]);
    expect(violationsOf(imdsv2, LAUNCH_TEMPLATE, compliantTemplate)).toEqual([]);
    expect(violationsOf(imdsv2, LAUNCH_CONFIGURATION, compliantLaunchConfiguration)).toEqual([]);
    expect(
      violationsOf(imdsv2, INSTANCE, { metadataOptions: { httpEndpoint: "disabled" } }),
    ).toEqual([]);
  });
  it("flags optional tokens", () => {
    expect(
      violationsOf(
        imdsv2,
        LAUNCH_TEMPLATE,
        withValue(compliantTemplate, "metadataOptions", {
          ...metadataOptions,
          httpTokens: "optional",
        }),
      ),
    ).toEqual([
      'metadataOptions.httpTokens is "optional", so IMDSv1 may answer. Set it to "required".',
    ]);
  });
  it("flags a missing or high hop limit", () => {
    expect(
      violationsOf(
        imdsv2,
        INSTANCE,
        withValue(compliantInstance, "metadataOptions", { httpTokens: "required" }),
      ),
    ).toEqual([
      "metadataOptions.httpPutResponseHopLimit is not set, so the AMI decides (AL2023 images use 2). Set it to 1.",
    ]);
    const two = withValue(compliantTemplate, "metadataOptions", {
      ...metadataOptions,
      httpPutResponseHopLimit: 2,
    });
    expect(violationsOf(imdsv2, LAUNCH_TEMPLATE, two)).toEqual([
      "metadataOptions.httpPutResponseHopLimit is 2, above 1: containers can reach the node's credentials. Set it to 1.",
    ]);
    expect(violationsOf(imdsv2, LAUNCH_TEMPLATE, two, { maximumHopLimit: 2 })).toEqual([]);
  });
  it("reports both failures of an instance without metadata options", () => {
    expect(violationsOf(imdsv2, INSTANCE, { ami: "ami-1" })).toHaveLength(2);
  });
});

describe("aws-ec2-instance-enable-ebs-encryption", () => {
  it("passes encrypted volumes under a customer key", () => {
    expect(violationsOf(instanceEbs, INSTANCE, compliantInstance)).toEqual([]);
    expect(violationsOf(instanceEbs, LAUNCH_TEMPLATE, compliantTemplate)).toEqual([]);
    expect(violationsOf(instanceEbs, LAUNCH_CONFIGURATION, compliantLaunchConfiguration)).toEqual(
      [],
    );
  });
  it("flags an undeclared or unencrypted root volume", () => {
    expect(
      violationsOf(
        instanceEbs,
        INSTANCE,
        withValue(compliantInstance, "rootBlockDevice", undefined),
      ),
    ).toEqual([
      "rootBlockDevice is not set, so the root volume follows the AMI snapshot. Declare it with encrypted: true.",
    ]);
    expect(
      violationsOf(
        instanceEbs,
        INSTANCE,
        withValue(compliantInstance, "rootBlockDevice.encrypted", false),
      ),
    ).toEqual(["rootBlockDevice.encrypted is not true. Encrypt the volume."]);
    expect(
      violationsOf(
        instanceEbs,
        LAUNCH_CONFIGURATION,
        withValue(compliantLaunchConfiguration, "rootBlockDevice.encrypted", false),
      ),
    ).toHaveLength(1);
  });
  it("flags data volumes and AWS-managed keys", () => {
    expect(
      violationsOf(
        instanceEbs,
        INSTANCE,
        withValue(compliantInstance, "ebsBlockDevices.0.kmsKeyId", undefined),
      ),
    ).toEqual([
      "ebsBlockDevices[0].kmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
    expect(
      violationsOf(
        instanceEbs,
        INSTANCE,
        withValue(compliantInstance, "ebsBlockDevices.0.kmsKeyId", undefined),
        { requireCustomerManagedKey: false },
      ),
    ).toEqual([]);
  });
  it("flags launch templates without an encrypted EBS mapping", () => {
    expect(
      violationsOf(
        instanceEbs,
        LAUNCH_TEMPLATE,
        withValue(compliantTemplate, "blockDeviceMappings", []),
      ),
    ).toEqual([
      'No blockDeviceMappings entry declares an EBS volume, so the root volume follows the AMI snapshot. Declare it with encrypted: "true".',
    ]);
    expect(
      violationsOf(
        instanceEbs,
        LAUNCH_TEMPLATE,
        withValue(compliantTemplate, "blockDeviceMappings.0.ebs.encrypted", "false"),
      ),
    ).toEqual(["blockDeviceMappings[0].ebs.encrypted is not true. Encrypt the volume."]);
  });
});

describe("aws-ebs-volume-enable-encryption", () => {
  const VOLUME = "aws:ebs/volume:Volume";
  const volume = { availabilityZone: "eu-west-1a", size: 10, encrypted: true, kmsKeyId: KEY_ARN };
  it("passes an encrypted volume under a customer key", () => {
    expect(violationsOf(volumeEncryption, VOLUME, volume)).toEqual([]);
  });
  it("flags an unencrypted volume and the AWS-managed key", () => {
    expect(
      violationsOf(volumeEncryption, VOLUME, withValue(volume, "encrypted", undefined)),
    ).toEqual(["encrypted is not true. Set encrypted: true with a customer-managed kmsKeyId."]);
    expect(
      violationsOf(
        volumeEncryption,
        VOLUME,
        withValue(volume, "kmsKeyId", "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs"),
      ),
    ).toEqual([
      'kmsKeyId is "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs", an AWS-managed key. Name a customer-managed key.',
    ]);
  });
});

describe("aws-ec2-vpc-enable-flow-logs", () => {
  const VPC = "aws:ec2/vpc:Vpc";
  const FLOW = "aws:ec2/flowLog:FlowLog";
  const stack = (): StackResourceInput[] => [
    { type: VPC, name: "main", props: { id: "vpc-0a1", cidrBlock: "10.0.0.0/16" } },
    {
      type: FLOW,
      name: "main-flow",
      props: { vpcId: "vpc-0a1", trafficType: "ALL", logDestination: "arn:aws:logs:x" },
    },
    { type: VPC, name: "edge", props: { cidrBlock: "10.1.0.0/16" } },
    {
      type: FLOW,
      name: "edge-flow",
      props: { vpcId: "computed", trafficType: "ALL" },
      propertyDependencies: { vpcId: ["edge"] },
    },
  ];
  it("passes VPCs with flow logs joined by id or by propertyDependencies", () => {
    expect(stackViolationsOf(flowLogs, stack())).toEqual([]);
  });
  it("flags a VPC without a flow log", () => {
    expect(
      stackViolationsOf(
        flowLogs,
        stack().filter((r) => r.name !== "edge-flow"),
      ),
    ).toEqual([
      {
        message: 'VPC "edge" has no flow log. Add an aws.ec2.FlowLog for it.',
        urn: urnOf(VPC, "edge"),
      },
    ]);
  });
  it("flags flow logs that capture too little", () => {
    const rejectOnly = stack().map((r) =>
      r.name === "main-flow" ? { ...r, props: { ...r.props, trafficType: "REJECT" } } : r,
    );
    expect(stackViolationsOf(flowLogs, rejectOnly)).toEqual([
      {
        message: 'VPC "main" has flow logs only for REJECT traffic; ALL is required.',
        urn: urnOf(VPC, "main"),
      },
    ]);
    expect(stackViolationsOf(flowLogs, rejectOnly, { requiredTrafficType: "REJECT" })).toEqual([]);
  });
  it("stays silent while a flow log's VPC is unknown", () => {
    const unknown = stack().map((r) =>
      r.name === "edge-flow"
        ? { type: FLOW, name: "edge-flow", props: { vpcId: UNKNOWN_STRING, trafficType: "ALL" } }
        : r,
    );
    expect(stackViolationsOf(flowLogs, unknown)).toEqual([]);
  });
});
