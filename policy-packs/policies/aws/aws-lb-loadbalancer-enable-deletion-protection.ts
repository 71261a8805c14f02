import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { LOAD_BALANCER_TYPES } from "../../lib/aws/lb";

export default resourcePolicy({
  name: "aws-lb-loadbalancer-enable-deletion-protection",
  description:
    "Load balancers should have deletion protection on. Deleting one takes the service offline and releases its DNS name, which clients and allowlists may keep pointing at.",
  severity: "low",
  remediation:
    "Set enableDeletionProtection: true on the load balancer (and mark it protect: true in Pulumi).",
  controls: { nist: ["CP-10", "CM-3", "SC-5"] },
  concern: "data-protection",
  resourceTypes: LOAD_BALANCER_TYPES,
  check({ props }, report) {
    if (bool(props.enableDeletionProtection) !== true) {
      report("enableDeletionProtection is not true. Turn deletion protection on.");
    }
  },
});
