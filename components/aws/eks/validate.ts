import {
  internetInPieces,
  isCidrProblem,
  isTooBroad,
  parseCidr,
  percent,
  tooBroadProblem,
  type Cidr,
} from "../../shared/cidr";
import type { ClusterArgs } from "./args";

/** Problems with the cluster's arguments, each naming the arg, the value and the fix. */
export function validateClusterArgs(name: string, args: ClusterArgs): string[] {
  const problems: string[] = [];
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(args.clusterName)) {
    problems.push(
      `Cluster ${name}: clusterName "${args.clusterName}" is not an EKS cluster name. Fix: use 1-100 letters, digits, - and _`,
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
    } else if (args.publicEndpoint && parsed.version === 6) {
      problems.push(
        `Cluster ${name}: adminCidrs[${i}] "${cidr}" is IPv6, which the public endpoint cannot allow. Fix: use IPv4 networks`,
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
  const { minSize, desiredSize, maxSize, diskSizeGiB, instanceTypes } = args.nodes;
  if (!(minSize >= 1 && minSize <= desiredSize && desiredSize <= maxSize)) {
    problems.push(
      `Cluster ${name}: nodes min/desired/max ${minSize}/${desiredSize}/${maxSize} are not 1 <= min <= desired <= max. Fix: adjust the node sizes`,
    );
  }
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
