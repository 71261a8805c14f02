import { z } from "zod";

/**
 * `enclave:stackRole` and `enclave:platformStack`: a platform stack owns the network, the cluster
 * and the shared add-ons; a tenant stack runs one client's app, on its own cluster or on a platform
 * stack's (taken by StackReference). Messages are "<problem>. Fix: <fix>", as in keys.ts.
 */
export const STACK_ROLES = ["platform", "tenant"] as const;
export type StackRole = (typeof STACK_ROLES)[number];

/** A Pulumi stack name, optionally qualified as project/stack or org/project/stack. */
const STACK_NAME = /^([A-Za-z0-9][A-Za-z0-9_.-]*\/){0,2}[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const platformStackSchema = z
  .string({
    error: 'is not a string. Fix: name the platform stack, e.g. "aws-platform"',
  })
  .regex(STACK_NAME, {
    error:
      'is not a stack name. Fix: write the platform stack\'s name ("aws-platform") or org/project/stack ("acme/enclave/aws-platform")',
  });

/** The stack part of `stack`, `project/stack` or `org/project/stack`. */
export function stackPart(reference: string): string {
  return reference.split("/").pop() ?? reference;
}
