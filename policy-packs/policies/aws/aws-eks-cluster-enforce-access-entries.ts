import { resourcePolicy } from "../../lib/define";
import { bool, get, str, strings } from "../../lib/props";

interface Config {
  readonly allowedAuthenticationModes: string[];
}

export default resourcePolicy<Config>({
  name: "aws-eks-cluster-enforce-access-entries",
  description:
    "An EKS cluster must grant access through EKS access entries only (authenticationMode API) and must not make its creator a permanent cluster administrator. The aws-auth ConfigMap is deprecated and editable by anyone who can write to kube-system, and the creator bootstrap leaves an invisible cluster-admin that no access entry shows.",
  severity: "high",
  remediation:
    'Set accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } and grant administrators and workloads aws.eks.AccessEntry + AccessPolicyAssociation resources scoped to what they need.',
  controls: { nist: ["AC-2", "AC-6", "AC-6(5)", "AC-3"] },
  concern: "least-privilege",
  resourceTypes: ["aws:eks/cluster:Cluster"],
  configSchema: {
    properties: {
      allowedAuthenticationModes: {
        type: "array",
        items: { type: "string", enum: ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"] },
        default: ["API"],
        description:
          "Authentication modes accepted (API_AND_CONFIG_MAP eases a migration from aws-auth).",
      },
    },
  },
  check({ props }, report, config) {
    const allowed = Array.isArray(config.allowedAuthenticationModes)
      ? strings(config.allowedAuthenticationModes)
      : ["API"];
    const access = props.accessConfig;
    const mode = str(get(access, "authenticationMode"));
    if (mode === undefined || !allowed.includes(mode)) {
      report(
        `accessConfig.authenticationMode is ${mode ? `"${mode}"` : "not set (the aws-auth ConfigMap applies)"}; allowed: ${allowed.join(", ")}. Use "API" with access entries.`,
      );
    }
    if (bool(get(access, "bootstrapClusterCreatorAdminPermissions")) !== false) {
      report(
        "accessConfig.bootstrapClusterCreatorAdminPermissions is not false: the creating identity becomes a hidden cluster-admin. Set it to false and use access entries.",
      );
    }
  },
});
