/** Elastic Load Balancing v2 shapes (the `lb` and `alb` modules are the same resources). */
import type { Props } from "../props";
import { str } from "../props";

export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LOAD_BALANCER_TYPES = [
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer",
];

/** Application load balancers (the provider's default type). */
export function isApplication(props: Props): boolean {
  return (str(props.loadBalancerType) ?? "application") === "application";
}

/** Security policies whose lowest protocol is TLS 1.2 (or 1.3), by AWS's naming scheme. */
export function tlsPolicyMeets(policy: string, minimum: "1.2" | "1.3"): boolean {
  const tls13Only = /^ELBSecurityPolicy-TLS13-1-3-/;
  const tls12Plus = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;
  return minimum === "1.3" ? tls13Only.test(policy) : tls12Plus.test(policy);
}
