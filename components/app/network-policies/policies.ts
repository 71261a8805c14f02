import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { selectorLabels, workloadLabels } from "../pod";
import { FLOWS, WORKLOADS, flowApplies, type Flow, type PortSpec, type Workload } from "./flows";
import { peersOf, type PeerAddresses } from "./peers";

type Rule = k8s.types.input.networking.v1.NetworkPolicyIngressRule &
  k8s.types.input.networking.v1.NetworkPolicyEgressRule;

export interface FlowRuleContext {
  readonly tenant: string;
  readonly addresses: PeerAddresses;
  readonly cloudSecretStore: boolean;
  readonly databasePort: pulumi.Input<number>;
  readonly objectStoragePort: number;
}

function portsOf(spec: readonly PortSpec[], protocol: string, ctx: FlowRuleContext) {
  return spec
    .filter((p) => p !== "identity-endpoint" && p !== "identity-upstream")
    .map((p) => ({
      protocol,
      port:
        p === "database"
          ? ctx.databasePort
          : p === "object-storage"
            ? ctx.objectStoragePort
            : (p as number),
    }));
}

/** The rules of one flow, seen from `side` (the peers are the other end). */
function rulesOf(flow: Flow, side: "ingress" | "egress", ctx: FlowRuleContext): Rule[] {
  const peer = side === "ingress" ? flow.from : flow.to;
  const protocol = flow.protocol ?? "TCP";
  if (peer === "*") {
    return [];
  }
  if (peer === "identity-endpoints") {
    // Each credential endpoint with its own port.
    return ctx.addresses.identityEndpoints.map((e) => ({
      to: [{ ipBlock: { cidr: e.cidr } }],
      ports: [{ protocol, port: e.port }],
    }));
  }
  if (peer === "identity-upstreams") {
    // Each upstream's own blocks (metadata ranges cut out) on its own port only.
    return (ctx.addresses.identityUpstreams ?? []).map((u) => ({
      to: peersOf(peer, ctx.tenant, { ...ctx.addresses, identityUpstreams: [u] }),
      ports: [{ protocol, port: u.port }],
    }));
  }
  const peers = peersOf(peer, ctx.tenant, ctx.addresses);
  if (peers.length === 0) {
    // No address named: no rule (an empty `from`/`to` would admit every address).
    return [];
  }
  const ports = portsOf(flow.ports, protocol, ctx);
  return [side === "ingress" ? { from: peers, ports } : { to: peers, ports }];
}

const applicable = (ctx: FlowRuleContext) =>
  FLOWS.filter((f) =>
    flowApplies(f, {
      identityEndpoints: ctx.addresses.identityEndpoints,
      cloudSecretStore: ctx.cloudSecretStore,
      identityUpstreams: ctx.addresses.identityUpstreams,
    }),
  );

/** Ingress and egress rules of one workload's NetworkPolicy, straight from the flow table. */
export function workloadRules(
  workload: Workload,
  ctx: FlowRuleContext,
): { ingress: Rule[]; egress: Rule[] } {
  const flows = applicable(ctx);
  return {
    ingress: flows.filter((f) => f.to === workload).flatMap((f) => rulesOf(f, "ingress", ctx)),
    egress: flows.filter((f) => f.from === workload).flatMap((f) => rulesOf(f, "egress", ctx)),
  };
}

/** Egress rules every pod of the namespace gets (the flows `from: "*"`: DNS). */
export function namespaceWideEgress(ctx: FlowRuleContext): Rule[] {
  return applicable(ctx)
    .filter((f) => f.from === "*")
    .flatMap((f) => rulesOf({ ...f, from: "traefik" }, "egress", ctx));
}

export interface WorkloadNetworkPoliciesArgs {
  readonly namespace: pulumi.Input<string>;
  readonly rules: FlowRuleContext;
}

/**
 * One NetworkPolicy per workload of the flow table (ingress and egress), on top of the namespace's
 * default deny (baseline). A workload with no flow in a direction gets an empty rule list there.
 */
export class WorkloadNetworkPolicies extends pulumi.ComponentResource {
  public readonly policyNames: string[];

  constructor(
    name: string,
    args: WorkloadNetworkPoliciesArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("enclave:kubernetes:WorkloadNetworkPolicies", name, {}, opts);
    this.policyNames = [];
    for (const workload of WORKLOADS) {
      const { ingress, egress } = workloadRules(workload, args.rules);
      new k8s.networking.v1.NetworkPolicy(
        `${name}-${workload}`,
        {
          metadata: {
            name: workload,
            namespace: args.namespace,
            labels: workloadLabels(args.rules.tenant, "network-policy"),
          },
          spec: {
            podSelector: { matchLabels: selectorLabels(args.rules.tenant, workload) },
            policyTypes: ["Ingress", "Egress"],
            ingress,
            egress,
          },
        },
        { parent: this },
      );
      this.policyNames.push(workload);
    }
    this.registerOutputs({ policyNames: this.policyNames });
  }
}
