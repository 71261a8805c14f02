import { grantedVerbs, grantsGroup, grantsResource, type RbacRule } from "./rbac";

/**
 * Permissions that hand their holder more than the resource they name: a shell in other pods,
 * the kubelet's API, pods running as any service account of the namespace, tokens of other
 * accounts, control over admission, or certificates the cluster trusts. Each is a path to the
 * privileges of another identity (CIS Kubernetes 5.1.4, 5.1.10-5.1.13).
 */
export interface DangerousGrant {
  /** What the grant lets its holder do, for messages. */
  readonly label: string;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  /** Verbs that give the capability; `*` in a rule grants them all. */
  readonly verbs: readonly string[];
}

const WRITE = ["create", "update", "patch", "delete", "deletecollection"];
const PROXY_VERBS = ["get", "create", "update", "patch", "delete"];

export const DANGEROUS_GRANTS: readonly DangerousGrant[] = [
  {
    // A websocket exec is a GET on older API servers, a POST (create) on current ones.
    label: "exec into pods",
    apiGroups: [""],
    resources: ["pods/exec"],
    verbs: ["create", "get"],
  },
  {
    label: "attach to pods",
    apiGroups: [""],
    resources: ["pods/attach"],
    verbs: ["create", "get"],
  },
  {
    label: "port-forward to pods",
    apiGroups: [""],
    resources: ["pods/portforward"],
    verbs: ["create", "get"],
  },
  // Every kubelet endpoint (exec, logs, pods) through the API server, even with only get.
  {
    label: "reach the kubelet API",
    apiGroups: [""],
    resources: ["nodes/proxy"],
    verbs: PROXY_VERBS,
  },
  // A pod may run as any service account of its namespace and mount any Secret there.
  { label: "create pods", apiGroups: [""], resources: ["pods"], verbs: ["create"] },
  {
    label: "mint service account tokens",
    apiGroups: [""],
    resources: ["serviceaccounts/token"],
    verbs: ["create"],
  },
  {
    label: "change admission webhooks",
    apiGroups: ["admissionregistration.k8s.io"],
    resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
    verbs: WRITE,
  },
  {
    label: "approve certificate signing requests",
    apiGroups: ["certificates.k8s.io"],
    resources: ["certificatesigningrequests/approval"],
    verbs: ["update", "patch"],
  },
  {
    // Kubernetes signers, and cert-manager's, which approves CertificateRequests the same way.
    label: "approve certificates for signers",
    apiGroups: ["certificates.k8s.io", "cert-manager.io"],
    resources: ["signers"],
    verbs: ["approve"],
  },
];

/** One dangerous permission a rule grants: `create on pods/exec`. */
export interface GrantFound {
  readonly label: string;
  readonly verbs: string[];
  readonly resources: string[];
}

/** The dangerous permissions a rule grants, explicitly or through wildcards. */
export function dangerousGrantsOf(rule: RbacRule): GrantFound[] {
  return DANGEROUS_GRANTS.flatMap((g): GrantFound[] => {
    if (!grantsGroup(rule.apiGroups, g.apiGroups)) {
      return [];
    }
    const resources = g.resources.filter((r) => grantsResource(rule.resources, r));
    const verbs = grantedVerbs(rule.verbs, g.verbs);
    return resources.length > 0 && verbs.length > 0 ? [{ label: g.label, verbs, resources }] : [];
  });
}
