import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "aws-ec2-subnet-disallow-public-ip-on-launch",
  description:
    "Subnets must not assign public IP addresses to instances launched in them. With mapPublicIpOnLaunch every node, database proxy or task placed in the subnet is directly addressable from the internet, whatever its own settings say.",
  severity: "medium",
  remediation:
    "Set mapPublicIpOnLaunch to false (the default). Public subnets only need to hold NAT gateways and load balancers, which get their addresses explicitly.",
  controls: { nist: ["SC-7", "SC-7(5)"] },
  concern: "network-exposure",
  resourceTypes: ["aws:ec2/subnet:Subnet"],
  check({ props }, report) {
    if (bool(props.mapPublicIpOnLaunch) === true) {
      report(
        "mapPublicIpOnLaunch is true: instances launched here get public IPs. Set it to false.",
      );
    }
  },
});
