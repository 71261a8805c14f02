import type * as k8s from "@pulumi/kubernetes";
import { CERT_MANAGER, CERT_MANAGER_SIZING } from "../defaults";
import {
  resources,
  restrictedContainer,
  restrictedPod,
  spreadAcrossNodes,
  type Sizing,
} from "../pod";

type Container = k8s.types.input.core.v1.Container;

/** cert-manager's three workloads: Deployment, ServiceAccount and (upstream) component label. */
export const COMPONENTS = {
  controller: { name: "cert-manager", component: "controller" },
  webhook: { name: "cert-manager-webhook", component: "webhook" },
  cainjector: { name: "cert-manager-cainjector", component: "cainjector" },
} as const;
export type ComponentName = keyof typeof COMPONENTS;

const POD_NAMESPACE: k8s.types.input.core.v1.EnvVar = {
  name: "POD_NAMESPACE",
  valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } },
};
const METRICS_PORT = { name: "http-metrics", containerPort: 9402, protocol: "TCP" };

export interface WorkloadImages {
  readonly controller: string;
  readonly webhook: string;
  readonly cainjector: string;
  /** Given to the controller for HTTP-01 solver pods (which the kit's issuers never start). */
  readonly acmesolver: string;
}

/** The arguments of each container: the chart v1.19.1's, for the values the kit has always set. */
export function containerArgs(component: ComponentName, acmesolver: string): string[] {
  const common = [`--v=${CERT_MANAGER.logLevel}`];
  const leader = `--leader-election-namespace=${CERT_MANAGER.namespace}`;
  const webhook = COMPONENTS.webhook.name;
  switch (component) {
    case "controller":
      return [
        ...common,
        // Where ClusterIssuers read their Secrets (the internal CA's key): this namespace.
        "--cluster-resource-namespace=$(POD_NAMESPACE)",
        leader,
        `--acme-http01-solver-image=${acmesolver}`,
        `--max-concurrent-challenges=${CERT_MANAGER.maxConcurrentChallenges}`,
        // A certificate's Secret goes when the Certificate does.
        "--enable-certificate-owner-ref=true",
      ];
    case "webhook":
      return [
        ...common,
        `--secure-port=${CERT_MANAGER.webhookPort}`,
        "--dynamic-serving-ca-secret-namespace=$(POD_NAMESPACE)",
        `--dynamic-serving-ca-secret-name=${CERT_MANAGER.webhookCaSecret}`,
        `--dynamic-serving-dns-names=${webhook}`,
        `--dynamic-serving-dns-names=${webhook}.$(POD_NAMESPACE)`,
        `--dynamic-serving-dns-names=${webhook}.$(POD_NAMESPACE).svc`,
      ];
    case "cainjector":
      return [...common, leader];
  }
}

function container(component: ComponentName, images: WorkloadImages, sizing: Sizing): Container {
  const base: Container = {
    name: `cert-manager-${component}`,
    image: images[component],
    imagePullPolicy: "IfNotPresent",
    args: containerArgs(component, images.acmesolver),
    env: [POD_NAMESPACE],
    resources: resources(sizing),
    securityContext: restrictedContainer(CERT_MANAGER.uid),
  };
  switch (component) {
    case "controller":
      return {
        ...base,
        ports: [METRICS_PORT, { name: "http-healthz", containerPort: 9403, protocol: "TCP" }],
        // The chart's probe (modelled on kube-controller-manager's).
        livenessProbe: {
          httpGet: { port: "http-healthz", path: "/livez", scheme: "HTTP" },
          initialDelaySeconds: 10,
          periodSeconds: 10,
          timeoutSeconds: 15,
          successThreshold: 1,
          failureThreshold: 8,
        },
      };
    case "webhook": {
      const probe = (path: string, initialDelaySeconds: number, periodSeconds: number) => ({
        httpGet: { path, port: "healthcheck", scheme: "HTTP" },
        initialDelaySeconds,
        periodSeconds,
        timeoutSeconds: 1,
        successThreshold: 1,
        failureThreshold: 3,
      });
      return {
        ...base,
        ports: [
          { name: "https", containerPort: CERT_MANAGER.webhookPort, protocol: "TCP" },
          { name: "healthcheck", containerPort: 6080, protocol: "TCP" },
          METRICS_PORT,
        ],
        livenessProbe: probe("/livez", 60, 10),
        readinessProbe: probe("/healthz", 5, 5),
      };
    }
    case "cainjector":
      return { ...base, ports: [METRICS_PORT] };
  }
}

export interface DeploymentSpecArgs {
  readonly component: ComponentName;
  readonly namespace: k8s.types.input.meta.v1.ObjectMeta["namespace"];
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly replicas: number;
  readonly images: WorkloadImages;
}

/**
 * A cert-manager Deployment: the upstream container (args, ports, probes) on the kit's pod
 * hardening (Pod Security "restricted": non-root UID, RuntimeDefault seccomp, no privilege
 * escalation, every capability dropped, read-only root filesystem; no service links; requests and
 * limits). The one difference from the layer's other pods is the API token: all three components
 * are controllers of the Kubernetes API, so the pod mounts its service account's token
 * (automountServiceAccountToken: true, the policy finding waived per stack, with the reason).
 */
export function deploymentArgs(a: DeploymentSpecArgs): k8s.apps.v1.DeploymentArgs {
  const { name } = COMPONENTS[a.component];
  return {
    metadata: { name, namespace: a.namespace, labels: a.labels },
    spec: {
      replicas: a.replicas,
      selector: { matchLabels: a.selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: a.labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: true,
          enableServiceLinks: false,
          securityContext: restrictedPod(CERT_MANAGER.uid),
          nodeSelector: { "kubernetes.io/os": "linux" },
          affinity: spreadAcrossNodes(a.selector),
          containers: [container(a.component, a.images, CERT_MANAGER_SIZING[a.component])],
        },
      },
    },
  };
}
