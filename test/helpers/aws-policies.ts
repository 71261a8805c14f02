import type {
  EnclavePolicy,
  EnclaveResourcePolicy,
  EnclaveStackPolicy,
} from "../../policy-packs/lib/define";
import {
  isStackPolicy,
  runResourcePolicy,
  runStackPolicy,
  type StackResourceInput,
  type StackViolation,
} from "./policy";
import { UNKNOWN_SENTINELS } from "./unknowns";

/** Fixture helpers for the aws policy tests: compliant fixtures changed one property at a time. */
export const KEY_ARN =
  "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The engine's sentinel for a string not known during a preview. */
export const UNKNOWN_STRING = UNKNOWN_SENTINELS.string;

/** A deep copy of `obj` with the value at a dotted path (numeric segments index arrays) replaced; undefined removes it. */
export function withValue<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj) as unknown as Record<string, unknown>;
  const segments = path.split(".");
  let node: Record<string, unknown> | unknown[] = copy;
  for (const segment of segments.slice(0, -1)) {
    const key = Array.isArray(node) ? Number(segment) : segment;
    const next = (node as Record<string | number, unknown>)[key];
    if (next === null || typeof next !== "object") {
      const created: Record<string, unknown> | unknown[] = /^\d+$/.test(
        segments[segments.indexOf(segment) + 1] ?? "",
      )
        ? []
        : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else {
      node = next as Record<string, unknown> | unknown[];
    }
  }
  const last = segments[segments.length - 1]!;
  const key = Array.isArray(node) ? Number(last) : last;
  if (value === undefined && !Array.isArray(node)) {
    delete (node as Record<string, unknown>)[last];
  } else {
    (node as Record<string | number, unknown>)[key] = value;
  }
  return copy as unknown as T;
}

/**
 * The messages a policy reports for one resource (none when it is not applicable); a stack policy
 * judges a stack holding only that resource.
 */
export function violationsOf(
  policy: EnclavePolicy,
  type: string,
  props: Record<string, unknown>,
  config?: Record<string, unknown>,
): string[] {
  if (isStackPolicy(policy)) {
    return runStackPolicy(policy, [{ type, name: "fixture", props }], config).violations.map(
      (v) => v.message,
    );
  }
  return runResourcePolicy(policy as EnclaveResourcePolicy, {
    type,
    props,
    ...(config !== undefined ? { config } : {}),
  }).violations;
}

/** The violations (message and URN) a stack policy reports for a set of resources. */
export function stackViolationsOf(
  policy: EnclavePolicy,
  resources: readonly StackResourceInput[],
  config?: Record<string, unknown>,
): StackViolation[] {
  return runStackPolicy(policy as EnclaveStackPolicy, resources, config).violations;
}
