import { stackPolicy } from "../../lib/define";
import { forEachKnown, tryRead, UNKNOWN } from "../../lib/stack";
import { bool, get, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { podOf } from "../../lib/kubernetes/pod";
import { matchesRolePattern } from "../../lib/kubernetes/rbac";
import { isPatchToken, POD_OWNER_TOKENS, SERVICE_ACCOUNT_TOKENS } from "../../lib/kubernetes/types";

const namespaceOf = (metadata: unknown) => str(get(metadata, "namespace")) ?? "default";

interface Config {
  readonly allowedServiceAccounts: string[];
}

export default stackPolicy<Config>({
  name: "kubernetes-core-pod-disable-token-automount",
  description:
    "Pods and pod templates must not get a Kubernetes API token mounted unless they ask for it: the pod sets automountServiceAccountToken=false, or leaves it unset and runs as a ServiceAccount of this stack that sets it to false. Pods running as a namespace's default service account, which the stack does not manage, get a token by default.",
  severity: "medium",
  remediation:
    "Set spec.automountServiceAccountToken: false in the pod spec, or run the pod as a dedicated ServiceAccount of the stack with automountServiceAccountToken: false. A controller that calls the API sets it to true deliberately on its pods, and the stack names its service account in the allowedServiceAccounts parameter with the reason (or waives the finding, with a justification and an expiry).",
  controls: { nist: ["AC-6", "IA-5"], cis: cisKubernetes("5.1.5", "5.1.6") },
  concern: "least-privilege",
  resourceTypes: POD_OWNER_TOKENS.filter((t) => !isPatchToken(t)),
  configSchema: {
    properties: {
      allowedServiceAccounts: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          'Service accounts whose pods must call the Kubernetes API (controllers), as "<namespace>/<name>", "*" matching any characters. Each entry is an exception a reviewer should see justified next to it in the stack\'s policy config.',
      },
    },
  },
  check(resources, report, config) {
    // ServiceAccounts of the stack that turn automount off, and those an unknown value (during a
    // preview) hides: "<namespace>/<name>", "<namespace>/*" when only the name is unknown, "*".
    const noAutomount = new Set<string>();
    const hidden = new Set<string>();
    for (const r of resources) {
      if (!SERVICE_ACCOUNT_TOKENS.includes(r.type)) {
        continue;
      }
      const namespace = tryRead(() => namespaceOf(rec(r.props).metadata));
      const name = tryRead(() => str(get(r.props, "metadata.name")) ?? "");
      const automount = tryRead(() => bool(rec(r.props).automountServiceAccountToken));
      if (namespace === UNKNOWN) {
        hidden.add("*");
      } else if (name === UNKNOWN) {
        hidden.add(`${namespace}/*`);
      } else if (automount === UNKNOWN) {
        hidden.add(`${namespace}/${name}`);
      } else if (automount === false) {
        noAutomount.add(`${namespace}/${name}`);
      }
    }
    const isHidden = (namespace: string, account: string) =>
      hidden.has("*") || hidden.has(`${namespace}/*`) || hidden.has(`${namespace}/${account}`);
    // A pod with an unknown value is skipped alone; every other pod is still judged.
    forEachKnown(resources, (r) => {
      const pod = podOf(r.type, rec(r.props));
      if (!pod || pod.patch) {
        return;
      }
      const value = bool(pod.spec.automountServiceAccountToken);
      if (value === false) {
        return;
      }
      const account = str(pod.spec.serviceAccountName) ?? str(pod.spec.serviceAccount) ?? "default";
      const namespace = str(get(pod.metadata, "namespace")) ?? namespaceOf(pod.ownerMetadata);
      if (matchesRolePattern(`${namespace}/${account}`, config.allowedServiceAccounts ?? [])) {
        return;
      }
      if (value === true) {
        report(
          `${pod.kind} sets automountServiceAccountToken=true: the token of service account "${account}" is mounted`,
          r.urn,
        );
      } else if (!noAutomount.has(`${namespace}/${account}`) && !isHidden(namespace, account)) {
        report(
          `${pod.kind} mounts the API token of service account "${account}" in namespace "${namespace}": neither the pod nor a ServiceAccount of this stack sets automountServiceAccountToken=false`,
          r.urn,
        );
      }
    });
  },
});
