import { resourcePolicy } from "../../lib/define";
import { arr, get, isRecord, str, strings } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { coversTheInternet, type AddressBlock } from "../../lib/cidr";
import { NETWORK_POLICY_TOKENS } from "../../lib/kubernetes/types";

interface Config {
  /** NetworkPolicies (`<namespace>/<name>`) whose internet egress the stack accepts. */
  readonly allowedPolicies: readonly string[];
}

function portsOf(rule: unknown): string {
  const ports = arr(get(rule, "ports"))
    .map((p) => `${String(get(p, "port") ?? "every port")}/${str(get(p, "protocol")) ?? "TCP"}`)
    .join(", ");
  return ports === "" ? "every port" : ports;
}

export default resourcePolicy<Config>({
  name: "kubernetes-networking-networkpolicy-disallow-internet-egress",
  description:
    "A NetworkPolicy must not allow egress to the internet: an egress rule without destinations (`to` omitted or empty, which admits every address), or ipBlocks that alone or together cover more than a /8 of public IPv4 or a /32 of public IPv6 addresses (0.0.0.0/0 or ::/0, with or without private ranges excepted, or split into pieces). Internet egress lets a compromised pod send the data it can read anywhere; pods should reach only the named services they need.",
  severity: "high",
  remediation:
    "Allow egress only to the addresses of the services the pods use (the object store's private endpoint, the database subnets, the API server, the cloud's VPC endpoints) and to in-cluster peers by selector. If a workload must reach the internet, send it through an egress proxy with an allowlist; accept a specific NetworkPolicy only by listing `<namespace>/<name>` in this policy's allowedPolicies.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4"], cis: cisKubernetes("5.3.2") },
  concern: "network-exposure",
  resourceTypes: NETWORK_POLICY_TOKENS,
  configSchema: {
    properties: {
      allowedPolicies: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "NetworkPolicies, as `<namespace>/<name>`, whose egress to the internet the stack accepts (e.g. cert-manager reaching an ACME server).",
      },
    },
  },
  check({ props }, report, config) {
    const declared = strings(get(props, "spec.policyTypes"));
    if (declared.length > 0 && !declared.includes("Egress")) {
      return; // Egress rules are ignored when the policy does not govern egress.
    }
    const id = `${str(get(props, "metadata.namespace")) ?? "default"}/${str(get(props, "metadata.name")) ?? ""}`;
    if ((config.allowedPolicies ?? []).includes(id)) {
      return;
    }
    const blocks: AddressBlock[] = [];
    arr(get(props, "spec.egress")).forEach((rule, i) => {
      const to = arr(get(rule, "to"));
      if (to.length === 0) {
        report(
          `egress[${i}] has no \`to\`, so it allows every destination, the internet included (${portsOf(rule)}). Name the destinations.`,
        );
        return;
      }
      for (const peer of to) {
        const ipBlock = get(peer, "ipBlock");
        if (isRecord(ipBlock) && typeof ipBlock.cidr === "string") {
          blocks.push({ cidr: ipBlock.cidr, except: strings(ipBlock.except) });
        }
      }
    });
    const families = coversTheInternet(blocks);
    if (families.length > 0) {
      const listed = blocks
        .map((b) => (b.except?.length ? `${b.cidr} except ${b.except.join(", ")}` : b.cidr))
        .join("; ");
      report(
        `The egress ipBlocks (${listed}) together cover more than a /${families.includes("IPv4") ? "8 of public IPv4" : "32 of public IPv6"} addresses: that is egress to the internet${families.length === 2 ? " (IPv4 and IPv6)" : ""}. Allow only the addresses of the services the pods need.`,
      );
    }
  },
});
