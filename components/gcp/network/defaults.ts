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
} as const;

/**
 * The private DNS zones an air-gapped VPC needs so that Google APIs and the registries (Container
 * Registry, Artifact Registry) resolve to the restricted VIP: the apex to its addresses, every
 * name under it to the apex.
 */
export const RESTRICTED_ZONES = [
  { key: "googleapis", dnsName: "googleapis.com.", apex: "restricted.googleapis.com." },
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
