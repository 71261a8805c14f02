import type {
  EnclavePolicy,
  EnclaveResourcePolicy,
  EnclaveStackPolicy,
} from "../../policy-packs/lib/define";
import { kubernetesPolicies } from "../../policy-packs/policies/kubernetes";
import { runResourcePolicy, type Outcome } from "./policy";

/** Compliant Kubernetes fixtures for the kubernetes policies: tests change one field at a time. */
export const DIGEST = `sha256:${"a".repeat(64)}`;
export const IMAGE = `ghcr.io/enclave/annotation-app@${DIGEST}`;

const containerSecurityContext = () => ({
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
});

const resources = () => ({
  requests: { cpu: "100m", memory: "128Mi" },
  limits: { cpu: "500m", memory: "512Mi" },
});

/** A pod spec that meets the restricted Pod Security Standard and every other pod policy. */
export function compliantPodSpec(): Record<string, any> {
  return {
    serviceAccountName: "app",
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    },
    initContainers: [
      {
        name: "migrate",
        image: IMAGE,
        securityContext: containerSecurityContext(),
        resources: resources(),
      },
    ],
    containers: [
      {
        name: "app",
        image: IMAGE,
        ports: [{ containerPort: 8080, name: "http" }],
        env: [
          { name: "LOG_LEVEL", value: "info" },
          { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
          { name: "TOKEN_LIFESPAN", value: "300" },
        ],
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 } },
        securityContext: containerSecurityContext(),
        resources: resources(),
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [
      { name: "tmp", emptyDir: {} },
      { name: "config", configMap: { name: "app" } },
    ],
  };
}

/** The same pod spec wrapped as each kind that owns one (fresh metadata: tests change it). */
export function asKind(kind: string, spec: Record<string, any>): Record<string, any> {
  const metadata = { name: "app", namespace: "enclave", labels: { app: "app" } };
  const template = { metadata: { labels: { app: "app" } }, spec };
  switch (kind) {
    case "Pod":
      return { apiVersion: "v1", kind, metadata, spec };
    case "PodTemplate":
      return { apiVersion: "v1", kind, metadata, template };
    case "CronJob":
      return {
        apiVersion: "batch/v1",
        kind,
        metadata,
        spec: { schedule: "0 * * * *", jobTemplate: { spec: { template } } },
      };
    case "Job":
      return { apiVersion: "batch/v1", kind, metadata, spec: { template } };
    default:
      return {
        apiVersion: "apps/v1",
        kind,
        metadata,
        spec: { selector: { matchLabels: { app: "app" } }, template },
      };
  }
}

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** Every pod-owner kind with one of its type tokens. */
export const POD_KINDS: ReadonlyArray<[string, string]> = [
  ["Pod", "kubernetes:core/v1:Pod"],
  ["PodTemplate", "kubernetes:core/v1:PodTemplate"],
  ["ReplicationController", "kubernetes:core/v1:ReplicationController"],
  ["Deployment", DEPLOYMENT],
  ["StatefulSet", "kubernetes:apps/v1:StatefulSet"],
  ["DaemonSet", "kubernetes:apps/v1:DaemonSet"],
  ["ReplicaSet", "kubernetes:apps/v1:ReplicaSet"],
  ["Job", "kubernetes:batch/v1:Job"],
  ["CronJob", "kubernetes:batch/v1:CronJob"],
];

export function policy(name: string): EnclavePolicy {
  const p = kubernetesPolicies.find((x) => x.name === name);
  if (!p) {
    throw new Error(`no kubernetes policy named ${name}`);
  }
  return p;
}

export function resourcePolicyNamed(name: string): EnclaveResourcePolicy {
  const p = policy(name);
  if (!("validateResource" in p)) {
    throw new Error(`${name} is not a resource policy`);
  }
  return p as EnclaveResourcePolicy;
}

export function stackPolicyNamed(name: string): EnclaveStackPolicy {
  const p = policy(name);
  if (!("validateStack" in p)) {
    throw new Error(`${name} is not a stack policy`);
  }
  return p as EnclaveStackPolicy;
}

/**
 * Runs a pod policy on a Deployment built from the compliant pod spec after `mutate` changed it
 * (`mutate` may also return a whole new spec).
 */
export function runOnPod(
  name: string,
  mutate: (spec: Record<string, any>) => void = () => undefined,
  options: {
    kind?: string;
    type?: string;
    config?: Record<string, unknown>;
    metadata?: Record<string, unknown>;
  } = {},
): Outcome {
  const spec = compliantPodSpec();
  mutate(spec);
  const kind = options.kind ?? "Deployment";
  const props = asKind(kind, spec);
  if (options.metadata) {
    const target =
      kind === "Pod"
        ? props
        : kind === "CronJob"
          ? props.spec.jobTemplate.spec.template
          : props.spec.template;
    target.metadata = { ...target.metadata, ...options.metadata };
  }
  const type = options.type ?? POD_KINDS.find(([k]) => k === kind)![1];
  return runResourcePolicy(resourcePolicyNamed(name), { type, props, config: options.config });
}
