import { resourcePolicy } from "../../lib/define";
import { arr, bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "aws-ec2-instance-disallow-public-ip",
  description:
    "EC2 instances, launch templates and launch configurations must not associate a public IP address. Nodes live in private subnets and reach the internet, if at all, through NAT; a public address makes every open port of the node reachable from anywhere the security group allows.",
  severity: "high",
  remediation:
    "Remove associatePublicIpAddress (or set it to false) and launch into private subnets; publish services through a load balancer or ingress with an allowlist.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4"] },
  concern: "network-exposure",
  resourceTypes: [
    "aws:ec2/instance:Instance",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/launchConfiguration:LaunchConfiguration",
  ],
  check({ type, props }, report) {
    if (type === "aws:ec2/launchTemplate:LaunchTemplate") {
      arr(props.networkInterfaces).forEach((ni, i) => {
        if (bool(get(ni, "associatePublicIpAddress")) === true) {
          report(
            `networkInterfaces[${i}].associatePublicIpAddress is true. Set it to false and use private subnets.`,
          );
        }
      });
      return;
    }
    if (bool(props.associatePublicIpAddress) === true) {
      report("associatePublicIpAddress is true. Set it to false and use private subnets.");
    }
  },
});
