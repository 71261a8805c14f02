import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Pod building blocks shared by every workload of the layer: labels, the Pod Security "restricted"
 * security contexts, scratch volumes, and the trust bundle mounts. Every container the layer runs
 * uses `restrictedContainer()`; none needs an exemption (see docs/app-layer.md, "Pod security").
 */

type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

export const PART_OF = "enclave";

/** Labels of every object of a workload; `selectorLabels` is the subset used in selectors. */
export function workloadLabels(tenant: string, workload: string): Record<string, string> {
  return {
    ...selectorLabels(tenant, workload),
    "app.kubernetes.io/part-of": PART_OF,
    "app.kubernetes.io/managed-by": "pulumi",
  };
}

export function selectorLabels(tenant: string, workload: string): Record<string, string> {
  return { "app.kubernetes.io/name": workload, "app.kubernetes.io/instance": tenant };
}

/** Pod-level context: non-root UID/GID, RuntimeDefault seccomp, volumes group-owned by `gid`. */
export function restrictedPod(uid: number, gid: number = uid): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * Container-level context meeting Pod Security "restricted" and more: no privilege escalation,
 * every capability dropped, read-only root filesystem (writes go to emptyDirs), non-root UID.
 */
export function restrictedContainer(uid: number, gid: number = uid): SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** A size-limited scratch directory (`/tmp` and friends): the only writable paths of a pod. */
export function scratchVolume(name: string, sizeLimit = "256Mi"): Volume {
  return { name, emptyDir: { sizeLimit } };
}

/** Mounts only `items` of a Secret (e.g. ca.crt of a CA secret, never its private key). */
export function secretFilesVolume(
  name: string,
  secretName: string,
  items: readonly string[],
): Volume {
  return {
    name,
    secret: { secretName, defaultMode: 0o440, items: items.map((key) => ({ key, path: key })) },
  };
}

export function readOnlyMount(name: string, mountPath: string): VolumeMount {
  return { name, mountPath, readOnly: true };
}

/** Resource requests and limits of one container. */
export interface Sizing {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export function resources(s: Sizing): k8s.types.input.core.v1.ResourceRequirements {
  return {
    requests: { cpu: s.cpuRequest, memory: s.memoryRequest },
    limits: { cpu: s.cpuLimit, memory: s.memoryLimit },
  };
}

/** An env var read from a Secret key: secret values never appear as literals in a pod spec. */
export function fromSecret(
  name: string,
  secretName: pulumi.Input<string>,
  key: string,
): k8s.types.input.core.v1.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

export function literal(name: string, value: string): k8s.types.input.core.v1.EnvVar {
  return { name, value };
}

/** Prefer replicas on different nodes (a node drain or failure takes one at most). */
export function spreadAcrossNodes(
  selector: Record<string, string>,
): k8s.types.input.core.v1.Affinity {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: "kubernetes.io/hostname",
            labelSelector: { matchLabels: selector },
          },
        },
      ],
    },
  };
}

/** The pod fields a workload chooses; the hardening fields are not among them. */
export type WorkloadPodSpec = Omit<
  k8s.types.input.core.v1.PodSpec,
  | "serviceAccountName"
  | "automountServiceAccountToken"
  | "enableServiceLinks"
  | "securityContext"
  | "affinity"
  | "restartPolicy"
>;

export interface HardenedPodArgs {
  /**
   * The workload's own service account. Required: a pod without one would run as the namespace's
   * default account, shared by every pod that names none (kubernetes-core-pod-disallow-default-service-account).
   */
  readonly serviceAccountName: pulumi.Input<string>;
  /** The pod's UID and GID (see `restrictedPod`). */
  readonly uid: number;
  readonly pod: WorkloadPodSpec;
}

/**
 * A pod spec with the layer's pod hardening in one place: no automounted API token, no
 * service-link environment, the restricted pod security context. A workload supplies its
 * containers and volumes; it cannot override these (the type leaves them out, and they are
 * applied last). Every Deployment, StatefulSet and Job of the layer is built on it.
 */
export function hardenedPod(a: HardenedPodArgs): k8s.types.input.core.v1.PodSpec {
  return {
    ...a.pod,
    serviceAccountName: a.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: restrictedPod(a.uid),
  };
}

export interface HardenedDeploymentArgs extends HardenedPodArgs {
  /** The Deployment's name (`metadata.name`). */
  readonly workload: string;
  readonly namespace: pulumi.Input<string>;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly replicas: pulumi.Input<number>;
  /** Default: rolling, never below the desired count. */
  readonly strategy?: k8s.types.input.apps.v1.DeploymentStrategy;
}

/** A Deployment's arguments: a hardened pod (see `hardenedPod`) with replicas spread across nodes. */
export function hardenedDeployment(a: HardenedDeploymentArgs): k8s.apps.v1.DeploymentArgs {
  return {
    metadata: { name: a.workload, namespace: a.namespace, labels: a.labels },
    spec: {
      replicas: a.replicas,
      selector: { matchLabels: a.selector },
      strategy: a.strategy ?? {
        type: "RollingUpdate",
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
      },
      template: {
        metadata: { labels: a.labels },
        spec: { ...hardenedPod(a), affinity: spreadAcrossNodes(a.selector) },
      },
    },
  };
}

export interface HardenedJobArgs extends HardenedPodArgs {
  readonly namespace: pulumi.Input<string>;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
}

/** A run-once Job's arguments: a hardened pod (see `hardenedPod`) that is never restarted in place. */
export function hardenedJob(a: HardenedJobArgs): k8s.batch.v1.JobArgs {
  return {
    metadata: { namespace: a.namespace, labels: a.labels },
    spec: {
      backoffLimit: a.backoffLimit,
      activeDeadlineSeconds: a.activeDeadlineSeconds,
      template: {
        metadata: { labels: { ...a.selector, ...a.labels } },
        spec: { ...hardenedPod(a), restartPolicy: "Never" },
      },
    },
  };
}
