import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { TenantAdmission } from "../admission/admission";
import { PSA_LABELS } from "../baseline/baseline";
import { CERT_MANAGER } from "../defaults";
import type { PeerAddresses } from "../network-policies/peers";
import { workloadLabels } from "../pod";
import { certManagerNetworkPolicies } from "../tls/cert-manager-network";
import { CERT_MANAGER_CRDS } from "./crds";
import {
  CAINJECTOR_CLUSTER_ROLE,
  CAINJECTOR_LEADER_ELECTION,
  CONTROLLER_CLUSTER_ROLES,
  controllerRoles,
  WEBHOOK_SUBJECT_ACCESS_REVIEWS,
  webhookDynamicServing,
} from "./rbac";
import { webhookConfigurations } from "./webhooks";
import { COMPONENTS, deploymentArgs, type ComponentName, type WorkloadImages } from "./workloads";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

export interface CertManagerArgs {
  readonly tenant: string;
  readonly images: WorkloadImages;
  /** For the NetworkPolicies of the cert-manager namespace. */
  readonly networkAddresses: PeerAddresses;
  /** HTTPS to public addresses, for an issuer outside the cluster (see cert-manager-network.ts). */
  readonly outboundHttps: boolean;
}

/**
 * cert-manager v1.19.1 as typed objects, one resource per Kubernetes object, so that the packs
 * judge every one of them (its pods, RBAC, webhooks) and the image list sees its images: the
 * namespace (Pod Security "restricted", enforced), its NetworkPolicies, the CRDs, and per
 * component (controller, webhook, cainjector) a ServiceAccount, its RBAC and a Deployment; the
 * webhook's Service and admission configurations. Written from the upstream chart's templates
 * and default values for the values the kit set when it installed the chart (leader election in
 * this namespace, certificate owner references, no startup check Job); see rbac.ts for the roles
 * left out and docs/supply-chain.md for what differs.
 */
export class CertManager extends pulumi.ComponentResource {
  public readonly namespace: string = CERT_MANAGER.namespace;

  constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:CertManager", name, {}, opts);
    const ns = CERT_MANAGER.namespace;
    const child = { parent: this };
    const labelsOf = (component: ComponentName) => ({
      ...workloadLabels(args.tenant, COMPONENTS[component].name),
      "app.kubernetes.io/component": COMPONENTS[component].component,
    });
    const selectorOf = (component: ComponentName) => ({
      "app.kubernetes.io/name": COMPONENTS[component].name,
      "app.kubernetes.io/component": COMPONENTS[component].component,
    });

    // The namespace and its NetworkPolicies were the Certificates component's own children before
    // cert-manager had a component of its own: the alias keeps them (and the CA key) in place.
    const moved = { aliases: [{ parent: opts?.parent }] };
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: ns, labels: { ...PSA_LABELS } } },
      { ...child, ...moved },
    );
    const policies = Object.entries(
      certManagerNetworkPolicies(args.networkAddresses, args.outboundHttps),
    ).map(
      ([policy, spec]) =>
        new k8s.networking.v1.NetworkPolicy(
          `${name}-${policy}`,
          {
            metadata: {
              name: policy,
              namespace: ns,
              labels: workloadLabels(args.tenant, "cert-manager"),
            },
            spec,
          },
          { parent: this, dependsOn: [namespace], ...moved },
        ),
    );
    const crds = CERT_MANAGER_CRDS.map(
      (crd) =>
        new k8s.apiextensions.v1.CustomResourceDefinition(
          `${name}-crd-${String((crd.metadata as { name: string }).name)}`,
          {
            ...crd,
            metadata: {
              ...(crd.metadata as object),
              labels: {
                ...workloadLabels(args.tenant, "cert-manager"),
                "app.kubernetes.io/component": "crds",
              },
            },
          },
          // Certificates, issuers and their Secrets go with their CRDs: never deleted by the kit.
          { parent: this, retainOnDelete: true },
        ),
    );
    const inNamespace = { parent: this, dependsOn: [namespace] };
    // Inside the API server, as for the tenant namespace: only these pinned images, no privileged
    // or host access whatever the PSA labels say, NetworkPolicies out of its accounts' reach.
    const admission = new TenantAdmission(
      `${name}-admission`,
      {
        namespace: ns,
        tenant: args.tenant,
        images: Object.values(args.images),
        policyPrefix: `enclave-${args.tenant}-cert-manager`,
      },
      child,
    );

    const accounts = Object.fromEntries(
      (Object.keys(COMPONENTS) as ComponentName[]).map((c) => [
        c,
        new k8s.core.v1.ServiceAccount(
          `${name}-${c}-sa`,
          {
            metadata: { name: COMPONENTS[c].name, namespace: ns, labels: labelsOf(c) },
            // The token is mounted by the pods that use it (workloads.ts), not by default.
            automountServiceAccountToken: false,
          },
          inNamespace,
        ),
      ]),
    ) as Record<ComponentName, k8s.core.v1.ServiceAccount>;
    const subject = (c: ComponentName) => [
      { kind: "ServiceAccount", name: COMPONENTS[c].name, namespace: ns },
    ];
    // Logical names: the role's name without the leading "cert-manager", ":" as "-".
    const key = (roleName: string) =>
      `${name}-${roleName.replace(/:/g, "-").replace(/^cert-manager-/, "")}`;
    const clusterRole = (c: ComponentName, roleName: string, rules: PolicyRule[]) => {
      const role = new k8s.rbac.v1.ClusterRole(
        key(roleName),
        { metadata: { name: roleName, labels: labelsOf(c) }, rules },
        child,
      );
      return new k8s.rbac.v1.ClusterRoleBinding(
        `${key(roleName)}-binding`,
        {
          metadata: { name: roleName, labels: labelsOf(c) },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
          subjects: subject(c),
        },
        { parent: this, dependsOn: [role, accounts[c]] },
      );
    };
    const role = (c: ComponentName, roleName: string, rules: PolicyRule[]) => {
      const r = new k8s.rbac.v1.Role(
        key(roleName),
        { metadata: { name: roleName, namespace: ns, labels: labelsOf(c) }, rules },
        inNamespace,
      );
      return new k8s.rbac.v1.RoleBinding(
        `${key(roleName)}-binding`,
        {
          metadata: { name: roleName, namespace: ns, labels: labelsOf(c) },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName },
          subjects: subject(c),
        },
        { parent: this, dependsOn: [r, accounts[c]] },
      );
    };

    const controller = COMPONENTS.controller.name;
    const webhook = COMPONENTS.webhook.name;
    const cainjector = COMPONENTS.cainjector.name;
    const grants = [
      ...Object.entries(CONTROLLER_CLUSTER_ROLES).map(([suffix, rules]) =>
        clusterRole("controller", `${controller}-controller-${suffix}`, rules),
      ),
      ...Object.entries(controllerRoles(controller)).map(([suffix, rules]) =>
        role("controller", `${controller}${suffix}`, rules),
      ),
      clusterRole("cainjector", cainjector, CAINJECTOR_CLUSTER_ROLE),
      role("cainjector", `${cainjector}:leaderelection`, CAINJECTOR_LEADER_ELECTION),
      role(
        "webhook",
        `${webhook}:dynamic-serving`,
        webhookDynamicServing(CERT_MANAGER.webhookCaSecret),
      ),
      clusterRole("webhook", `${webhook}:subjectaccessreviews`, WEBHOOK_SUBJECT_ACCESS_REVIEWS),
    ];

    const service = new k8s.core.v1.Service(
      `${name}-webhook-service`,
      {
        metadata: { name: webhook, namespace: ns, labels: labelsOf("webhook") },
        spec: {
          type: "ClusterIP",
          ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: "https" }],
          selector: selectorOf("webhook"),
        },
      },
      inNamespace,
    );

    const deployments = (Object.keys(COMPONENTS) as ComponentName[]).map(
      (c) =>
        new k8s.apps.v1.Deployment(
          `${name}-${c}`,
          deploymentArgs({
            component: c,
            namespace: ns,
            labels: labelsOf(c),
            selector: selectorOf(c),
            replicas: 1,
            images: args.images,
          }),
          { parent: this, dependsOn: [...policies, ...crds, ...grants, accounts[c], admission] },
        ),
    );

    const hooks = webhookConfigurations(ns, labelsOf("webhook"));
    const after = { parent: this, dependsOn: [service, ...deployments] };
    new k8s.admissionregistration.v1.MutatingWebhookConfiguration(
      `${name}-mutating-webhook`,
      hooks.mutating,
      after,
    );
    new k8s.admissionregistration.v1.ValidatingWebhookConfiguration(
      `${name}-validating-webhook`,
      hooks.validating,
      after,
    );
    this.registerOutputs({ namespace: this.namespace });
  }
}
