import { resourcePolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { isPublicPrincipal, statements } from "../../lib/aws/iam";

interface Config {
  /**
   * Interface endpoint services (the suffix after `com.amazonaws.<region>.`, e.g. `eks-auth`) that
   * do not support endpoint policies, so a policy cannot be attached.
   */
  readonly servicesWithoutPolicySupport: readonly string[];
}

/**
 * `com.amazonaws.eu-west-1.ecr.api` -> `ecr.api`; endpoint services of other accounts
 * (`com.amazonaws.vpce.<region>.vpce-svc-...`) and other names -> undefined.
 */
function awsServiceSuffix(serviceName: string): string | undefined {
  if (serviceName.startsWith("com.amazonaws.vpce.")) {
    return undefined;
  }
  const m = /^(?:com\.amazonaws|aws\.api)\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
  return m ? m[1] : undefined;
}

export default resourcePolicy<Config>({
  name: "aws-ec2-vpcendpoint-require-policy",
  description:
    "A gateway or interface VPC endpoint of an AWS service must carry an endpoint policy, and no statement of it may allow every principal on every resource without a condition. Without a policy AWS attaches the default full-access one, so anyone inside the VPC can use the endpoint to reach any account's resources: a pod can copy data to a bucket the attacker owns.",
  severity: "high",
  remediation:
    "Set `policy` on the endpoint: for S3, allow only the stack's buckets (and `prod-<region>-starport-layer-bucket/*` if nodes pull from ECR); for other services, allow only this account's principals (`aws:PrincipalAccount`) or the resources it serves (`aws:ResourceAccount`). For a service that does not support endpoint policies (`aws ec2 describe-vpc-endpoint-services` shows VpcEndpointPolicySupported false), list it in this policy's servicesWithoutPolicySupport.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4", "AC-3"] },
  concern: "network-exposure",
  resourceTypes: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
  configSchema: {
    properties: {
      servicesWithoutPolicySupport: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Interface endpoint services (suffix after com.amazonaws.<region>.) that do not support endpoint policies; their endpoints are not judged. AWS: 'If an AWS service doesn't support endpoint policies, we allow full access to any endpoint for the service.'",
      },
    },
  },
  check({ props }, report, config) {
    // Gateway is the provider's default type. Gateway Load Balancer, Resource and Service Network
    // endpoints are not judged here.
    const type = str(props.vpcEndpointType) ?? "Gateway";
    if (type !== "Gateway" && type !== "Interface") {
      return;
    }
    const serviceName = str(props.serviceName) ?? "";
    const suffix = awsServiceSuffix(serviceName);
    if (suffix === undefined) {
      // An endpoint service that is not an AWS service: AWS allows full access to the endpoint
      // whatever the policy, so access is decided by the service's own permissions.
      return;
    }
    if ((config.servicesWithoutPolicySupport ?? []).includes(suffix)) {
      return;
    }
    const policy = get(props, "policy");
    if (policy === undefined || policy === null || policy === "") {
      report(
        `The ${type.toLowerCase()} endpoint for ${serviceName} has no policy, so AWS attaches full access: anyone in the VPC may reach any account's resources through it. Limit it to the stack's resources or account.`,
      );
      return;
    }
    const all = statements(policy);
    if (all.length === 0) {
      report(`The policy of the endpoint for ${serviceName} has no statement that can be read.`);
      return;
    }
    for (const s of all) {
      const everyResource = s.resources.length === 0 || s.resources.includes("*");
      const conditioned = Object.values(s.condition).some((block) => Object.keys(block).length > 0);
      if (s.allow && isPublicPrincipal(s.principal) && everyResource && !conditioned) {
        report(
          `The endpoint policy's ${s.label} allows every principal on every resource without a condition (the default full access) for ${serviceName}. Name the resources, or add an aws:PrincipalAccount / aws:ResourceAccount condition.`,
        );
      }
    }
  },
});
