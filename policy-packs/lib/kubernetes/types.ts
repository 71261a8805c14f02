/**
 * Pulumi type tokens of the Kubernetes resources the kubernetes policies judge, for every
 * apiVersion @pulumi/kubernetes 4.34 exposes (older apiVersions stay judged: a program may still
 * declare them against an old cluster).
 *
 * Tokens read `kubernetes:<group>/<version>:<Kind>`; the core group is spelled `core`.
 */

/** Where a kind keeps its pod spec: the path of the object holding `{ metadata, spec }`. */
export type PodLocation = "self" | "template" | "spec.template" | "spec.jobTemplate.spec.template";

const POD_OWNERS: ReadonlyArray<{
  kind: string;
  groupVersions: readonly string[];
  location: PodLocation;
}> = [
  { kind: "Pod", groupVersions: ["core/v1"], location: "self" },
  { kind: "PodTemplate", groupVersions: ["core/v1"], location: "template" },
  { kind: "ReplicationController", groupVersions: ["core/v1"], location: "spec.template" },
  {
    kind: "Deployment",
    groupVersions: ["apps/v1", "apps/v1beta1", "apps/v1beta2", "extensions/v1beta1"],
    location: "spec.template",
  },
  {
    kind: "StatefulSet",
    groupVersions: ["apps/v1", "apps/v1beta1", "apps/v1beta2"],
    location: "spec.template",
  },
  {
    kind: "DaemonSet",
    groupVersions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    location: "spec.template",
  },
  {
    kind: "ReplicaSet",
    groupVersions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    location: "spec.template",
  },
  { kind: "Job", groupVersions: ["batch/v1"], location: "spec.template" },
  {
    kind: "CronJob",
    groupVersions: ["batch/v1", "batch/v1beta1", "batch/v2alpha1"],
    location: "spec.jobTemplate.spec.template",
  },
];

export interface PodOwnerType {
  readonly kind: string;
  readonly location: PodLocation;
  /** A `...Patch` resource (server-side apply): it carries only the fields it changes. */
  readonly patch: boolean;
}

const POD_OWNER_TYPES = new Map<string, PodOwnerType>();
for (const owner of POD_OWNERS) {
  for (const gv of owner.groupVersions) {
    POD_OWNER_TYPES.set(`kubernetes:${gv}:${owner.kind}`, {
      kind: owner.kind,
      location: owner.location,
      patch: false,
    });
    POD_OWNER_TYPES.set(`kubernetes:${gv}:${owner.kind}Patch`, {
      kind: owner.kind,
      location: owner.location,
      patch: true,
    });
  }
}

/** Pods and every pod-template owner, including their `...Patch` twins. */
export const POD_OWNER_TOKENS: readonly string[] = [...POD_OWNER_TYPES.keys()];

export function podOwnerType(token: string): PodOwnerType | undefined {
  return POD_OWNER_TYPES.get(token);
}

function tokens(kind: string, groupVersions: readonly string[], withPatch = true): string[] {
  return groupVersions.flatMap((gv) => [
    `kubernetes:${gv}:${kind}`,
    ...(withPatch ? [`kubernetes:${gv}:${kind}Patch`] : []),
  ]);
}

const RBAC_VERSIONS = [
  "rbac.authorization.k8s.io/v1",
  "rbac.authorization.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1alpha1",
];

export const ROLE_TOKENS = [
  ...tokens("Role", RBAC_VERSIONS),
  ...tokens("ClusterRole", RBAC_VERSIONS),
];
export const BINDING_TOKENS = [
  ...tokens("RoleBinding", RBAC_VERSIONS),
  ...tokens("ClusterRoleBinding", RBAC_VERSIONS),
];
export const SERVICE_TOKENS = tokens("Service", ["core/v1"]);
export const SERVICE_ACCOUNT_TOKENS = tokens("ServiceAccount", ["core/v1"]);
export const CONFIG_MAP_TOKENS = tokens("ConfigMap", ["core/v1"]);
export const SECRET_TOKENS = tokens("Secret", ["core/v1"]);
export const NAMESPACE_TOKENS = tokens("Namespace", ["core/v1"]);
export const ADMISSION_POLICY_TOKENS = tokens(
  "ValidatingAdmissionPolicy",
  ["admissionregistration.k8s.io/v1"],
  false,
);
export const ADMISSION_BINDING_TOKENS = tokens(
  "ValidatingAdmissionPolicyBinding",
  ["admissionregistration.k8s.io/v1"],
  false,
);
export const INGRESS_TOKENS = tokens("Ingress", [
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "extensions/v1beta1",
]);
export const NETWORK_POLICY_TOKENS = tokens("NetworkPolicy", [
  "networking.k8s.io/v1",
  "extensions/v1beta1",
]);

export function isPatchToken(token: string): boolean {
  return token.endsWith("Patch");
}

/**
 * The Pulumi type token of a manifest's `apiVersion` and `kind`, as @pulumi/kubernetes names it
 * (`v1` + `Pod` -> `kubernetes:core/v1:Pod`, `apps/v1` + `Deployment` -> `kubernetes:apps/v1:Deployment`).
 */
export function typeToken(apiVersion: string, kind: string): string {
  const groupVersion = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
  return `kubernetes:${groupVersion}:${kind}`;
}
