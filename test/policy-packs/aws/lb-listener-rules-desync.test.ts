import { describe, expect, it } from "vitest";
import listenerRules from "../../../policy-packs/policies/aws/aws-lb-listenerrule-disallow-plain-http";
import desync from "../../../policy-packs/policies/aws/aws-lb-loadbalancer-configure-desync-mitigation";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import {
  UNKNOWN_STRING,
  stackViolationsOf,
  violationsOf,
  withValue,
} from "../../helpers/aws-policies";

const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const HTTP_ARN = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/ingress/abc/http";
const HTTPS_ARN = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/ingress/abc/https";

const toHttps = {
  type: "redirect",
  redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};

/** An HTTP listener that redirects, with a rule that redirects too, and an HTTPS listener whose rule forwards. */
const stack = (): StackResourceInput[] => [
  {
    type: LISTENER,
    name: "http",
    props: { arn: HTTP_ARN, port: 80, protocol: "HTTP", defaultActions: [toHttps] },
  },
  {
    type: LISTENER,
    name: "https",
    props: {
      arn: HTTPS_ARN,
      port: 443,
      protocol: "HTTPS",
      defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
    },
  },
  {
    type: RULE,
    name: "http-legacy-host",
    props: {
      listenerArn: HTTP_ARN,
      priority: 10,
      conditions: [{ hostHeader: { values: ["old.example.com"] } }],
      actions: [toHttps],
    },
  },
  {
    type: "aws:alb/listenerRule:ListenerRule",
    name: "https-api",
    props: {
      listenerArn: HTTPS_ARN,
      priority: 10,
      conditions: [{ pathPattern: { values: ["/api/*"] } }],
      actions: [{ type: "forward", targetGroupArn: "arn:tg-api" }],
    },
  },
];
const ruleAt = (path: string, value: unknown) =>
  stack().map((r) => (r.name === "http-legacy-host" ? withValue(r, path, value) : r));
const finding = (actions: string) => ({
  message: `Listener rule "http-legacy-host" on the plain-HTTP listener "http" does not only redirect to HTTPS (actions: ${actions}): what it serves crosses the network unencrypted. Move it to the HTTPS listener or redirect to HTTPS.`,
  urn: urnOf(RULE, "http-legacy-host"),
});

describe("aws-lb-listenerrule-disallow-plain-http", () => {
  it("passes redirect rules on HTTP and forwarding rules on HTTPS", () => {
    expect(stackViolationsOf(listenerRules, stack())).toEqual([]);
  });
  it("flags a forwarding rule on the HTTP listener", () => {
    expect(
      stackViolationsOf(
        listenerRules,
        ruleAt("props.actions", [{ type: "forward", targetGroupArn: "arn:tg" }]),
      ),
    ).toEqual([finding("forward")]);
  });
  it("flags a redirect that keeps HTTP, and an authenticate action before forwarding", () => {
    expect(
      stackViolationsOf(listenerRules, ruleAt("props.actions.0.redirect.protocol", "HTTP")),
    ).toEqual([finding("redirect to HTTP")]);
    expect(
      stackViolationsOf(
        listenerRules,
        ruleAt("props.actions", [
          { type: "authenticate-oidc", authenticateOidc: { issuer: "https://idp" } },
          { type: "forward", targetGroupArn: "arn:tg" },
        ]),
      ),
    ).toEqual([finding("authenticate-oidc, forward")]);
  });
  it("flags a rule on a listener whose protocol is left to the HTTP default, joined through propertyDependencies", () => {
    const resources = stack().map((r) => {
      if (r.name === "http") {
        return withValue(r, "props.protocol", undefined);
      }
      if (r.name === "http-legacy-host") {
        return {
          ...withValue(withValue(r, "props.listenerArn", "computed"), "props.actions", [
            { type: "fixed-response" },
          ]),
          propertyDependencies: { listenerArn: ["http"] },
        };
      }
      return r;
    });
    expect(stackViolationsOf(listenerRules, resources)).toEqual([finding("fixed-response")]);
  });
  it("stays silent on unknown listeners, listeners outside the stack and unknown actions", () => {
    expect(stackViolationsOf(listenerRules, ruleAt("props.listenerArn", "arn:elsewhere"))).toEqual(
      [],
    );
    const unknownProtocol = stack().map((r) =>
      r.name === "http" ? withValue(r, "props.protocol", UNKNOWN_STRING) : r,
    );
    expect(
      stackViolationsOf(
        listenerRules,
        unknownProtocol.map((r) =>
          r.name === "http-legacy-host" ? withValue(r, "props.actions", [{ type: "forward" }]) : r,
        ),
      ),
    ).toEqual([]);
    expect(stackViolationsOf(listenerRules, ruleAt("props.actions", UNKNOWN_STRING))).toEqual([]);
  });
});

const alb = { name: "ingress", loadBalancerType: "application", desyncMitigationMode: "strictest" };

describe("aws-lb-loadbalancer-configure-desync-mitigation", () => {
  it("passes strictest, defensive and the default", () => {
    expect(violationsOf(desync, LB, alb)).toEqual([]);
    expect(violationsOf(desync, LB, withValue(alb, "desyncMitigationMode", "defensive"))).toEqual(
      [],
    );
    expect(violationsOf(desync, LB, withValue(alb, "desyncMitigationMode", undefined))).toEqual([]);
    expect(violationsOf(desync, LB, withValue(alb, "loadBalancerType", undefined))).toEqual([]);
  });
  it("flags monitor mode on application and classic load balancers", () => {
    const message =
      'desyncMitigationMode is "monitor": ambiguous requests that can smuggle one request into another\'s connection reach the targets. Set it to "defensive" or "strictest".';
    expect(violationsOf(desync, LB, withValue(alb, "desyncMitigationMode", "monitor"))).toEqual([
      message,
    ]);
    expect(
      violationsOf(desync, "aws:elb/loadBalancer:LoadBalancer", {
        desyncMitigationMode: "monitor",
      }),
    ).toEqual([message]);
  });
  it("does not judge network load balancers, and stays silent on unknown values", () => {
    expect(
      violationsOf(desync, LB, { loadBalancerType: "network", desyncMitigationMode: "monitor" }),
    ).toEqual([]);
    expect(
      violationsOf(desync, LB, withValue(alb, "desyncMitigationMode", UNKNOWN_STRING)),
    ).toEqual([]);
    expect(violationsOf(desync, LB, withValue(alb, "loadBalancerType", UNKNOWN_STRING))).toEqual(
      [],
    );
  });
});
