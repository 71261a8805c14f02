/**
 * How the app is exposed on AWS: the ingress controller's LoadBalancer Service gets an NLB. Its
 * source ranges come from the app layer (spec.loadBalancerSourceRanges = users + admin
 * allowlists, which takes precedence over the deprecated annotation, so none is set here). An
 * empty users list makes the load balancer internal (reachable from the VPC only), never open.
 */
export const AWS_METADATA_CIDRS = [
  "169.254.169.254/32", // IMDS (IPv4)
  "fd00:ec2::254/128", // IMDS (IPv6)
  "169.254.170.23/32", // EKS Pod Identity agent (IPv4)
  "fd00:ec2::23/128", // EKS Pod Identity agent (IPv6)
] as const;

export function loadBalancerAnnotations(
  scheme: "internet-facing" | "internal",
  users: readonly string[],
): Record<string, string> {
  const internal = scheme === "internal" || users.length === 0;
  return {
    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
    // The in-tree controller reads `-internal`; the AWS Load Balancer Controller reads `-scheme`.
    ...(internal ? { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" } : {}),
    "service.beta.kubernetes.io/aws-load-balancer-scheme": internal
      ? "internal"
      : "internet-facing",
  };
}

/** What the stack output says about reaching the Kubernetes API (the admin plane). */
export function adminPlaneAccess(publicEndpoint: boolean, admin: readonly string[]): string {
  const from = admin.join(", ");
  return publicEndpoint
    ? `EKS API: private endpoint inside the VPC, and public endpoint limited to ${from}. IdP admin console: only from ${from}.`
    : `EKS API: private endpoint only; connect to the VPC (VPN, Direct Connect or a bastion) from ${from}. IdP admin console: only from ${from}.`;
}
