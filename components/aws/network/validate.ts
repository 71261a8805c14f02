import { isCidrProblem, parseCidr } from "../../shared/cidr";
import type { NetworkArgs } from "./args";

/** Problems with the network's arguments, each naming the arg, the value and the fix. */
export function validateNetworkArgs(name: string, args: NetworkArgs): string[] {
  const problems: string[] = [];
  const cidr = parseCidr(args.vpcCidr);
  if (isCidrProblem(cidr)) {
    problems.push(`Network ${name}: vpcCidr "${args.vpcCidr}" ${cidr.problem}. Fix: ${cidr.fix}`);
  } else if (cidr.version !== 4 || cidr.prefix < 16 || cidr.prefix > 20) {
    problems.push(
      `Network ${name}: vpcCidr "${args.vpcCidr}" is not an IPv4 /16 to /20. Fix: use e.g. 10.42.0.0/16`,
    );
  }
  const zones = args.availabilityZones.length;
  if (zones < 2 || zones > 6) {
    problems.push(
      `Network ${name}: availabilityZones has ${zones} zones. Fix: use 2 to 6 (EKS and RDS need at least 2)`,
    );
  }
  if (args.nat !== "none" && !args.publicSubnets) {
    problems.push(
      `Network ${name}: nat "${args.nat}" needs public subnets for its gateways, but publicSubnets is false. Fix: set publicSubnets true, or nat "none"`,
    );
  }
  if (args.flowLogs.retentionInDays < 30) {
    problems.push(
      `Network ${name}: flowLogs.retentionInDays ${args.flowLogs.retentionInDays} is under 30 days. Fix: keep flow logs at least 30 days`,
    );
  }
  return problems;
}
