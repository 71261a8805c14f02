import { Address4, Address6 } from "ip-address";
import type * as k8s from "@pulumi/kubernetes";
import { selectorLabels } from "../pod";
import { isWorkload, type External, type Peer } from "./flows";

type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** RFC 1918 ranges: where a database without declared addresses may be. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/**
 * The addresses behind each external peer, from the Platform. Only the database has a fallback
 * (the private ranges); no peer falls back to "any address", so no pod gets internet egress.
 */
export interface PeerAddresses {
  readonly clients: readonly string[];
  readonly database?: readonly string[];
  readonly objectStorage: readonly string[];
  readonly kubernetesApi: readonly string[];
  /** The cloud's secret store API (e.g. the Secrets Manager interface endpoint's subnets). */
  readonly cloudApis: readonly string[];
  readonly identityEndpoints: readonly { readonly cidr: string; readonly port: number }[];
  /** Corporate identity upstreams, each with its own blocks and port (federation only). */
  readonly identityUpstreams?: readonly {
    readonly cidrs: readonly string[];
    readonly port: number;
  }[];
  readonly clusterCidrs: readonly string[];
  readonly metadataCidrs: readonly string[];
}

function parse(cidr: string): Address4 | Address6 {
  return cidr.includes(":") ? new Address6(cidr) : new Address4(cidr);
}

/** True when `inner` is a strict sub-block of `outer` (same family, longer or equal prefix, not equal). */
export function strictlyInside(inner: string, outer: string): boolean {
  const a = parse(inner);
  const b = parse(outer);
  if (a instanceof Address4 !== b instanceof Address4) {
    return false;
  }
  if (a.subnetMask < b.subnetMask) {
    return false;
  }
  const inside =
    a instanceof Address4 ? a.isInSubnet(b as Address4) : (a as Address6).isInSubnet(b as Address6);
  return inside && !(a.subnetMask === b.subnetMask);
}

/** An address block with every listed exclusion that falls inside it cut out (NetworkPolicy `except`). */
export function block(cidr: string, exclude: readonly string[]): NetworkPolicyPeer {
  const inside = [...new Set(exclude)].filter((e) => strictlyInside(e, cidr));
  // Drop exclusions already covered by a wider one (10.42.0.0/16 inside 10.0.0.0/8).
  const except = inside.filter(
    (e) => !inside.some((other) => other !== e && strictlyInside(e, other)),
  );
  return { ipBlock: except.length > 0 ? { cidr, except } : { cidr } };
}

/**
 * The NetworkPolicy peers of a flow endpoint: the Platform's addresses, each block with the
 * metadata ranges cut out. An empty list means "no peer", never "every address": callers drop the
 * rule (an egress rule with no `to` would allow every destination).
 */
export function peersOf(peer: Peer, tenant: string, addr: PeerAddresses): NetworkPolicyPeer[] {
  if (isWorkload(peer)) {
    return [{ podSelector: { matchLabels: selectorLabels(tenant, peer) } }];
  }
  const metadata = addr.metadataCidrs;
  const blocks = (cidrs: readonly string[]) => [...new Set(cidrs)].map((c) => block(c, metadata));
  const external: Record<External, () => NetworkPolicyPeer[]> = {
    clients: () => blocks(addr.clients),
    database: () => blocks(addr.database ?? PRIVATE_RANGES),
    "object-storage": () => blocks(addr.objectStorage),
    "kubernetes-api": () => blocks(addr.kubernetesApi),
    "identity-endpoints": () => addr.identityEndpoints.map((e) => ({ ipBlock: { cidr: e.cidr } })),
    "cloud-apis": () => blocks(addr.cloudApis),
    "identity-upstreams": () => blocks((addr.identityUpstreams ?? []).flatMap((u) => u.cidrs)),
    dns: () => [
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
      },
    ],
  };
  return external[peer as External]();
}
