/**
 * Helpers for stack policies that judge a resource together with the resources that point at it
 * (an S3 bucket and its public access block, a VPC and its flow logs, a load balancer and its WAF
 * association). Stack policies see every resource's outputs; during a preview some of them are
 * unknown, and reading one throws UnknownValueError. These helpers read defensively so that one
 * unknown value skips only the resource it concerns, never the whole stack.
 */
import { UnknownValueError, type PolicyResource } from "@pulumi/policy";

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** Runs a read; an unknown (preview) value yields UNKNOWN instead of throwing. */
export function tryRead<T>(read: () => T): T | Unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) {
      return UNKNOWN;
    }
    throw e;
  }
}

/** Calls `fn` for each item; an unknown value met while judging one item skips only that item. */
export function forEachKnown<T>(items: readonly T[], fn: (item: T) => void): void {
  for (const item of items) {
    tryRead(() => fn(item));
  }
}

export function ofTypes(
  resources: readonly PolicyResource[],
  types: readonly string[],
): PolicyResource[] {
  const wanted = new Set(types);
  return resources.filter((r) => wanted.has(r.type));
}

/** The resources a source resource points at through one property, and whether that is certain. */
export interface Join {
  readonly related: PolicyResource[];
  /** True when nothing matched but an unknown value could still make something match. */
  readonly uncertain: boolean;
}

export interface JoinSpec {
  /** The property of the source that holds the reference, e.g. `bucket` or `vpcId`. */
  readonly sourceProp: string;
  /** Properties of a target that a reference may equal, e.g. `["bucket", "id", "arn"]`. */
  readonly targetKeys: readonly string[];
  /** Canonical form for comparison (e.g. strip `arn:aws:s3:::`). Identity by default. */
  readonly normalize?: (value: string) => string;
}

function referenceValues(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.filter((v): v is string => typeof v === "string");
  }
  return [];
}

/**
 * Joins targets (e.g. buckets) to the sources that reference them (e.g. public access blocks):
 * first through the engine's `propertyDependencies[sourceProp]`, which holds the resources the
 * property was computed from; otherwise by comparing the property's value with the targets'
 * identifying properties (name, id, ARN).
 */
export function joinReferences(
  targets: readonly PolicyResource[],
  sources: readonly PolicyResource[],
  spec: JoinSpec,
): Map<PolicyResource, Join> {
  const norm = spec.normalize ?? ((v: string) => v);
  const related = new Map<PolicyResource, PolicyResource[]>(targets.map((t) => [t, []]));
  const targetByUrn = new Map(targets.map((t) => [t.urn, t]));
  let floating = false; // a source whose reference is unknown could point at any target

  const keysOf = new Map<PolicyResource, { keys: Set<string>; unknown: boolean }>();
  for (const t of targets) {
    const keys = new Set<string>();
    let unknown = false;
    for (const key of spec.targetKeys) {
      const v = tryRead(() => t.props[key]);
      if (v === UNKNOWN) {
        unknown = true;
      } else if (typeof v === "string" && v !== "") {
        keys.add(norm(v));
      }
    }
    keysOf.set(t, { keys, unknown });
  }

  const unmatched: PolicyResource[] = [];
  for (const s of sources) {
    const deps = (s.propertyDependencies ?? {})[spec.sourceProp] ?? [];
    const viaDeps = deps.map((d) => targetByUrn.get(d.urn)).filter((t): t is PolicyResource => !!t);
    if (viaDeps.length > 0) {
      viaDeps.forEach((t) => related.get(t)!.push(s));
      continue;
    }
    const value = tryRead(() => referenceValues(s.props[spec.sourceProp]));
    if (value === UNKNOWN) {
      floating = true;
      continue;
    }
    const refs = value.map(norm);
    let matched = false;
    for (const t of targets) {
      if (refs.some((r) => keysOf.get(t)!.keys.has(r))) {
        related.get(t)!.push(s);
        matched = true;
      }
    }
    if (!matched) {
      unmatched.push(s);
    }
  }

  const result = new Map<PolicyResource, Join>();
  for (const t of targets) {
    const found = related.get(t)!;
    const uncertain =
      found.length === 0 && (floating || (keysOf.get(t)!.unknown && unmatched.length > 0));
    result.set(t, { related: found, uncertain });
  }
  return result;
}
