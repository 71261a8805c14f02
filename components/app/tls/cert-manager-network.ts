import type * as k8s from "@pulumi/kubernetes";
import { CERT_MANAGER } from "../defaults";
import { block, peersOf, type PeerAddresses } from "../network-policies/peers";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/** The webhook's TLS port (the API server calls it; components/app/cert-manager). */
export const CERT_MANAGER_WEBHOOK_PORT = CERT_MANAGER.webhookPort;

/**
 * NetworkPolicies of the cert-manager namespace when the layer installs it: deny by default, then
 * DNS, the API server, and the API server's calls to the webhook. Its metrics port stays closed.
 * Only when the public certificate comes from an issuer outside the cluster (`outboundHttps`:
 * Let's Encrypt, or a named ClusterIssuer such as ACME DNS-01 or a private CA API) does it also
 * get HTTPS to public addresses (never to metadata or cluster ranges): the kit cannot name those
 * servers' addresses, so that egress is internet-wide and the packs flag it
 * (kubernetes-networking-networkpolicy-disallow-internet-egress; a stack that means it lists
 * `cert-manager/cert-manager` in that policy's `allowedPolicies`). With the self-signed issuer
 * cert-manager reaches nothing outside the cluster.
 */
export function certManagerNetworkPolicies(
  addresses: PeerAddresses,
  outboundHttps: boolean,
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
        ...(outboundHttps
          ? [
              {
                to: [block("0.0.0.0/0", [...addresses.clusterCidrs, ...addresses.metadataCidrs])],
                ports: [{ protocol: "TCP", port: 443 }],
              },
            ]
          : []),
      ],
    },
    "webhook-from-api-server": {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "webhook" } },
      policyTypes: ["Ingress"],
      ingress: [{ ports: [{ protocol: "TCP", port: CERT_MANAGER_WEBHOOK_PORT }] }],
    },
  };
}
