/**
 * An internet-facing load balancer's own security group may admit TCP 443 from anywhere, and TCP
 * 80 when the load balancer's HTTP listener only redirects to HTTPS. A workload's group, a group
 * shared with a workload, an internal load balancer's group and any other port stay flagged.
 */
import { describe, expect, it } from "vitest";
import publicIngress from "../../../policy-packs/policies/aws/aws-ec2-securitygroup-disallow-public-ingress";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { stackViolationsOf, UNKNOWN_STRING } from "../../helpers/aws-policies";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const INSTANCE = "aws:ec2/instance:Instance";

const open = (port: number, name: string): StackResourceInput => ({
  type: INGRESS,
  name,
  props: {
    securityGroupId: "computed",
    ipProtocol: "tcp",
    fromPort: port,
    toPort: port,
    cidrIpv4: "0.0.0.0/0",
  },
  propertyDependencies: { securityGroupId: ["alb-sg"] },
});

/** A public ALB with its own group (443 and 80 open), an HTTPS listener and an 80→443 redirect. */
function publicAlb(): StackResourceInput[] {
  return [
    { type: SG, name: "alb-sg", props: { id: "sg-alb", vpcId: "vpc-1", description: "alb" } },
    open(443, "https-in"),
    open(80, "http-in"),
    {
      type: LB,
      name: "alb",
      props: { internal: false, loadBalancerType: "application", securityGroups: ["sg-alb"] },
    },
    {
      type: LISTENER,
      name: "https",
      props: { port: 443, protocol: "HTTPS", defaultActions: [{ type: "forward" }] },
      propertyDependencies: { loadBalancerArn: ["alb"] },
    },
    {
      type: LISTENER,
      name: "http",
      props: {
        port: 80,
        protocol: "HTTP",
        defaultActions: [
          {
            type: "redirect",
            redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
          },
        ],
      },
      propertyDependencies: { loadBalancerArn: ["alb"] },
    },
  ];
}

const edit = (
  stack: StackResourceInput[],
  name: string,
  change: (r: StackResourceInput) => StackResourceInput,
) => stack.map((r) => (r.name === name ? change(r) : r));
const messages = (stack: StackResourceInput[]) =>
  stackViolationsOf(publicIngress, stack).map((v) => `${v.urn?.split("::").pop()}: ${v.message}`);

describe("aws-ec2-securitygroup-disallow-public-ingress on a public load balancer's group", () => {
  it("stays silent on 443 and an 80→443 redirect, joined by id or by dependency", () => {
    expect(stackViolationsOf(publicIngress, publicAlb())).toEqual([]);
    const byDeps = edit(publicAlb(), "alb", (r) => ({
      ...r,
      props: { ...r.props, securityGroups: [UNKNOWN_STRING] },
      propertyDependencies: { securityGroups: ["alb-sg"] },
    }));
    expect(stackViolationsOf(publicIngress, byDeps)).toEqual([]);
    const inline: StackResourceInput[] = [
      {
        type: SG,
        name: "alb-sg",
        props: {
          id: "sg-alb",
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        },
      },
      ...publicAlb().filter((r) => r.type !== INGRESS && r.type !== SG),
    ];
    expect(stackViolationsOf(publicIngress, inline)).toEqual([]);
  });

  it("flags 80 when the HTTP listener serves instead of redirecting", () => {
    const serving = edit(publicAlb(), "http", (r) => ({
      ...r,
      props: { ...r.props, defaultActions: [{ type: "forward" }] },
    }));
    expect(messages(serving)).toEqual([
      "http-in: Ingress the rule (tcp 80): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
    expect(messages(publicAlb().filter((r) => r.name !== "http"))).toHaveLength(1);
  });

  it("flags any other port on the load balancer's group", () => {
    expect(messages([...publicAlb(), open(22, "ssh-in")])).toEqual([
      "ssh-in: Ingress the rule (tcp 22): 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Allow only the allowlisted CIDRs or a source security group.",
    ]);
  });

  it("flags the same rules on an internal load balancer's group or one a workload shares", () => {
    const internal = edit(publicAlb(), "alb", (r) => ({
      ...r,
      props: { ...r.props, internal: true },
    }));
    expect(messages(internal)).toHaveLength(2);
    const shared: StackResourceInput[] = [
      ...publicAlb(),
      { type: INSTANCE, name: "app", props: { vpcSecurityGroupIds: ["sg-alb"] } },
    ];
    expect(messages(shared)).toHaveLength(2);
    const unknownScheme = edit(publicAlb(), "alb", (r) => ({
      ...r,
      props: { ...r.props, internal: UNKNOWN_STRING },
    }));
    expect(messages(unknownScheme)).toHaveLength(2);
  });

  it("flags a workload's group that no load balancer uses", () => {
    const workload = publicAlb().filter((r) => r.type !== LB && r.type !== LISTENER);
    expect(stackViolationsOf(publicIngress, workload).map((v) => v.urn)).toEqual([
      urnOf(INGRESS, "https-in"),
      urnOf(INGRESS, "http-in"),
    ]);
  });
});
