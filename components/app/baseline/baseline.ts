import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../shared/platform";
import { LIMIT_RANGE, quota } from "../defaults";
import { namespaceWideEgress, type FlowRuleContext } from "../network-policies/policies";
import { workloadLabels } from "../pod";

export interface TenantBaselineArgs {
  readonly namespace: string;
  readonly tenant: string;
  readonly environment: Environment;
  /** For the namespace-wide DNS rule (and nothing else) of the flow table. */
  readonly flowRules: FlowRuleContext;
  /** Subjects bound to the tenant-operator Role; none: the Role exists unbound. */
  readonly operators: { readonly groups: readonly string[]; readonly users: readonly string[] };
}

/** Pod Security Admission: restricted, enforced, audited and warned (A9, EKS BPG pods.adoc). */
export const PSA_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/audit-version": "latest",
  "pod-security.kubernetes.io/warn": "restricted",
  "pod-security.kubernetes.io/warn-version": "latest",
} as const;

/**
 * What the tenant operators may do in their namespace: read the workloads, their logs and events,
 * and delete a pod to restart it. Nothing that creates or changes a pod template (which could mount
 * any Secret of the namespace); never read Secrets, exec into pods, or change RBAC or policies.
 */
export const OPERATOR_RULES: k8s.types.input.rbac.v1.PolicyRule[] = [
  {
    apiGroups: [""],
    resources: [
      "pods",
      "pods/log",
      "services",
      "endpoints",
      "configmaps",
      "events",
      "persistentvolumeclaims",
      "serviceaccounts",
    ],
    verbs: ["get", "list", "watch"],
  },
  {
    apiGroups: ["apps"],
    resources: ["deployments", "statefulsets", "replicasets"],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "watch"] },
  {
    apiGroups: ["networking.k8s.io"],
    resources: ["ingresses", "networkpolicies"],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["get", "list", "watch"] },
  {
    apiGroups: ["cert-manager.io"],
    resources: ["certificates", "issuers"],
    verbs: ["get", "list", "watch"],
  },
];

/**
 * The tenant namespace and its guard rails: PSA restricted, default-deny NetworkPolicies plus DNS,
 * ResourceQuota and LimitRange, the default service account without an API token, and a
 * namespace-scoped role for the tenant's operators.
 */
export class TenantBaseline extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;

  constructor(name: string, args: TenantBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:TenantBaseline", name, {}, opts);
    const labels = workloadLabels(args.tenant, "baseline");

    const ns = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: args.namespace, labels: { ...labels, ...PSA_LABELS } } },
      { parent: this },
    );
    this.namespace = ns.metadata.name;
    const inNs = { parent: this, dependsOn: [ns] };

    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: { name: "default-deny", namespace: this.namespace, labels },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [], egress: [] },
      },
      inNs,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow-dns`,
      {
        metadata: { name: "allow-dns", namespace: this.namespace, labels },
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: namespaceWideEgress(args.flowRules),
        },
      },
      inNs,
    );
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: { name: "tenant-quota", namespace: this.namespace, labels },
        spec: { hard: quota(args.environment) },
      },
      inNs,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: { name: "tenant-limits", namespace: this.namespace, labels },
        spec: {
          limits: [
            {
              type: "Container",
              default: { ...LIMIT_RANGE.default },
              defaultRequest: { ...LIMIT_RANGE.defaultRequest },
              max: { ...LIMIT_RANGE.max },
            },
          ],
        },
      },
      inNs,
    );
    // The namespace controller creates `default`; the patch turns its token automount off.
    new k8s.core.v1.ServiceAccountPatch(
      `${name}-default-sa`,
      {
        metadata: {
          name: "default",
          namespace: this.namespace,
          annotations: { "pulumi.com/patchForce": "true" },
        },
        automountServiceAccountToken: false,
      },
      inNs,
    );
    const role = new k8s.rbac.v1.Role(
      `${name}-operator-role`,
      {
        metadata: { name: "tenant-operator", namespace: this.namespace, labels },
        rules: OPERATOR_RULES,
      },
      inNs,
    );
    const subjects = [
      ...args.operators.groups.map((g) => ({
        kind: "Group",
        apiGroup: "rbac.authorization.k8s.io",
        name: g,
      })),
      ...args.operators.users.map((u) => ({
        kind: "User",
        apiGroup: "rbac.authorization.k8s.io",
        name: u,
      })),
    ];
    if (subjects.length > 0) {
      new k8s.rbac.v1.RoleBinding(
        `${name}-operator-binding`,
        {
          metadata: { name: "tenant-operator", namespace: this.namespace, labels },
          roleRef: {
            apiGroup: "rbac.authorization.k8s.io",
            kind: "Role",
            name: role.metadata.name,
          },
          subjects,
        },
        inNs,
      );
    }
    this.registerOutputs({ namespace: this.namespace });
  }
}
