/**
 * The CEL rules of the tenant namespace's admission policies, as pure data (tested offline with a
 * CEL evaluator against good and bad objects). They hold inside the API server whatever happens to
 * the namespace's Pod Security Admission labels or to the kit's NetworkPolicies.
 */

export interface CelValidation {
  readonly expression: string;
  readonly message: string;
  /** The HTTP reason the API server answers with (Forbidden or Invalid). */
  readonly reason: "Forbidden" | "Invalid";
}

/** Every container list of a pod, init and ephemeral containers included. */
const ALL_CONTAINERS =
  "(has(object.spec.initContainers) ? object.spec.initContainers : []) + object.spec.containers + " +
  "(has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers : [])";

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The repository of a pinned image reference (`registry/path` without tag or digest). The
 * config module has already checked every reference is `<registry>/<repository>[:tag]@sha256:...`.
 */
export function repositoryOf(image: string): string {
  const name = image.split("@")[0]!;
  const lastSlash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  return colon > lastSlash ? name.slice(0, colon) : name;
}

/**
 * The RE2 pattern an admitted image must match: one of the allowed repositories, an optional tag,
 * and a sha256 digest.
 */
export function imagePattern(repositories: readonly string[]): string {
  const alternatives = [...new Set(repositories)].sort().map(escapeRegex).join("|");
  return `^(${alternatives})(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$`;
}

/** CEL string literal (single-quoted, backslashes and quotes escaped). */
const cel = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Pods of the tenant namespace: pinned images from the stack's repositories, no host access. */
export function podValidations(repositories: readonly string[]): CelValidation[] {
  const pattern = imagePattern(repositories);
  return [
    {
      expression: `(${ALL_CONTAINERS}).all(c, has(c.image) && c.image.matches(${cel(pattern)}))`,
      message: `every image must be pinned by digest and come from the stack's repositories: ${[
        ...new Set(repositories),
      ]
        .sort()
        .join(", ")}`,
      reason: "Forbidden",
    },
    {
      expression: `(${ALL_CONTAINERS}).all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)`,
      message: "privileged containers are not admitted in this namespace",
      reason: "Forbidden",
    },
    {
      expression: `(${ALL_CONTAINERS}).all(c, !has(c.securityContext) || !has(c.securityContext.allowPrivilegeEscalation) || c.securityContext.allowPrivilegeEscalation == false)`,
      message: "containers may not allow privilege escalation in this namespace",
      reason: "Forbidden",
    },
    {
      expression:
        "(!has(object.spec.hostNetwork) || object.spec.hostNetwork == false) && " +
        "(!has(object.spec.hostPID) || object.spec.hostPID == false) && " +
        "(!has(object.spec.hostIPC) || object.spec.hostIPC == false)",
      message: "pods may not share the node's network, PID or IPC namespace in this namespace",
      reason: "Forbidden",
    },
    {
      expression: "!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.hostPath))",
      message: "hostPath volumes are not admitted in this namespace",
      reason: "Forbidden",
    },
    {
      expression: `(${ALL_CONTAINERS}).all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))`,
      message: "host ports are not admitted in this namespace",
      reason: "Forbidden",
    },
  ];
}

/**
 * The namespace's NetworkPolicies and its PSA labels cannot be changed by a workload: no service
 * account of the namespace itself may create, change or delete a NetworkPolicy there (the
 * default-deny above all). The kit grants them no such right; this holds if one is ever granted.
 */
export function networkPolicyValidations(namespace: string): CelValidation[] {
  const prefix = `system:serviceaccount:${namespace}:`;
  return [
    {
      expression: `!request.userInfo.username.startsWith(${cel(prefix)})`,
      message: `service accounts of ${namespace} may not create, change or delete its NetworkPolicies`,
      reason: "Forbidden",
    },
  ];
}
