import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PSA_LABELS } from "../baseline/baseline";
import { LIMIT_RANGE } from "../defaults";
import { block } from "../network-policies/peers";
import { workloadLabels } from "../pod";
import type { DatabaseBootstrapPlacement } from "../../shared/platform";

/**
 * The namespace and service account where every tenant's database bootstrap Job runs against a
 * shared server (PlatformDatabase.bootstrap). Not `enclave-<name>`: no tenant's namespace can be
 * called that, so no tenant's pods, roles or NetworkPolicies ever select it as their own.
 */
export const DATABASE_ADMIN: DatabaseBootstrapPlacement = {
  namespace: "database-admin",
  serviceAccountName: "database-admin",
};

/** At most this much in the namespace: bootstrap Jobs only, a few at a time. */
const QUOTA = {
  "requests.cpu": "2",
  "requests.memory": "2Gi",
  "limits.cpu": "4",
  "limits.memory": "4Gi",
  pods: "10",
  persistentvolumeclaims: "0",
  "services.loadbalancers": "0",
  services: "0",
} as const;

export interface DatabaseAdminNamespaceArgs {
  /** The platform's name, in the labels (app.kubernetes.io/instance). */
  readonly platform: string;
  /** Annotations binding the service account to the identity that reads the master secret. */
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** Where the shared server listens, and its port. */
  readonly database: { readonly cidrs: readonly string[]; readonly port: number };
  /** Where the cloud's secret store and token service are reached on 443 (interface endpoints). */
  readonly cloudApiCidrs: readonly string[];
  /** Cut out of every address block (the cloud's metadata endpoints). */
  readonly metadataCidrs: readonly string[];
}

/**
 * A platform-owned namespace for the shared server's administrator: Pod Security `restricted`,
 * a default deny of all ingress and egress, then egress only to the cluster DNS, the server on
 * its port and the cloud APIs on 443 (secret store, token service), no ingress at all; its one
 * service account (no token automount) holds the identity that may read the master secret. The
 * tenants' stacks create their bootstrap Jobs here; no tenant namespace holds that identity.
 */
export class DatabaseAdminNamespace extends pulumi.ComponentResource {
  public readonly placement: DatabaseBootstrapPlacement = DATABASE_ADMIN;
  public readonly namespace: pulumi.Output<string>;

  constructor(
    name: string,
    args: DatabaseAdminNamespaceArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("enclave:kubernetes:DatabaseAdminNamespace", name, {}, opts);
    const labels = workloadLabels(args.platform, "database-admin");
    const ns = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: DATABASE_ADMIN.namespace, labels: { ...labels, ...PSA_LABELS } } },
      { parent: this },
    );
    this.namespace = ns.metadata.name;
    const inNs = { parent: this, dependsOn: [ns] };
    const namespace = DATABASE_ADMIN.namespace;
    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: { name: "default-deny", namespace, labels },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [], egress: [] },
      },
      inNs,
    );
    const blocks = (cidrs: readonly string[]) =>
      [...new Set(cidrs)].map((c) => block(c, args.metadataCidrs));
    new k8s.networking.v1.NetworkPolicy(
      `${name}-bootstrap-egress`,
      {
        metadata: { name: "database-bootstrap", namespace, labels },
        spec: {
          podSelector: {},
          policyTypes: ["Ingress", "Egress"],
          ingress: [],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { "kubernetes.io/metadata.name": "kube-system" },
                  },
                  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                },
              ],
              ports: [
                { protocol: "UDP", port: 53 },
                { protocol: "TCP", port: 53 },
              ],
            },
            {
              to: blocks(args.database.cidrs),
              ports: [{ protocol: "TCP", port: args.database.port }],
            },
            { to: blocks(args.cloudApiCidrs), ports: [{ protocol: "TCP", port: 443 }] },
          ],
        },
      },
      inNs,
    );
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      { metadata: { name: "database-admin-quota", namespace, labels }, spec: { hard: QUOTA } },
      inNs,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: { name: "database-admin-limits", namespace, labels },
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
    new k8s.core.v1.ServiceAccountPatch(
      `${name}-default-sa`,
      {
        metadata: {
          name: "default",
          namespace,
          annotations: { "pulumi.com/patchForce": "true" },
        },
        automountServiceAccountToken: false,
      },
      inNs,
    );
    new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      {
        metadata: {
          name: DATABASE_ADMIN.serviceAccountName,
          namespace,
          labels,
          annotations: args.serviceAccountAnnotations,
        },
        automountServiceAccountToken: false,
      },
      inNs,
    );
    this.registerOutputs({ namespace: this.namespace });
  }
}
