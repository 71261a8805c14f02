import { isRecord, str, strings, type Props } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  readonly allowedTypes: readonly string[];
}

/**
 * SELinux types the baseline allows besides an unset type: the Kubernetes 1.31+ list, which added
 * container_engine_t (earlier releases, and Kyverno's policy, allow only the first three).
 */
export const PSS_SELINUX_TYPES = [
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
];

/** What is wrong with a securityContext's seLinuxOptions, or undefined. */
function problems(securityContext: Props, allowedTypes: ReadonlySet<string>): string | undefined {
  const options = securityContext.seLinuxOptions;
  if (!isRecord(options)) {
    return undefined;
  }
  const found: string[] = [];
  const type = str(options.type) ?? "";
  if (type !== "" && !allowedTypes.has(type)) {
    found.push(`type "${type}"`);
  }
  const user = str(options.user) ?? "";
  if (user !== "") {
    found.push(`user "${user}"`);
  }
  const role = str(options.role) ?? "";
  if (role !== "") {
    found.push(`role "${role}"`);
  }
  return found.length > 0 ? found.join(", ") : undefined;
}

/** Pod Security Standards, baseline "SELinux". */
export default podPolicy<Config>({
  name: "kubernetes-core-pod-restrict-selinux",
  description:
    "Pods must not set a custom SELinux user or role, and may set the SELinux type only to container_t, container_init_t, container_kvm_t or container_engine_t (configuration allowedTypes; drop container_engine_t to apply the standard as it was before Kubernetes 1.31). Other types (such as spc_t) and custom users or roles lift the mandatory access control that confines containers.",
  severity: "medium",
  remediation:
    "Remove seLinuxOptions.user and seLinuxOptions.role from the pod and container security contexts, and remove seLinuxOptions.type or set it to one of the allowed container types.",
  controls: { nist: ["AC-3(3)", "AC-6"] },
  concern: "workload-security",
  configSchema: {
    properties: {
      allowedTypes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: PSS_SELINUX_TYPES,
        description: "SELinux types a pod or container may set in seLinuxOptions.type.",
      },
    },
  },
  check(pod, report, config) {
    const allowedTypes = new Set(strings(config.allowedTypes));
    const parts: string[] = [];
    const podProblems = problems(pod.securityContext, allowedTypes);
    if (podProblems !== undefined) {
      parts.push(`the pod sets ${podProblems}`);
    }
    for (const c of pod.containers) {
      const p = problems(c.securityContext, allowedTypes);
      if (p !== undefined) {
        parts.push(`${containerLabel(c)} sets ${p}`);
      }
    }
    if (parts.length > 0) {
      report(`forbidden securityContext.seLinuxOptions: ${parts.join("; ")}`);
    }
  },
});
