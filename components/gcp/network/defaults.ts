/** Secure defaults of the GCP network; none is configurable but the ranges and airGapped. */

/** Subnet flow logs: every flow, every 5 seconds, with all metadata (CIS GCP 3.8). */
export const FLOW_LOGS = {
  aggregationInterval: "INTERVAL_5_SEC",
  flowSampling: 1,
  metadata: "INCLUDE_ALL_METADATA",
} as const;

/** The secondary ranges' names on the nodes' subnet (the cluster's ipAllocationPolicy uses them). */
export const SECONDARY_RANGE_NAMES = { pods: "pods", services: "services" } as const;

/**
 * restricted.googleapis.com: the VIP that serves only the Google APIs VPC Service Controls
 * supports, reached without any internet route (Private Google Access, "restricted" option).
 */
export const RESTRICTED_VIP = {
  range: "199.36.153.4/30",
  addresses: ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"],
  apex: "restricted.googleapis.com.",
} as const;

/**
 * private.googleapis.com: the VIP that serves most Google APIs over Private Google Access, from
 * private addresses, without the internet. A VPC with egress resolves Google APIs to it, so the
 * pods' NetworkPolicies can name one /30 for Cloud Storage and Secret Manager instead of every
 * Google address.
 */
export const PRIVATE_VIP = {
  range: "199.36.153.8/30",
  addresses: ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"],
  apex: "private.googleapis.com.",
} as const;

/** A Private Google Access VIP: restricted (air-gapped) or private (with egress). */
export type GoogleApiVip = typeof RESTRICTED_VIP | typeof PRIVATE_VIP;

/**
 * The private DNS zones that make Google APIs and the registries (Container Registry, Artifact
 * Registry) resolve to a Private Google Access VIP (restricted air-gapped, private otherwise):
 * the apex to the VIP's addresses, every name under it to the apex. An apex left undefined is
 * the VIP's own name (`restricted.googleapis.com.` or `private.googleapis.com.`).
 */
export const GOOGLE_API_ZONES = [
  { key: "googleapis", dnsName: "googleapis.com.", apex: undefined },
  { key: "gcr", dnsName: "gcr.io.", apex: "gcr.io." },
  { key: "pkg-dev", dnsName: "pkg.dev.", apex: "pkg.dev." },
] as const;

export const DNS_TTL_SECONDS = 300;

/** Priorities: explicit allows at 1000, the logged catch-all denies just above the implied rules. */
export const PRIORITY = { allow: 1000, denyAll: 65534 } as const;

/** Cloud NAT: automatic addresses, errors logged, only the nodes' subnet (all its ranges). */
export const NAT = {
  natIpAllocateOption: "AUTO_ONLY",
  sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
  logConfig: { enable: true, filter: "ERRORS_ONLY" },
  minPortsPerVm: 64,
} as const;
