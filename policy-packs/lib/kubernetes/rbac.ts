import { arr, get, rec, str, strings } from "../props";

export interface RbacRule {
  readonly index: number;
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly nonResourceURLs: string[];
}

/** The `rules` of a Role or ClusterRole, each field read as a list of strings. */
export function rulesOf(props: Readonly<Record<string, unknown>>): RbacRule[] {
  return arr(props.rules).map((r, index) => {
    const rule = rec(r);
    return {
      index,
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      verbs: strings(rule.verbs),
      nonResourceURLs: strings(rule.nonResourceURLs),
    };
  });
}

// A full wildcard, or a "*" + "/<subresource>" entry that matches that sub-resource of every resource.
export function isWildcard(value: string): boolean {
  return value === "*" || value.startsWith("*/");
}

/** Verbs that disclose a Secret's data (list and watch return whole objects, data included). */
export const SECRET_READ_VERBS = ["get", "list", "watch"] as const;

/** One rule that lets its subject read Secrets it does not name. */
export interface SecretReadGrant {
  readonly index: number;
  /** The read verbs granted (or "*"). */
  readonly verbs: string[];
  /** `secrets`, or the wildcard that covers it. */
  readonly resources: string[];
}

/**
 * The rules that grant get/list/watch (or "*") on `secrets` (or "*") of the core API group (or
 * "*") without resourceNames. A rule with resourceNames reads only the Secrets it names (list and
 * watch then need a metadata.name field selector), so it is not counted.
 */
export function secretReadGrants(props: unknown): SecretReadGrant[] {
  return arr(rec(props).rules).flatMap((r, index): SecretReadGrant[] => {
    const rule = rec(r);
    const groups = strings(rule.apiGroups);
    const resources = strings(rule.resources).filter((x) => x === "secrets" || x === "*");
    const verbs = strings(rule.verbs).filter(
      (v) => v === "*" || (SECRET_READ_VERBS as readonly string[]).includes(v),
    );
    const named = strings(rule.resourceNames).length > 0;
    const coreGroup = groups.some((g) => g === "" || g === "*");
    return coreGroup && resources.length > 0 && verbs.length > 0 && !named
      ? [{ index, verbs, resources }]
      : [];
  });
}

/** `rule 0 (get, list on secrets)`, for messages. */
export function describeGrants(grants: readonly SecretReadGrant[]): string {
  return grants
    .map((g) => `rule ${g.index} (${g.verbs.join(", ")} on ${g.resources.join(", ")})`)
    .join("; ");
}

/**
 * Roles a stack allows to read Secrets by name pattern: `<namespace>/<name>` for a Role,
 * `<name>` for a ClusterRole; `*` matches any run of characters.
 */
export function matchesRolePattern(id: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    if (typeof p !== "string" || p === "") {
      return false;
    }
    const re = new RegExp(`^${p.split("*").map(escapeRegex).join(".*")}$`);
    return re.test(id);
  });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `<namespace>/<name>` for a Role (namespace "default" when unset), `<name>` for a ClusterRole. */
export function roleId(type: string, props: unknown): string {
  const name = str(get(props, "metadata.name")) ?? "";
  return type.includes(":ClusterRole")
    ? name
    : `${str(get(props, "metadata.namespace")) ?? "default"}/${name}`;
}

export const ALLOWED_ROLES_SCHEMA = {
  type: "array",
  items: { type: "string" },
  default: [],
  description:
    'Roles that must read Secrets they cannot name, for example a certificate or secrets controller: "<namespace>/<name>" for a Role, "<name>" for a ClusterRole, "*" matching any characters. Each entry is an exception a reviewer should see justified next to it in the stack\'s policy config.',
} as const;

/**
 * Whether one of a rule's `resources` entries grants `resource` (`pods`, or `pods/exec` for a
 * sub-resource), as the API server's RBAC authorizer decides it: `*` grants every resource and
 * sub-resource; `*` followed by `/exec` grants the `exec` sub-resource of every resource; `pods`
 * followed by `/*` grants nothing more than a resource literally named so.
 */
export function grantsResource(ruleResources: readonly string[], resource: string): boolean {
  const slash = resource.indexOf("/");
  const sub = slash >= 0 ? resource.slice(slash + 1) : "";
  return ruleResources.some((r) => r === "*" || r === resource || (sub !== "" && r === `*/${sub}`));
}

/** Whether a rule's `apiGroups` (`""` the core group, `*` every group) include one of `groups`. */
export function grantsGroup(ruleGroups: readonly string[], groups: readonly string[]): boolean {
  return ruleGroups.some((g) => g === "*" || groups.includes(g));
}

/** The verbs of `wanted` a rule grants (all of them when it grants `*`). */
export function grantedVerbs(ruleVerbs: readonly string[], wanted: readonly string[]): string[] {
  return ruleVerbs.includes("*") ? [...wanted] : wanted.filter((v) => ruleVerbs.includes(v));
}
