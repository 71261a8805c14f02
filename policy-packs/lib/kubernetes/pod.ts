import { arr, get, isRecord, rec, str, type Props } from "../props";
import { podOwnerType, type PodLocation } from "./types";

/** The three container lists of a pod spec, as the Pod Security Standards visit them. */
export type ContainerList = "initContainers" | "containers" | "ephemeralContainers";

export interface ContainerView {
  readonly list: ContainerList;
  readonly index: number;
  /** The container's name, or `<list>[<index>]` when the name is missing. */
  readonly name: string;
  readonly props: Props;
  /** `securityContext`, or `{}` when unset. */
  readonly securityContext: Props;
}

export interface PodView {
  /** Pod, Deployment, CronJob, ... */
  readonly kind: string;
  /**
   * A `...Patch` resource: it carries only the fields it changes, so an absent field says nothing
   * about the live object. Policies judge only values a patch sets explicitly.
   */
  readonly patch: boolean;
  /** The owner's own metadata (namespace, name). */
  readonly ownerMetadata: Props;
  /** The pod's metadata (the pod template's metadata for owners). */
  readonly metadata: Props;
  readonly spec: Props;
  /** `spec.securityContext` of the pod, or `{}`. */
  readonly securityContext: Props;
  /** Init containers, containers, then ephemeral containers (the order PSA visits them). */
  readonly containers: readonly ContainerView[];
}

function podObject(props: Props, location: PodLocation): unknown {
  return location === "self" ? props : get(props, location);
}

const LISTS: readonly ContainerList[] = ["initContainers", "containers", "ephemeralContainers"];

function containersOf(spec: Props): ContainerView[] {
  const views: ContainerView[] = [];
  for (const list of LISTS) {
    arr(spec[list]).forEach((c, index) => {
      const props = rec(c);
      views.push({
        list,
        index,
        name: str(props.name) ?? `${list}[${index}]`,
        props,
        securityContext: rec(props.securityContext),
      });
    });
  }
  return views;
}

/**
 * The pod spec of a Pod or of any pod-template owner (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job, CronJob, PodTemplate), or undefined when the resource is
 * not one of them or carries no pod spec (a partial input).
 */
export function podOf(type: string, props: Props): PodView | undefined {
  const owner = podOwnerType(type);
  if (!owner) {
    return undefined;
  }
  const pod = podObject(props, owner.location);
  if (!isRecord(pod) || !isRecord(pod.spec)) {
    return undefined;
  }
  return {
    kind: owner.kind,
    patch: owner.patch,
    ownerMetadata: rec(props.metadata),
    metadata: rec(pod.metadata),
    spec: pod.spec,
    securityContext: rec(pod.spec.securityContext),
    containers: containersOf(pod.spec),
  };
}

/** Windows pods (`spec.os.name: windows`) are exempt from the Linux-only restricted checks. */
export function isWindowsPod(pod: PodView): boolean {
  return get(pod.spec, "os.name") === "windows";
}
