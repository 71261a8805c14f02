import {
  internetInPieces,
  isCidrProblem,
  isTooBroad,
  parseCidr,
  percent,
  tooBroadProblem,
  type Cidr,
} from "../../shared/cidr";
import { formatProblem, under, type Problem } from "../../shared/problems";
import type { ClusterArgs } from "./args";

/** The EKS public endpoint takes IPv4 CIDRs only, so an IPv6 admin network could not be allowed. */
export function validatePublicEndpoint(
  args: Pick<ClusterArgs, "publicEndpoint" | "adminCidrs">,
): Problem[] {
  if (!args.publicEndpoint) {
    return [];
  }
  return args.adminCidrs.flatMap((cidr, i) => {
    const parsed = parseCidr(cidr);
    return !isCidrProblem(parsed) && parsed.version === 6
      ? [
          {
            path: `adminCidrs[${i}]`,
            value: cidr,
            problem: "is IPv6, which the EKS public endpoint cannot allow",
            fix: "list the operators' IPv4 networks, or keep publicEndpoint false and reach the private endpoint over a VPN",
          },
        ]
      : [];
  });
}

/** Node counts: 1 <= minSize <= desiredSize <= maxSize (one problem for one broken order). */
export function validateNodeSizes(
  nodes: Pick<ClusterArgs["nodes"], "minSize" | "desiredSize" | "maxSize">,
): Problem[] {
  const { minSize, desiredSize, maxSize } = nodes;
  const fix = "keep minSize <= desiredSize <= maxSize";
  if (minSize < 1) {
    return [{ path: "minSize", value: minSize, problem: "is below 1", fix: "use at least 1" }];
  }
  if (minSize > maxSize) {
    return [{ path: "minSize", value: minSize, problem: `is above maxSize (${maxSize})`, fix }];
  }
  if (desiredSize < minSize || desiredSize > maxSize) {
    return [
      {
        path: "desiredSize",
        value: desiredSize,
        problem: `is outside minSize..maxSize (${minSize}..${maxSize})`,
        fix,
      },
    ];
  }
  return [];
}

/** An EKS add-on version, as `aws eks describe-addon-versions` lists them. */
export const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/** Problems with the cluster's arguments, each naming the arg, the value and the fix. */
export function validateClusterArgs(name: string, args: ClusterArgs): string[] {
  const problems: string[] = [];
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(args.clusterName)) {
    problems.push(
      `Cluster ${name}: clusterName "${args.clusterName}" is not an EKS cluster name. Fix: use 1-100 letters, digits, - and _`,
    );
  }
  if (args.containerLogs !== undefined && !ADDON_VERSION.test(args.containerLogs.addonVersion)) {
    problems.push(
      `Cluster ${name}: containerLogs.addonVersion "${args.containerLogs.addonVersion}" is not an EKS add-on version. Fix: use vX.Y.Z-eksbuild.N, e.g. "v6.0.1-eksbuild.1"`,
    );
  }
  if (!/^1\.\d{2}$/.test(args.kubernetesVersion)) {
    problems.push(
      `Cluster ${name}: kubernetesVersion "${args.kubernetesVersion}" is not <major>.<minor>. Fix: use e.g. "1.34"`,
    );
  }
  if (args.privateSubnetIds.length < 2) {
    problems.push(
      `Cluster ${name}: privateSubnetIds has ${args.privateSubnetIds.length} subnet(s). Fix: give subnets in at least two zones`,
    );
  }
  if (args.adminRoleArns.length === 0) {
    problems.push(
      `Cluster ${name}: adminRoleArns is empty, so nobody could administer the cluster. Fix: name at least one admin role`,
    );
  }
  args.adminCidrs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    if (isCidrProblem(parsed)) {
      problems.push(
        `Cluster ${name}: adminCidrs[${i}] "${cidr}" ${parsed.problem}. Fix: ${parsed.fix}`,
      );
    } else if (parsed.prefix === 0) {
      problems.push(
        `Cluster ${name}: adminCidrs[${i}] "${cidr}" admits the whole internet. Fix: list only the operators' networks`,
      );
    } else if (isTooBroad(parsed)) {
      problems.push(
        `Cluster ${name}: adminCidrs[${i}] "${cidr}" ${tooBroadProblem(parsed)}. Fix: list only the operators' networks`,
      );
    }
  });
  const parsedAdmin = args.adminCidrs.map(parseCidr).filter((c): c is Cidr => !isCidrProblem(c));
  for (const { family, share } of internetInPieces(parsedAdmin)) {
    problems.push(
      `Cluster ${name}: adminCidrs together cover ${percent(share)} of the public IPv${family} space, the internet in pieces. Fix: list only the operators' networks`,
    );
  }
  if (args.publicEndpoint && args.adminCidrs.length === 0) {
    problems.push(
      `Cluster ${name}: publicEndpoint is on with no adminCidrs, which EKS reads as 0.0.0.0/0. Fix: list the operators' networks`,
    );
  }
  problems.push(
    ...[...validatePublicEndpoint(args), ...under("nodes", validateNodeSizes(args.nodes))].map(
      (p) => `Cluster ${name}: ${formatProblem(p)}`,
    ),
  );
  const { diskSizeGiB, instanceTypes } = args.nodes;
  if (diskSizeGiB < 20) {
    problems.push(
      `Cluster ${name}: nodes.diskSizeGiB ${diskSizeGiB} is below 20. Fix: use at least 20 GiB`,
    );
  }
  if (instanceTypes.length === 0) {
    problems.push(
      `Cluster ${name}: nodes.instanceTypes is empty. Fix: list at least one EC2 instance type`,
    );
  }
  return problems;
}
