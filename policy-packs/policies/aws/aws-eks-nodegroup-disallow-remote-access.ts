import { resourcePolicy } from "../../lib/define";
import { get, isRecord, strings } from "../../lib/props";

export default resourcePolicy({
  name: "aws-eks-nodegroup-disallow-remote-access",
  description:
    "EKS managed node groups must not enable SSH remote access. It puts a long-lived key on every node, and without source security groups EKS opens port 22 to the whole internet; node access belongs to SSM Session Manager, which is audited.",
  severity: "high",
  remediation:
    "Remove remoteAccess from the aws.eks.NodeGroup and use AWS Systems Manager Session Manager (the AmazonSSMManagedInstanceCore policy on the node role) for break-glass access.",
  controls: { nist: ["AC-17", "SC-7", "IA-2", "CM-7"] },
  concern: "network-exposure",
  resourceTypes: ["aws:eks/nodeGroup:NodeGroup"],
  check({ props }, report) {
    const remote = props.remoteAccess;
    if (!isRecord(remote)) {
      return;
    }
    const sources = strings(get(remote, "sourceSecurityGroupIds"));
    report(
      sources.length === 0
        ? "remoteAccess is set without sourceSecurityGroupIds: EKS opens SSH (port 22) to 0.0.0.0/0. Remove remoteAccess and use SSM Session Manager."
        : "remoteAccess enables SSH to the nodes. Remove it and use SSM Session Manager.",
    );
  },
});
