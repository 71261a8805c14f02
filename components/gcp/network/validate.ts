import {
  isCidrProblem,
  isPrivateRange,
  overlaps,
  parseCidr,
  PRIVATE_IPV4,
  type Cidr,
} from "../../shared/cidr";
import type { Problem } from "../../shared/problems";
import type { GcpNetworkRanges } from "../settings";

/** Each range's purpose and the prefix lengths GKE and the subnet accept for it. */
export const RANGE_LIMITS: Readonly<
  Record<keyof GcpNetworkRanges, { what: string; min: number; max: number; example: string }>
> = {
  subnetCidr: { what: "the nodes' subnet", min: 16, max: 24, example: "10.60.0.0/20" },
  podsCidr: { what: "the pods' secondary range", min: 9, max: 21, example: "10.64.0.0/14" },
  servicesCidr: {
    what: "the services' secondary range",
    min: 16,
    max: 27,
    example: "10.68.0.0/20",
  },
  controlPlaneCidr: {
    what: "the control plane's range",
    min: 28,
    max: 28,
    example: "172.16.0.16/28",
  },
};

const PRIVATE = PRIVATE_IPV4.join(", ");

/**
 * The VPC's ranges: each a private IPv4 block of the size its use needs, none overlapping
 * another (GKE refuses overlapping secondary ranges and a control-plane range inside the VPC).
 */
export function validateNetworkRanges(ranges: GcpNetworkRanges): Problem[] {
  const problems: Problem[] = [];
  const parsed: [keyof GcpNetworkRanges, Cidr][] = [];
  for (const field of Object.keys(RANGE_LIMITS) as (keyof GcpNetworkRanges)[]) {
    const value = ranges[field];
    const limit = RANGE_LIMITS[field];
    const cidr = parseCidr(value);
    if (isCidrProblem(cidr)) {
      problems.push({ path: field, value, problem: cidr.problem, fix: cidr.fix });
      continue;
    }
    const size =
      limit.min === limit.max ? `a /${limit.min}` : `from /${limit.min} to /${limit.max}`;
    if (!isPrivateRange(cidr)) {
      problems.push({
        path: field,
        value,
        problem: `is not a private IPv4 range, so ${limit.what} would take addresses that belong to someone on the internet`,
        fix: `use a block inside ${PRIVATE}, e.g. "${limit.example}"`,
      });
    } else if (cidr.prefix < limit.min || cidr.prefix > limit.max) {
      problems.push({
        path: field,
        value,
        problem: `is a /${cidr.prefix}, but ${limit.what} must be ${size}`,
        fix: `use a block ${size}, e.g. "${limit.example}"`,
      });
    } else {
      parsed.push([field, cidr]);
    }
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      const [field, cidr] = parsed[i]!;
      const [other, otherCidr] = parsed[j]!;
      if (overlaps(cidr, otherCidr)) {
        problems.push({
          path: field,
          value: ranges[field],
          problem: `overlaps ${other} (${otherCidr.canonical})`,
          fix: `choose ranges that share no address, e.g. ${RANGE_LIMITS[other].example} for ${other} and ${RANGE_LIMITS[field].example} for ${field}`,
        });
      }
    }
  }
  return problems;
}

/**
 * The admin allowlist is the cluster's master authorized networks. With the private endpoint
 * only (the default), the control plane is reached from inside the VPC or over VPN/Interconnect,
 * so each network must be a private range; a public network needs the public endpoint, an
 * opt-out the packs flag.
 */
export function validateAuthorizedNetworks(args: {
  readonly adminCidrs: readonly string[];
  readonly publicEndpoint: boolean;
}): Problem[] {
  return args.adminCidrs.flatMap((value, i): Problem[] => {
    const cidr = parseCidr(value);
    if (isCidrProblem(cidr)) {
      return [{ path: `adminCidrs[${i}]`, value, problem: cidr.problem, fix: cidr.fix }];
    }
    if (cidr.version !== 4) {
      return [
        {
          path: `adminCidrs[${i}]`,
          value,
          problem: "is an IPv6 network, and GKE master authorized networks take IPv4 blocks only",
          fix: "list the admins' IPv4 networks",
        },
      ];
    }
    if (!args.publicEndpoint && !isPrivateRange(cidr)) {
      return [
        {
          path: `adminCidrs[${i}]`,
          value,
          problem:
            "is a public network, but the control plane has a private endpoint only (master authorized networks must then be private ranges)",
          fix: `list the private ranges the admins reach the VPC from (VPN, Interconnect, a bastion subnet: inside ${PRIVATE}), or set publicEndpoint to true (an opt-out the packs flag) to reach the public endpoint from this network`,
        },
      ];
    }
    return [];
  });
}
