import type * as k8s from "@pulumi/kubernetes";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

/**
 * The RBAC of cert-manager v1.19.1, rule for rule as its chart grants it (templates rbac.yaml,
 * webhook-rbac.yaml, cainjector-rbac.yaml), with the leader-election Roles in cert-manager's own
 * namespace (the chart's global.leaderElection.namespace, which the kit has always set).
 *
 * Left out, on purpose: the chart's aggregated user roles (cert-manager-view, -edit,
 * -cluster-view), which add cert-manager's objects to every namespace's built-in view, edit and
 * admin roles. cert-manager does not use them, and the kit grants its operators their own Role.
 * Kept although the kit solves DNS-01 only: the HTTP-01 and ingress-shim rules (pods, services,
 * ingresses, httproutes), because the controller starts those informers whatever the issuers are,
 * and would not become ready without them.
 */

const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});
const named = (
  apiGroups: string[],
  resources: string[],
  resourceNames: string[],
  verbs: string[],
): PolicyRule => ({ apiGroups, resources, resourceNames, verbs });

const READ = ["get", "list", "watch"];
const EVENTS = rule([""], ["events"], ["create", "patch"]);
const CM = "cert-manager.io";
const ACME = "acme.cert-manager.io";

/** The controller's ClusterRoles, by name suffix (`cert-manager-controller-<suffix>`). */
export const CONTROLLER_CLUSTER_ROLES: Readonly<Record<string, PolicyRule[]>> = {
  issuers: [
    rule([CM], ["issuers", "issuers/status"], ["update", "patch"]),
    rule([CM], ["issuers"], READ),
    rule([""], ["secrets"], [...READ, "create", "update", "delete"]),
    EVENTS,
  ],
  clusterissuers: [
    rule([CM], ["clusterissuers", "clusterissuers/status"], ["update", "patch"]),
    rule([CM], ["clusterissuers"], READ),
    rule([""], ["secrets"], [...READ, "create", "update", "delete"]),
    EVENTS,
  ],
  certificates: [
    rule(
      [CM],
      ["certificates", "certificates/status", "certificaterequests", "certificaterequests/status"],
      ["update", "patch"],
    ),
    rule([CM], ["certificates", "certificaterequests", "clusterissuers", "issuers"], READ),
    rule([CM], ["certificates/finalizers", "certificaterequests/finalizers"], ["update"]),
    rule([ACME], ["orders"], ["create", "delete", ...READ]),
    rule([""], ["secrets"], [...READ, "create", "update", "delete", "patch"]),
    EVENTS,
  ],
  orders: [
    rule([ACME], ["orders", "orders/status"], ["update", "patch"]),
    rule([ACME], ["orders", "challenges"], READ),
    rule([CM], ["clusterissuers", "issuers"], READ),
    rule([ACME], ["challenges"], ["create", "delete"]),
    rule([ACME], ["orders/finalizers"], ["update"]),
    rule([""], ["secrets"], READ),
    EVENTS,
  ],
  challenges: [
    rule([ACME], ["challenges", "challenges/status"], ["update", "patch"]),
    rule([ACME], ["challenges"], READ),
    rule([CM], ["issuers", "clusterissuers"], READ),
    rule([""], ["secrets"], READ),
    EVENTS,
    rule([""], ["pods", "services"], [...READ, "create", "delete"]),
    rule(["networking.k8s.io"], ["ingresses"], [...READ, "create", "delete", "update"]),
    rule(["gateway.networking.k8s.io"], ["httproutes"], [...READ, "create", "delete", "update"]),
    rule(["route.openshift.io"], ["routes/custom-host"], ["create"]),
    rule([ACME], ["challenges/finalizers"], ["update"]),
  ],
  "ingress-shim": [
    rule([CM], ["certificates", "certificaterequests"], ["create", "update", "delete"]),
    rule([CM], ["certificates", "certificaterequests", "issuers", "clusterissuers"], READ),
    rule(["networking.k8s.io"], ["ingresses"], READ),
    rule(["networking.k8s.io"], ["ingresses/finalizers"], ["update"]),
    rule(["gateway.networking.k8s.io"], ["gateways", "httproutes"], READ),
    rule(
      ["gateway.networking.k8s.io"],
      ["gateways/finalizers", "httproutes/finalizers"],
      ["update"],
    ),
    EVENTS,
  ],
  // Approving CertificateRequests for cert-manager's own issuers (the chart's approveSignerNames).
  "approve:cert-manager-io": [
    named(
      [CM],
      ["signers"],
      ["issuers.cert-manager.io/*", "clusterissuers.cert-manager.io/*"],
      ["approve"],
    ),
  ],
  // Signing Kubernetes CertificateSigningRequests that name cert-manager's issuers, and checking
  // that a requester may use a namespaced Issuer.
  certificatesigningrequests: [
    rule(["certificates.k8s.io"], ["certificatesigningrequests"], [...READ, "update"]),
    rule(["certificates.k8s.io"], ["certificatesigningrequests/status"], ["update", "patch"]),
    named(
      ["certificates.k8s.io"],
      ["signers"],
      ["issuers.cert-manager.io/*", "clusterissuers.cert-manager.io/*"],
      ["sign"],
    ),
    rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
  ],
};

/** The controller's Roles in cert-manager's namespace, by name suffix. */
export function controllerRoles(serviceAccount: string): Record<string, PolicyRule[]> {
  return {
    ":leaderelection": [
      named(
        ["coordination.k8s.io"],
        ["leases"],
        ["cert-manager-controller"],
        ["get", "update", "patch"],
      ),
      rule(["coordination.k8s.io"], ["leases"], ["create"]),
    ],
    // Tokens of its own account only, for issuers that authenticate with a service account token.
    "-tokenrequest": [named([""], ["serviceaccounts/token"], [serviceAccount], ["create"])],
  };
}

export const CAINJECTOR_CLUSTER_ROLE: PolicyRule[] = [
  rule([CM], ["certificates"], READ),
  rule([""], ["secrets"], READ),
  rule([""], ["events"], ["get", "create", "update", "patch"]),
  rule(
    ["admissionregistration.k8s.io"],
    ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
    [...READ, "update", "patch"],
  ),
  rule(["apiregistration.k8s.io"], ["apiservices"], [...READ, "update", "patch"]),
  rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], [...READ, "update", "patch"]),
];

export const CAINJECTOR_LEADER_ELECTION: PolicyRule[] = [
  named(
    ["coordination.k8s.io"],
    ["leases"],
    ["cert-manager-cainjector-leader-election", "cert-manager-cainjector-leader-election-core"],
    ["get", "update", "patch"],
  ),
  rule(["coordination.k8s.io"], ["leases"], ["create"]),
];

/** The webhook's serving CA: only the named Secret (create cannot be narrowed by name). */
export function webhookDynamicServing(caSecret: string): PolicyRule[] {
  return [
    named([""], ["secrets"], [caSecret], [...READ, "update"]),
    rule([""], ["secrets"], ["create"]),
  ];
}

export const WEBHOOK_SUBJECT_ACCESS_REVIEWS: PolicyRule[] = [
  rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
];
