/** Security group rules in their three provider shapes, normalised for checks. */
import type { Props } from "../props";
import { arr, get, num, str, strings } from "../props";

export interface SgRule {
  /** `ingress[0]`, `this rule`, for messages. */
  readonly where: string;
  readonly direction: "ingress" | "egress";
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
}

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

export const SG_RULE_TYPES = [
  SECURITY_GROUP,
  DEFAULT_SECURITY_GROUP,
  SECURITY_GROUP_RULE,
  INGRESS_RULE,
  EGRESS_RULE,
];

function inline(props: Props, direction: "ingress" | "egress"): SgRule[] {
  return arr(props[direction]).map((r, i) => ({
    where: `${direction}[${i}]`,
    direction,
    protocol: str(get(r, "protocol")) ?? "",
    fromPort: num(get(r, "fromPort")),
    toPort: num(get(r, "toPort")),
    cidrs: [...strings(get(r, "cidrBlocks")), ...strings(get(r, "ipv6CidrBlocks"))],
  }));
}

/** Every rule a resource declares, whatever its shape. */
export function sgRules(type: string, props: Props): SgRule[] {
  if (type === SECURITY_GROUP || type === DEFAULT_SECURITY_GROUP) {
    return [...inline(props, "ingress"), ...inline(props, "egress")];
  }
  if (type === SECURITY_GROUP_RULE) {
    const direction = str(props.type);
    if (direction !== "ingress" && direction !== "egress") {
      return [];
    }
    return [
      {
        where: "the rule",
        direction,
        protocol: str(props.protocol) ?? "",
        fromPort: num(props.fromPort),
        toPort: num(props.toPort),
        cidrs: [...strings(props.cidrBlocks), ...strings(props.ipv6CidrBlocks)],
      },
    ];
  }
  if (type === INGRESS_RULE || type === EGRESS_RULE) {
    return [
      {
        where: "the rule",
        direction: type === INGRESS_RULE ? "ingress" : "egress",
        protocol: str(props.ipProtocol) ?? "",
        fromPort: num(props.fromPort),
        toPort: num(props.toPort),
        cidrs: [str(props.cidrIpv4), str(props.cidrIpv6)].filter(
          (c): c is string => c !== undefined,
        ),
      },
    ];
  }
  return [];
}

export function allProtocols(rule: SgRule): boolean {
  const p = rule.protocol.toLowerCase();
  return p === "-1" || p === "all";
}

/** All traffic, or every port of a protocol. */
export function allPorts(rule: SgRule): boolean {
  return allProtocols(rule) || ((rule.fromPort ?? 0) <= 0 && (rule.toPort ?? 65535) >= 65535);
}

export function describePorts(rule: SgRule): string {
  if (allProtocols(rule)) {
    return "all traffic";
  }
  const { fromPort: from, toPort: to } = rule;
  const ports =
    from === undefined ? "" : from === to || to === undefined ? ` ${from}` : ` ${from}-${to}`;
  return `${rule.protocol}${ports}`;
}
