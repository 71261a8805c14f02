import { arr, rec, strings } from "../props";

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
