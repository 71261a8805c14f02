import type { ContainerView } from "./pod";

/** `"a", "b"` */
export function quoted(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(", ");
}

const LIST_WORD = {
  initContainers: "init container",
  containers: "container",
  ephemeralContainers: "ephemeral container",
} as const;

/** `container "app"`, `init container "migrate"`, `ephemeral container "debug"`. */
export function containerLabel(c: ContainerView): string {
  return `${LIST_WORD[c.list]} "${c.name}"`;
}

/** Sorted, de-duplicated values. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** `the pod, container "app", init container "migrate"` (the pod first when it is at fault). */
export function offenders(pod: boolean, containers: readonly ContainerView[]): string {
  return [...(pod ? ["the pod"] : []), ...containers.map(containerLabel)].join(", ");
}

/** CIS Kubernetes Benchmark ids, in the form the reports print. */
export function cisKubernetes(...ids: string[]): string[] {
  return ids.map((id) => `CIS Kubernetes 1.10.0 ${id}`);
}
