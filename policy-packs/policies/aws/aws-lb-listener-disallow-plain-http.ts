import { resourcePolicy } from "../../lib/define";
import { arr, get, num, str } from "../../lib/props";
import { cisEks } from "../../lib/aws/common";
import { LISTENER_TYPES } from "../../lib/aws/lb";

export default resourcePolicy({
  name: "aws-lb-listener-disallow-plain-http",
  description:
    "Load balancer listeners must not serve plain HTTP: an HTTP listener may only redirect to HTTPS. Sessions, tokens and annotation data sent over HTTP can be read and changed by anyone on the path. TCP listeners of network load balancers are not judged, since they may pass TLS through to the backend.",
  severity: "high",
  remediation:
    'Make the HTTP listener\'s only default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } and serve traffic from an HTTPS listener with a certificate.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"], cis: cisEks("5.4.5") },
  concern: "encryption",
  resourceTypes: LISTENER_TYPES,
  check({ props }, report) {
    const given = str(props.protocol)?.toUpperCase();
    if (given === undefined && num(props.port) === undefined) {
      return; // gateway load balancer listeners have neither protocol nor port
    }
    const protocol = given ?? "HTTP";
    if (protocol !== "HTTP") {
      return;
    }
    const actions = arr(props.defaultActions);
    const types = actions.map((a) => str(get(a, "type")));
    const redirectsToHttps = actions.some(
      (a) =>
        str(get(a, "type")) === "redirect" &&
        str(get(a, "redirect.protocol"))?.toUpperCase() === "HTTPS",
    );
    const serves = types.filter((t) => t !== "redirect" && t !== undefined);
    if (!redirectsToHttps || serves.length > 0) {
      report(
        `The listener speaks plain HTTP${given === undefined ? " (protocol is not set)" : ""} and does not only redirect to HTTPS${serves.length > 0 ? ` (default actions: ${serves.join(", ")})` : ""}. Redirect to HTTPS and serve from an HTTPS listener.`,
      );
    }
  },
});
