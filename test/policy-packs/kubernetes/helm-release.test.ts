import { describe, expect, it } from "vitest";
import {
  asKind,
  compliantPodSpec,
  DEPLOYMENT,
  stackPolicyNamed,
} from "../../helpers/kubernetes-policy";
import { runStackPolicy, type StackResourceInput } from "../../helpers/policy";

const NAME = "kubernetes-helm-release-require-visible-workloads";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART_V4 = "kubernetes:helm.sh/v4:Chart";
const CHART_V3 = "kubernetes:helm.sh/v3:Chart";
const urn = (type: string, name: string) => `urn:pulumi:test::enclave::${type}::${name}`;

/** A chart expanded into resources of the stack: the chart component and its Deployment. */
const compliant = (): StackResourceInput[] => [
  { type: CHART_V4, name: "ingress", props: { chart: "traefik", version: "38.0.2" } },
  {
    type: DEPLOYMENT,
    name: "ingress-traefik",
    props: asKind("Deployment", compliantPodSpec()),
    parent: "ingress",
  },
];
const run = (resources: StackResourceInput[]) =>
  runStackPolicy(stackPolicyNamed(NAME), resources).violations;

describe(NAME, () => {
  const policy = stackPolicyNamed(NAME);

  it("is advisory by default, in the workload-security pack's supply-chain concern", () => {
    expect(policy.enforcementLevel).toBe("advisory");
    expect(policy.enclave.concern).toBe("supply-chain");
  });

  it("passes a chart whose rendered objects are resources of the stack", () => {
    expect(run(compliant())).toEqual([]);
  });

  it("flags the same chart once its objects are not registered (v4 and v3)", () => {
    const bare = compliant().slice(0, 1);
    expect(run(bare)).toEqual([
      {
        message:
          'Helm chart "traefik" 38.0.2 registered none of its rendered objects as resources, so no policy judged its workloads, roles or images.',
        urn: urn(CHART_V4, "ingress"),
      },
    ]);
    expect(run([{ ...bare[0]!, type: CHART_V3 }]).map((v) => v.urn)).toEqual([
      urn(CHART_V3, "ingress"),
    ]);
  });

  it("flags a Helm release, which never registers the objects it renders, naming its chart", () => {
    const stack = [
      ...compliant(),
      { type: RELEASE, name: "cert-manager", props: { chart: "cert-manager", version: "v1.19.1" } },
    ];
    expect(run(stack)).toEqual([
      {
        message:
          'Helm release of chart "cert-manager" v1.19.1 is one resource: the objects its chart renders are not resources of the stack, so no policy judged its workloads, roles or images.',
        urn: urn(RELEASE, "cert-manager"),
      },
    ]);
    // A release without a version says so.
    expect(run([{ type: RELEASE, name: "x", props: { chart: "x" } }])[0]!.message).toMatch(
      /^Helm release of chart "x" \(no version\)/,
    );
  });

  it("is not applicable to a stack without releases or charts", () => {
    expect(runStackPolicy(policy, compliant().slice(1)).notApplicable).toMatch(
      /only applies to stacks with resources of type/,
    );
  });
});
