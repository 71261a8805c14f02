import { resourcePolicy } from "../../lib/define";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { dangerousGrantsOf } from "../../lib/kubernetes/dangerous-grants";
import { matchesRolePattern, roleId, rulesOf } from "../../lib/kubernetes/rbac";
import { ROLE_TOKENS } from "../../lib/kubernetes/types";

interface Config {
  readonly allowedRoles: string[];
}

export default resourcePolicy<Config>({
  name: "kubernetes-rbac-role-disallow-dangerous-subresources",
  description:
    'Roles and ClusterRoles must not grant pods/exec, pods/attach, pods/portforward, nodes/proxy, create on pods, create on serviceaccounts/token, writes to validating or mutating webhook configurations, or approval of certificate signing requests (update on certificatesigningrequests/approval, approve on signers), whether they name them or reach them through "*" apiGroups, resources or verbs (or "*/<subresource>"). Each hands its holder the privileges of another identity: a shell in other pods, every kubelet endpoint, pods running as any service account of the namespace, tokens for other accounts, control over what admission lets through, or certificates the cluster trusts.',
  severity: "high",
  remediation:
    "Remove the rule, or narrow it to the resources and verbs the subject needs (for example get on pods/log instead of pods/exec; a Deployment the stack manages instead of create on pods). A controller that needs one of these, such as cert-manager minting its own token or approving requests for its issuers, is named in the allowedRoles parameter with the reason.",
  controls: {
    nist: ["AC-3", "AC-6", "AC-6(10)"],
    cis: cisKubernetes("5.1.4", "5.1.10", "5.1.11", "5.1.12", "5.1.13"),
  },
  concern: "least-privilege",
  resourceTypes: ROLE_TOKENS,
  configSchema: {
    properties: {
      allowedRoles: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          'Roles that must hold one of these permissions (a controller that mints its own token or approves requests for its issuers): "<namespace>/<name>" for a Role, "<name>" for a ClusterRole, "*" matching any characters. Each entry is an exception a reviewer should see justified next to it in the stack\'s policy config.',
      },
    },
  },
  check(resource, report, config) {
    const parts: string[] = [];
    for (const rule of rulesOf(resource.props)) {
      for (const g of dangerousGrantsOf(rule)) {
        parts.push(
          `rule ${rule.index} lets it ${g.label} (${g.verbs.join(", ")} on ${g.resources.join(", ")})`,
        );
      }
    }
    if (parts.length === 0) {
      return;
    }
    const id = roleId(resource.type, resource.props);
    if (matchesRolePattern(id, config.allowedRoles ?? [])) {
      return;
    }
    const kind = resource.type.includes(":ClusterRole") ? "ClusterRole" : "Role";
    report(`${kind} "${id}" grants permissions that reach other identities: ${parts.join("; ")}.`);
  },
});
