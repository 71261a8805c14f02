import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { LOAD_BALANCER_TYPES, isApplication } from "../../lib/aws/lb";

export default resourcePolicy({
  name: "aws-lb-loadbalancer-enable-drop-invalid-headers",
  description:
    "Application load balancers must drop HTTP headers with invalid names instead of forwarding them. Malformed headers are the raw material of request smuggling and header-injection attacks on the applications behind the balancer.",
  severity: "medium",
  remediation: "Set dropInvalidHeaderFields: true on the application load balancer.",
  controls: { nist: ["SI-10", "SC-7"] },
  concern: "network-exposure",
  resourceTypes: LOAD_BALANCER_TYPES,
  check({ props }, report) {
    if (isApplication(props) && bool(props.dropInvalidHeaderFields) !== true) {
      report(
        "dropInvalidHeaderFields is not true: malformed headers reach the targets. Set it to true.",
      );
    }
  },
});
