import { resourcePolicy } from "../../lib/define";
import { bool, get, str } from "../../lib/props";
import { LOAD_BALANCER_TYPES, isApplication } from "../../lib/aws/lb";

export default resourcePolicy({
  name: "aws-lb-loadbalancer-enable-access-logs",
  description:
    "Application load balancers must write access logs to S3. They record every request with its client address, which is the evidence needed to investigate abuse of the published endpoints.",
  severity: "low",
  remediation:
    'Set accessLogs: { bucket: logBucket.id, prefix: "<name>", enabled: true } on the load balancer, with a bucket policy that lets the ELB log delivery service write to it.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"] },
  concern: "data-protection",
  resourceTypes: LOAD_BALANCER_TYPES,
  check({ props }, report) {
    if (!isApplication(props)) {
      return;
    }
    const logs = props.accessLogs;
    if (bool(get(logs, "enabled")) !== true || !str(get(logs, "bucket"))) {
      report("accessLogs is not enabled with a bucket. Enable access logs to S3.");
    }
  },
});
