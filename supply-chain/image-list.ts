/**
 * Every container image a stack will run, read from the stack's own resources (pods and every
 * pod-template owner: Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, ...), each as
 * `registry/repository[:tag][@digest]` with the resources that run it. The list is the mirroring
 * step of an air-gapped install (docs/supply-chain.md).
 *
 * What the list cannot see is said, never skipped: a Helm release or chart registered as one
 * resource runs workloads whose images are not among the stack's resources (`opaque`), and an
 * image that is not a plain string at preview time is `unresolved`. Managed add-ons (EKS) run
 * images their service chooses and pulls from its own registry (`managed`, informational).
 */
import { podOf } from "../policy-packs/lib/kubernetes/pod";
import { parseImage, isPinnedByDigest } from "../policy-packs/lib/kubernetes/images";
import type { ReviewedResource } from "../review/model";

export interface ImageUse {
  /** Normalised reference: registry host, repository path, tag, digest. */
  readonly image: string;
  /** URNs of the resources that run it, sorted. */
  readonly resources: string[];
}

export interface ImageList {
  readonly images: ImageUse[];
  /** Images without a well-formed digest (a subset of `images`). */
  readonly unpinned: ImageUse[];
  /** Containers whose image is not a plain string (unknown at preview, or missing). */
  readonly unresolved: { readonly resource: string; readonly container: string }[];
  /** Resources that run workloads the list cannot see, with the reason. */
  readonly opaque: { readonly resource: string; readonly reason: string }[];
  /** Managed add-ons: their images are chosen by the cloud service. */
  readonly managed: { readonly resource: string; readonly note: string }[];
}

const OPAQUE_TYPES: Record<string, string> = {
  "kubernetes:helm.sh/v3:Release":
    "a Helm release is one resource: the workloads its chart renders are not among the stack's resources",
  "kubernetes:helm.sh/v3:Chart":
    "a Helm chart component whose rendered objects were not registered as resources",
  "kubernetes:helm.sh/v4:Chart":
    "a Helm chart component whose rendered objects were not registered as resources",
};

/** `registry/path[:tag][@digest]`, as the runtime resolves the reference. */
export function normalise(image: string): string {
  const ref = parseImage(image);
  if (!ref) {
    return image;
  }
  return `${ref.registry}/${ref.path}${ref.tag !== undefined ? `:${ref.tag}` : ""}${
    ref.digest !== undefined ? `@${ref.digest}` : ""
  }`;
}

function isPinned(image: string): boolean {
  const ref = parseImage(image);
  return ref !== undefined && isPinnedByDigest(ref);
}

/** The stack's image list (a pure function of its resources). */
export function listImages(resources: readonly ReviewedResource[]): ImageList {
  const uses = new Map<string, Set<string>>();
  const unresolved: ImageList["unresolved"] = [];
  const opaque: ImageList["opaque"] = [];
  const managed: ImageList["managed"] = [];
  const componentsWithChildren = new Set(resources.map((r) => r.parent).filter(Boolean));
  for (const r of resources) {
    const reason = OPAQUE_TYPES[r.type];
    if (reason && (r.custom || !componentsWithChildren.has(r.urn))) {
      opaque.push({ resource: r.urn, reason });
      continue;
    }
    if (r.type === "aws:eks/addon:Addon") {
      const inputs = r.inputs as { addonName?: unknown; addonVersion?: unknown };
      managed.push({
        resource: r.urn,
        note: `EKS add-on ${String(inputs.addonName)} ${
          typeof inputs.addonVersion === "string"
            ? `version ${inputs.addonVersion}`
            : "(version chosen by EKS: the default for the cluster version)"
        }: images pulled by EKS from its regional registry`,
      });
      continue;
    }
    if (!r.custom) {
      continue;
    }
    const pod = podOf(r.type, r.inputs as Record<string, unknown>);
    for (const c of pod?.containers ?? []) {
      const image = c.props.image;
      if (typeof image !== "string" || image.trim() === "") {
        unresolved.push({ resource: r.urn, container: c.name });
        continue;
      }
      const key = normalise(image);
      uses.set(key, (uses.get(key) ?? new Set()).add(r.urn));
    }
  }
  const images = [...uses.entries()]
    .map(([image, urns]) => ({ image, resources: [...urns].sort() }))
    .sort((a, b) => a.image.localeCompare(b.image));
  return {
    images,
    unpinned: images.filter((u) => !isPinned(u.image)),
    unresolved,
    opaque,
    managed,
  };
}

/** 0 when every image is listed and pinned by digest; 1 otherwise. */
export function exitCodeOfList(list: ImageList): 0 | 1 {
  return list.unpinned.length + list.unresolved.length + list.opaque.length > 0 ? 1 : 0;
}

const shortName = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** The console rendering: the images, then every problem, each naming its resource. */
export function renderList(stack: string, list: ImageList): string {
  const lines = [`Images of stack ${stack}: ${list.images.length}`];
  for (const u of list.images) {
    lines.push(`  ${u.image}`, ...u.resources.map((urn) => `      run by ${shortName(urn)}`));
  }
  for (const u of list.unpinned) {
    lines.push(
      `NOT PINNED: ${u.image} (run by ${u.resources.map(shortName).join(", ")}): pin it by digest, e.g. crane digest ${u.image}`,
    );
  }
  for (const u of list.unresolved) {
    lines.push(
      `UNRESOLVED: container ${u.container} of ${u.resource}: its image is not a plain string here`,
    );
  }
  for (const o of list.opaque) {
    lines.push(`NOT LISTED: ${o.resource}: ${o.reason}; its images are not in this list`);
  }
  for (const m of list.managed) {
    lines.push(`managed: ${shortName(m.resource)}: ${m.note}`);
  }
  return `${lines.join("\n")}\n`;
}
