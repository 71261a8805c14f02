import { describe, expect, it } from "vitest";
import launchTemplate from "../../../policy-packs/policies/aws/aws-eks-nodegroup-require-launch-template";
import { violationsOf, withValue } from "../../helpers/aws-policies";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

/** The kit's node group shape (components/aws/eks/nodes.ts): a launch template by id and version. */
const nodeGroup = {
  clusterName: "enclave-acme",
  nodeRoleArn: "arn:aws:iam::111122223333:role/nodes",
  subnetIds: ["subnet-a", "subnet-b"],
  instanceTypes: ["m6i.large"],
  scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 },
  launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
};

describe("aws-eks-nodegroup-require-launch-template", () => {
  it("passes a node group on a launch template, by id or by name", () => {
    expect(violationsOf(launchTemplate, NODE_GROUP, nodeGroup)).toEqual([]);
    expect(
      violationsOf(launchTemplate, NODE_GROUP, {
        ...nodeGroup,
        launchTemplate: { name: "enclave-nodes", version: "$Latest" },
      }),
    ).toEqual([]);
  });
  it("flags a node group without a launch template", () => {
    expect(
      violationsOf(launchTemplate, NODE_GROUP, withValue(nodeGroup, "launchTemplate", undefined)),
    ).toEqual([
      "The node group has no launchTemplate: EKS generates one with a metadata hop limit of 2 (pods reach the node role's credentials) and leaves root volume encryption to the account default. Use a launch template with IMDSv2, hop limit 1 and an encrypted gp3 root volume.",
    ]);
  });
  it("flags a launchTemplate block that names no template", () => {
    expect(
      violationsOf(
        launchTemplate,
        NODE_GROUP,
        withValue(nodeGroup, "launchTemplate", { version: "1" }),
      ),
    ).toEqual([
      "launchTemplate names neither an id nor a name, so no template is used. Set launchTemplate.id (or name) and version.",
    ]);
  });
  it("is not applicable to other types", () => {
    expect(violationsOf(launchTemplate, "aws:eks/cluster:Cluster", {})).toEqual([]);
  });
});
