import { resourcePolicy } from "../../lib/define";
import { str } from "../../lib/props";
import { LOAD_BALANCER_TYPES, isApplication } from "../../lib/aws/lb";

const CLASSIC_LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer";
const ACCEPTED = ["defensive", "strictest"];

export default resourcePolicy({
  name: "aws-lb-loadbalancer-configure-desync-mitigation",
  description:
    'Application (and Classic) load balancers must keep HTTP desync mitigation at "defensive" (the default) or "strictest". In "monitor" mode the load balancer forwards ambiguous requests (conflicting Content-Length and Transfer-Encoding headers) that let an attacker smuggle a request into another user\'s connection: session theft and cache poisoning in front of Keycloak and the app.',
  severity: "medium",
  remediation:
    'Remove desyncMitigationMode (the default is "defensive") or set it to "defensive" or "strictest" on the aws.lb.LoadBalancer (aws.elb.LoadBalancer).',
  controls: { nist: ["SC-7", "SI-10", "SC-23"] },
  concern: "network-exposure",
  resourceTypes: [...LOAD_BALANCER_TYPES, CLASSIC_LOAD_BALANCER],
  check({ type, props }, report) {
    if (type !== CLASSIC_LOAD_BALANCER && !isApplication(props)) {
      return; // network and gateway load balancers do not parse HTTP
    }
    const mode = props.desyncMitigationMode;
    if (mode === undefined || mode === null || mode === "") {
      return; // the default, defensive
    }
    const value = str(mode)?.toLowerCase();
    if (value === undefined || !ACCEPTED.includes(value)) {
      report(
        `desyncMitigationMode is ${JSON.stringify(mode)}: ambiguous requests that can smuggle one request into another's connection reach the targets. Set it to "defensive" or "strictest".`,
      );
    }
  },
});
