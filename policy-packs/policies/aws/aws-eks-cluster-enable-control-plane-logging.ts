import { resourcePolicy } from "../../lib/define";
import { strings } from "../../lib/props";
import { cisEks, listing } from "../../lib/aws/common";

interface Config {
  readonly requiredLogTypes: string[];
}

const ALL_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export default resourcePolicy<Config>({
  name: "aws-eks-cluster-enable-control-plane-logging",
  description:
    "An EKS cluster must send every control-plane log type (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs. The provider leaves them all off, and without the audit and authenticator logs nobody can tell who did what to the cluster.",
  severity: "medium",
  remediation:
    'Set enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"] on the aws.eks.Cluster and create the /aws/eks/<cluster>/cluster log group yourself, with KMS and retention.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"], cis: cisEks("2.1.1") },
  concern: "data-protection",
  resourceTypes: ["aws:eks/cluster:Cluster"],
  configSchema: {
    properties: {
      requiredLogTypes: {
        type: "array",
        items: { type: "string", enum: ALL_TYPES },
        default: ALL_TYPES,
        description: "Control-plane log types that must be enabled.",
      },
    },
  },
  check({ props }, report, config) {
    const required = Array.isArray(config.requiredLogTypes)
      ? strings(config.requiredLogTypes)
      : ALL_TYPES;
    const enabled = strings(props.enabledClusterLogTypes);
    const missing = required.filter((t) => !enabled.includes(t));
    if (missing.length > 0) {
      report(
        `enabledClusterLogTypes lacks ${listing(missing)}. Enable every control-plane log type.`,
      );
    }
  },
});
