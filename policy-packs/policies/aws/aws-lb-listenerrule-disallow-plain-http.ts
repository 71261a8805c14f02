import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { arr, get, num, str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes } from "../../lib/stack";
import { cisEks } from "../../lib/aws/common";
import { LISTENER_TYPES } from "../../lib/aws/lb";

const LISTENER_RULE_TYPES = [
  "aws:lb/listenerRule:ListenerRule",
  "aws:alb/listenerRule:ListenerRule",
];

/** An HTTP listener (the provider's default protocol when a port is set; gateway listeners have neither). */
function isPlainHttp(listener: PolicyResource): boolean {
  const protocol = str(listener.props.protocol)?.toUpperCase();
  if (protocol === undefined) {
    return num(listener.props.port) !== undefined;
  }
  return protocol === "HTTP";
}

/** Action types of a rule that answer over the listener's plain HTTP rather than redirect to HTTPS. */
function plainActions(rule: PolicyResource): string[] {
  return arr(rule.props.actions)
    .filter(
      (a) =>
        !(
          str(get(a, "type")) === "redirect" &&
          str(get(a, "redirect.protocol"))?.toUpperCase() === "HTTPS"
        ),
    )
    .map((a) => {
      const type = str(get(a, "type")) ?? "unknown";
      return type === "redirect" ? "redirect to HTTP" : type;
    });
}

export default stackPolicy({
  name: "aws-lb-listenerrule-disallow-plain-http",
  description:
    "Listener rules on a plain-HTTP listener must only redirect to HTTPS. A rule that forwards, authenticates or answers on an HTTP listener serves that path in the clear even when the listener's default action redirects: the sessions, tokens and annotation data behind the rule's host or path condition cross the network unencrypted.",
  severity: "high",
  remediation:
    'Move the rule to the HTTPS listener (listenerArn: httpsListener.arn), or make its only action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"], cis: cisEks("5.4.5") },
  concern: "encryption",
  resourceTypes: LISTENER_RULE_TYPES,
  check(resources, report) {
    const listeners = ofTypes(resources, LISTENER_TYPES);
    const joined = joinReferences(listeners, ofTypes(resources, LISTENER_RULE_TYPES), {
      sourceProp: "listenerArn",
      targetKeys: ["arn", "id"],
    });
    forEachKnown([...joined], ([listener, join]) => {
      if (join.related.length === 0 || !isPlainHttp(listener)) {
        return;
      }
      forEachKnown(join.related, (rule) => {
        const plain = plainActions(rule);
        if (plain.length > 0) {
          report(
            `Listener rule "${rule.name}" on the plain-HTTP listener "${listener.name}" does not only redirect to HTTPS (actions: ${plain.join(", ")}): what it serves crosses the network unencrypted. Move it to the HTTPS listener or redirect to HTTPS.`,
            rule.urn,
          );
        }
      });
    });
  },
});
