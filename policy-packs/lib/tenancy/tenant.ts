/**
 * Which tenant a resource belongs to, read the way the kit marks it:
 * - AWS: the tag `enclave:tenant` (components/aws/shared/tags.ts);
 * - GCP: the label `enclave-tenant` (components/gcp/shared/labels.ts), on `labels`,
 *   `settings.userLabels` (Cloud SQL) or `resourceLabels` (GKE);
 * - Kubernetes: the label `app.kubernetes.io/instance` on objects that also carry
 *   `app.kubernetes.io/part-of: enclave` (components/app/pod.ts), and the tenant namespace
 *   `enclave-<tenant>` (components/app/settings.ts).
 * And which tenants a name or an ARN points at, from the kit's naming scheme: `enclave-<tenant>-<env>`
 * (buckets, roles, clusters, log groups), `alias/enclave/<tenant>/<env>/` (key aliases),
 * `/enclave/<tenant>/<env>/` (IAM role paths), `system:serviceaccount:enclave-<tenant>:` (IRSA),
 * `<project>.svc.id.goog[enclave-<tenant>/` (GKE Workload Identity) and
 * `en-<tenant>-<d|s|p>-<role>` (GCP service account ids, 30 characters at most:
 * components/gcp/footprint/naming.ts), as an account id or before the `@` of its email.
 */
import { get, isRecord, str } from "../props";

export const AWS_TENANT_TAG = "enclave:tenant";
export const GCP_TENANT_LABEL = "enclave-tenant";
export const K8S_TENANT_LABEL = "app.kubernetes.io/instance";
export const K8S_PART_OF_LABEL = "app.kubernetes.io/part-of";

export type Provider = "aws" | "gcp" | "kubernetes" | "other";

export function providerOf(type: string): Provider {
  const p = type.split(":")[0];
  return p === "aws" || p === "gcp" || p === "kubernetes" ? p : "other";
}

/** Where a GCP resource keeps its labels: most on `labels`, Cloud SQL and GKE elsewhere. */
export const GCP_LABEL_PATHS = ["labels", "settings.userLabels", "resourceLabels"] as const;

/** The tags or labels of a resource as one map (empty when it has none, or they are unreadable). */
export function marksOf(type: string, props: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (x: unknown) => {
    if (isRecord(x)) {
      for (const [k, v] of Object.entries(x)) {
        if (typeof v === "string") {
          out[k] = v;
        }
      }
    }
  };
  switch (providerOf(type)) {
    case "aws":
      add(get(props, "tags"));
      break;
    case "gcp":
      GCP_LABEL_PATHS.forEach((p) => add(get(props, p)));
      break;
    case "kubernetes":
      add(get(props, "metadata.labels"));
      break;
    default:
      break;
  }
  return out;
}

/** The tag or label key that names the tenant, per provider (for messages). */
export function tenantKeyOf(type: string): string {
  switch (providerOf(type)) {
    case "gcp":
      return GCP_TENANT_LABEL;
    case "kubernetes":
      return `${K8S_TENANT_LABEL} (with ${K8S_PART_OF_LABEL}: enclave)`;
    default:
      return AWS_TENANT_TAG;
  }
}

/** The tenant a resource declares through its own tag or label, if any. */
export function declaredTenant(type: string, props: unknown): string | undefined {
  const marks = marksOf(type, props);
  switch (providerOf(type)) {
    case "aws":
      return nonEmpty(marks[AWS_TENANT_TAG]);
    case "gcp":
      return nonEmpty(marks[GCP_TENANT_LABEL]);
    case "kubernetes":
      return marks[K8S_PART_OF_LABEL] === "enclave" ? nonEmpty(marks[K8S_TENANT_LABEL]) : undefined;
    default:
      return undefined;
  }
}

const nonEmpty = (s: string | undefined) => (s && s.trim() !== "" ? s : undefined);

const TENANT_NAMESPACE = /^enclave-([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)$/;

/**
 * The tenant whose namespace this is (`enclave-<tenant>`), unless the namespace is one of the
 * shared ones (e.g. `enclave-system`, where an existing cluster's operator keeps the secrets).
 */
export function namespaceTenant(
  namespace: string | undefined,
  shared: readonly string[],
): string | undefined {
  if (namespace === undefined || shared.includes(namespace)) {
    return undefined;
  }
  return TENANT_NAMESPACE.exec(namespace)?.[1];
}

/** The namespace of a namespaced Kubernetes object (`default` when unset), or undefined. */
export function namespaceOf(type: string, props: unknown): string | undefined {
  if (providerOf(type) !== "kubernetes") {
    return undefined;
  }
  if (type.endsWith(":Namespace")) {
    return str(get(props, "metadata.name"));
  }
  return str(get(props, "metadata.namespace"));
}

const ENV = "(?:dev|staging|prod)";
const NAME_PATTERNS: readonly RegExp[] = [
  // enclave-acme-dev-data-111122223333, role/enclave-acme-dev-cluster-admin-51d3f47
  new RegExp(`(?<![a-z0-9-])enclave-([a-z0-9](?:[a-z0-9-]*?[a-z0-9])?)-${ENV}(?![a-z0-9])`, "g"),
  // alias/enclave/acme/dev/storage, role/enclave/acme/dev/tenant-storage/*
  new RegExp(`(?<![a-z0-9-])enclave/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)/${ENV}(?![a-z0-9-])`, "g"),
  // en-acme-d-dg@p.iam.gserviceaccount.com, serviceAccount:en-acme-p-dbb@..., accountId en-acme-d-node
  /(?<![a-z0-9-])en-([a-z0-9](?:[a-z0-9-]*?[a-z0-9])?)-[dsp]-[a-z0-9]+(?=@|$)/g,
];
const SERVICE_ACCOUNT = /system:serviceaccounts?:([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?![a-z0-9-])/g;
/** GKE Workload Identity members: `serviceAccount:<project>.svc.id.goog[<namespace>/<account>]`. */
const WORKLOAD_IDENTITY = /\.svc\.id\.goog\[([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\//g;

/** Every tenant a string names through the kit's naming scheme. */
export function tenantsNamedIn(text: string, sharedNamespaces: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const pattern of NAME_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      found.add(m[1]!);
    }
  }
  for (const m of [...text.matchAll(SERVICE_ACCOUNT), ...text.matchAll(WORKLOAD_IDENTITY)]) {
    const t = namespaceTenant(m[1], sharedNamespaces);
    if (t !== undefined) {
      found.add(t);
    }
  }
  return found;
}

/** Properties that carry a resource's own name, from which the kit's naming scheme reads a tenant. */
export const NAME_PROPS = ["bucket", "name", "namePrefix", "identifier", "clusterName"] as const;

/** The tenant a resource's own name follows the naming scheme of, with that name. */
export function nameTenant(
  type: string,
  props: unknown,
  sharedNamespaces: readonly string[],
): { tenant: string; name: string } | undefined {
  if (providerOf(type) === "kubernetes") {
    return undefined;
  }
  for (const prop of NAME_PROPS) {
    const name = get(props, prop);
    const tenant =
      typeof name === "string" ? [...tenantsNamedIn(name, sharedNamespaces)][0] : undefined;
    if (tenant !== undefined && typeof name === "string") {
      return { tenant, name };
    }
  }
  return undefined;
}

/**
 * The tenant a resource belongs to: a Kubernetes object's tenant namespace (or else its labels);
 * an AWS or GCP resource's name (the ARNs that point at it carry it), or else its tag or label.
 */
export function ownerTenant(
  type: string,
  props: unknown,
  sharedNamespaces: readonly string[],
): string | undefined {
  if (providerOf(type) === "kubernetes") {
    return (
      namespaceTenant(namespaceOf(type, props), sharedNamespaces) ?? declaredTenant(type, props)
    );
  }
  return nameTenant(type, props, sharedNamespaces)?.tenant ?? declaredTenant(type, props);
}
