import { alnum } from "../ids";
import type { ComputedState, OutputContext } from "./context";

/** Kinds that are not namespaced (the rest get `default` when no namespace is given). */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ClusterIssuer",
  "APIService",
  "RuntimeClass",
  "CSIDriver",
  "VolumeSnapshotClass",
  "GatewayClass",
]);

/**
 * Kubernetes objects: auto-names (`<name>-<8 chars>`) and the `default` namespace as the
 * provider applies them, so references like `ns.metadata.name` resolve to realistic values.
 */
export function kubernetesOutputs(ctx: OutputContext): ComputedState {
  if (ctx.type.startsWith("kubernetes:helm.sh/") || ctx.type === "pulumi:providers:kubernetes") {
    return { id: `${ctx.name}-${alnum(ctx.urn, 8)}`, state: {} };
  }
  const kind = ctx.type.split(":").pop() ?? "";
  const metadata = { ...((ctx.inputs["metadata"] as Record<string, unknown> | undefined) ?? {}) };
  if (typeof metadata["name"] !== "string" || metadata["name"] === "") {
    metadata["name"] = `${ctx.name}-${alnum(ctx.urn, 8)}`.toLowerCase();
  }
  const namespaced = !CLUSTER_SCOPED.has(kind.replace(/(List|Patch)$/, ""));
  if (namespaced && (typeof metadata["namespace"] !== "string" || metadata["namespace"] === "")) {
    metadata["namespace"] = "default";
  }
  metadata["uid"] =
    `${alnum(ctx.urn, 8)}-${alnum(ctx.urn, 4, "b")}-${alnum(ctx.urn, 4, "c")}-${alnum(ctx.urn, 4, "d")}-${alnum(ctx.urn, 12, "e")}`;
  const id = namespaced
    ? `${metadata["namespace"] as string}/${metadata["name"] as string}`
    : (metadata["name"] as string);
  return { id, state: { metadata } };
}
