import type * as k8s from "@pulumi/kubernetes";
import { block, peersOf, type PeerAddresses } from "../network-policies/peers";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/** The webhook's TLS port in the jetstack chart (the API server calls it). */
export const CERT_MANAGER_WEBHOOK_PORT = 10250;

/**
 * NetworkPolicies of the cert-manager namespace when the layer installs it: deny by default, then
 * DNS, the API server, HTTPS to ACME and DNS-provider APIs (never to metadata or cluster ranges),
 * and the API server's calls to the webhook. Its metrics port stays closed.
 */
export function certManagerNetworkPolicies(
  addresses: PeerAddresses,
): Record<string, NetworkPolicySpec> {
  const tenantless = "cert-manager";
  return {
    "default-deny": {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [],
    },
    "cert-manager": {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: peersOf("dns", tenantless, addresses),
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
        {
          to: peersOf("kubernetes-api", tenantless, addresses),
          ports: [
            { protocol: "TCP", port: 443 },
            { protocol: "TCP", port: 6443 },
          ],
        },
        {
          to: [block("0.0.0.0/0", [...addresses.clusterCidrs, ...addresses.metadataCidrs])],
          ports: [{ protocol: "TCP", port: 443 }],
        },
      ],
    },
    "webhook-from-api-server": {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "webhook" } },
      policyTypes: ["Ingress"],
      ingress: [{ ports: [{ protocol: "TCP", port: CERT_MANAGER_WEBHOOK_PORT }] }],
    },
  };
}
