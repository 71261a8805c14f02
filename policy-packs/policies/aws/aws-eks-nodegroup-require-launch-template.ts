import { resourcePolicy } from "../../lib/define";
import { get, isRecord, str } from "../../lib/props";

export default resourcePolicy({
  name: "aws-eks-nodegroup-require-launch-template",
  description:
    "EKS managed node groups must be built from a launch template of the stack (launchTemplate with an id or name), so that the stack, and the policies on launch templates, decide the nodes' instance metadata options and root volume. Without one EKS generates its own template: a metadata hop limit of 2, which lets every pod fetch the node role's credentials, and a root volume encrypted only if the account encrypts EBS by default, with the AWS-managed key.",
  severity: "medium",
  remediation:
    'Create an aws.ec2.LaunchTemplate with metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 } and a blockDeviceMappings root volume { volumeType: "gp3", encrypted: "true", kmsKeyId: key.arn }, and set launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) } on the aws.eks.NodeGroup (drop diskSize and remoteAccess, which a launch template replaces).',
  controls: { nist: ["CM-6", "CM-7", "AC-6", "SC-28"] },
  concern: "workload-security",
  resourceTypes: ["aws:eks/nodeGroup:NodeGroup"],
  check({ props }, report) {
    const template = props.launchTemplate;
    if (!isRecord(template)) {
      report(
        "The node group has no launchTemplate: EKS generates one with a metadata hop limit of 2 (pods reach the node role's credentials) and leaves root volume encryption to the account default. Use a launch template with IMDSv2, hop limit 1 and an encrypted gp3 root volume.",
      );
      return;
    }
    const id = str(get(template, "id")) ?? "";
    const name = str(get(template, "name")) ?? "";
    if (id === "" && name === "") {
      report(
        "launchTemplate names neither an id nor a name, so no template is used. Set launchTemplate.id (or name) and version.",
      );
    }
  },
});
