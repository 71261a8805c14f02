/**
 * Which security groups belong to internet-facing load balancers, and which ports such a group may
 * open to the internet. A public ALB/NLB must accept HTTPS from anywhere; a workload's group never
 * does. A group counts as a load balancer's only when an internet-facing load balancer lists it in
 * `securityGroups` and nothing else of the stack (an instance, a launch template, a cluster, a
 * database, an endpoint) uses it.
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, bool, get, num, str, strings } from "../props";
import { joinReferences, ofTypes, tryRead, UNKNOWN } from "../stack";
import { LISTENER_TYPES, LOAD_BALANCER_TYPES } from "./lb";
import { SG_RULE_TYPES, type SgRule } from "./network";

export const SECURITY_GROUP_TYPES = [
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
];

/** Where other resources name the security groups they attach. */
const ATTACHING_PROPS = ["vpcSecurityGroupIds", "securityGroups", "securityGroupIds", "vpcConfig"];

export interface LoadBalancerGroup {
  /** True when every load balancer using the group has an HTTP listener on 80 that only redirects to HTTPS. */
  readonly redirects80: boolean;
}

function groupIds(group: PolicyResource): Set<string> {
  const id = tryRead(() => str(group.props.id));
  return new Set(id === UNKNOWN || id === undefined || id === "" ? [] : [id]);
}

function referencesGroup(r: PolicyResource, group: PolicyResource, ids: Set<string>): boolean {
  for (const prop of ATTACHING_PROPS) {
    if (((r.propertyDependencies ?? {})[prop] ?? []).some((d) => d.urn === group.urn)) {
      return true;
    }
    const value = tryRead(() => get(r.props, prop));
    if (value === UNKNOWN) {
      return true; // could be this group: not the load balancer's alone
    }
    const named = [...strings(value), ...strings(get(value, "securityGroupIds"))];
    if (named.some((v) => ids.has(v))) {
      return true;
    }
  }
  return false;
}

/** True when the listener serves HTTP on port 80 and only redirects to HTTPS. */
function redirectsToHttps(listener: PolicyResource): boolean {
  const props = listener.props;
  const actions = arr(props.defaultActions);
  return (
    actions.length > 0 &&
    actions.every(
      (a) =>
        str(get(a, "type")) === "redirect" &&
        str(get(a, "redirect.protocol"))?.toUpperCase() === "HTTPS",
    )
  );
}

/** The security groups (by URN) that only internet-facing load balancers use. */
export function loadBalancerGroups(
  resources: readonly PolicyResource[],
): Map<string, LoadBalancerGroup> {
  const groups = ofTypes(resources, SECURITY_GROUP_TYPES);
  const balancers = ofTypes(resources, LOAD_BALANCER_TYPES).filter((lb) => {
    const internal = tryRead(() => bool(lb.props.internal));
    return internal !== true && internal !== UNKNOWN;
  });
  const listeners = joinReferences(balancers, ofTypes(resources, LISTENER_TYPES), {
    sourceProp: "loadBalancerArn",
    targetKeys: ["arn", "id"],
  });
  const ignored = new Set([...LOAD_BALANCER_TYPES, ...SG_RULE_TYPES]);
  const others = resources.filter((r) => !ignored.has(r.type));
  const out = new Map<string, LoadBalancerGroup>();
  for (const group of groups) {
    const ids = groupIds(group);
    const users = balancers.filter((lb) => referencesGroup(lb, group, ids));
    if (users.length === 0 || others.some((r) => referencesGroup(r, group, ids))) {
      continue;
    }
    const redirects80 = users.every((lb) => {
      const on80 = (listeners.get(lb)?.related ?? []).filter(
        (l) => tryRead(() => num(l.props.port)) === 80,
      );
      return on80.length > 0 && on80.every((l) => tryRead(() => redirectsToHttps(l)) === true);
    });
    out.set(group.urn, { redirects80 });
  }
  return out;
}

/** The group a rule resource belongs to (a group's inline rules belong to the group itself). */
export function owningGroups(
  resources: readonly PolicyResource[],
): Map<PolicyResource, PolicyResource | undefined> {
  const groups = ofTypes(resources, SECURITY_GROUP_TYPES);
  const ruleResources = ofTypes(resources, SG_RULE_TYPES).filter(
    (r) => !SECURITY_GROUP_TYPES.includes(r.type),
  );
  const joined = joinReferences(groups, ruleResources, {
    sourceProp: "securityGroupId",
    targetKeys: ["id"],
  });
  const out = new Map<PolicyResource, PolicyResource | undefined>();
  groups.forEach((g) => out.set(g, g));
  ruleResources.forEach((r) => out.set(r, undefined));
  for (const [group, join] of joined) {
    join.related.forEach((r) => out.set(r, group));
  }
  return out;
}

/** Ports an internet-facing load balancer's group may open to everyone: HTTPS, and HTTP when it only redirects. */
export function publicPortAllowed(rule: SgRule, group: LoadBalancerGroup | undefined): boolean {
  const tcp = rule.protocol.toLowerCase() === "tcp" || rule.protocol === "6";
  if (group === undefined || !tcp) {
    return false;
  }
  const single = rule.fromPort !== undefined && rule.fromPort === rule.toPort;
  return single && (rule.fromPort === 443 || (rule.fromPort === 80 && group.redirects80));
}
