import { beforeAll, describe, expect, it } from "vitest";
import { runProgram, setAwsMocks, type RecordedResource } from "../helpers/aws-target-mocks";
import { reviewResources } from "../helpers/aws-target-review";
import { readStackFile } from "../helpers/aws-target-stack";

/**
 * The kit's own AWS shapes for three of the second-pass checks (VPC CNI network policy, node group
 * launch template, database on a TLS parameter group): silent on the reference stack, and each
 * fires when the kit's resource loses the one setting it checks.
 */
const CHECKS = [
  "aws-eks-cluster-enforce-network-policy",
  "aws-eks-nodegroup-require-launch-template",
  "aws-rds-database-require-tls-parameter-group",
];
let resources: RecordedResource[];
let policyConfig: Record<string, unknown>;

beforeAll(async () => {
  await setAwsMocks();
  const cfg = await import("../../stacks/config");
  const target = await import("../../stacks/targets/aws");
  const config = cfg.parseStackConfig(readStackFile("aws-dev"), {
    project: "enclave",
    stack: "aws-dev",
  });
  policyConfig = config.policy;
  resources = (await runProgram(() => target.buildAwsTarget(config))).resources;
});

/** The resources with one resource's inputs and state changed alike. */
function changed(
  match: (r: RecordedResource) => boolean,
  change: (props: Record<string, unknown>) => Record<string, unknown>,
): RecordedResource[] {
  expect(resources.filter(match)).toHaveLength(1);
  return resources.map((r) =>
    match(r) ? { ...r, inputs: change({ ...r.inputs }), state: change({ ...r.state }) } : r,
  );
}

const findings = (rs: RecordedResource[]) =>
  reviewResources(rs, policyConfig)
    .filter((f) => CHECKS.includes(f.policy))
    .map((f) => [f.policy, f.resource]);

describe("the kit's cluster, nodes and database", () => {
  it("are judged by the checks and pass them", () => {
    const types = new Set(resources.map((r) => r.type));
    for (const t of [
      "aws:eks/cluster:Cluster",
      "aws:eks/nodeGroup:NodeGroup",
      "aws:rds/instance:Instance",
    ]) {
      expect(types.has(t), t).toBe(true);
    }
    expect(findings(resources)).toEqual([]);
  });
  it("a vpc-cni add-on without enableNetworkPolicy is flagged on the cluster", () => {
    const rs = changed(
      (r) => r.type === "aws:eks/addon:Addon" && r.inputs.addonName === "vpc-cni",
      (p) => ({ ...p, configurationValues: "{}" }),
    );
    expect(findings(rs)).toEqual([
      ["aws-eks-cluster-enforce-network-policy", "enclave-acme-dev-cluster-eks"],
    ]);
  });
  it("a node group without its launch template is flagged", () => {
    const rs = changed(
      (r) => r.type === "aws:eks/nodeGroup:NodeGroup",
      ({ launchTemplate: _lt, ...p }) => p,
    );
    expect(findings(rs)).toEqual([
      ["aws-eks-nodegroup-require-launch-template", "enclave-acme-dev-cluster-nodes"],
    ]);
  });
  it("a parameter group that turns rds.force_ssl off is flagged on the database", () => {
    const rs = changed(
      (r) => r.type === "aws:rds/parameterGroup:ParameterGroup",
      (p) => ({
        ...p,
        parameters: (p.parameters as { name: string; value: string }[]).map((x) =>
          x.name === "rds.force_ssl" ? { ...x, value: "0" } : x,
        ),
      }),
    );
    expect(findings(rs)).toEqual([
      ["aws-rds-database-require-tls-parameter-group", "enclave-acme-dev-database-instance"],
    ]);
  });
});
