/**
 * Internal load balancers: a LoadBalancer Service that the cloud provisions on private addresses
 * only, by the provider's annotation. Such a load balancer is not reachable from the internet, so
 * it is not asked for source ranges.
 */
import type { Props } from "../props";
import { get, rec, str } from "../props";

/** AWS Load Balancer Controller: `internal` or `internet-facing` (the default). */
export const AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
/** AWS in-tree provider (and the controller, when no scheme is given): "true" makes it internal. */
export const AWS_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
/** GKE internal passthrough load balancer, current and legacy spelling. */
export const GKE_TYPE = "networking.gke.io/load-balancer-type";
export const GKE_LEGACY_TYPE = "cloud.google.com/load-balancer-type";
/** Azure internal load balancer. */
export const AZURE_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";

/** The annotation that makes the Service's load balancer internal, if one does. */
export function internalBy(props: Props): string | undefined {
  const annotations = rec(get(props, "metadata.annotations"));
  const value = (key: string) => str(annotations[key])?.trim().toLowerCase();
  const scheme = value(AWS_SCHEME);
  if (scheme !== undefined) {
    return scheme === "internal" ? AWS_SCHEME : undefined;
  }
  // The in-tree provider treats any value but "false" as internal (older docs used 0.0.0.0/0).
  const awsInternal = value(AWS_INTERNAL);
  if (awsInternal !== undefined && awsInternal !== "" && awsInternal !== "false") {
    return AWS_INTERNAL;
  }
  for (const key of [GKE_TYPE, GKE_LEGACY_TYPE]) {
    if (value(key) === "internal") {
      return key;
    }
  }
  return value(AZURE_INTERNAL) === "true" ? AZURE_INTERNAL : undefined;
}
