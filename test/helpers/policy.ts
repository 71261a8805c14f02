import {
  unknownCheckingProxy,
  type PolicyResource,
  type PolicyResourceOptions,
  type ResourceValidationArgs,
  type StackValidationArgs,
} from "@pulumi/policy";
import type {
  EnclavePolicy,
  EnclaveResourcePolicy,
  EnclaveStackPolicy,
} from "../../policy-packs/lib/define";
import { recordCase } from "./fixture-recorder";
import { options, urnOf } from "./policy-args";

/**
 * Runs enclave policies the way @pulumi/policy's analyzer server does (props behind the
 * unknown-checking proxy, notApplicable throwing, config from the engine), without a server.
 */
export interface Outcome {
  readonly violations: string[];
  /** Set when the policy declared itself not applicable (wrong type, unknown values). */
  readonly notApplicable?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

export interface ResourceInput {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
  readonly opts?: Partial<PolicyResourceOptions>;
  /** Policy config as the engine would push it (schema defaults are the policy's business). */
  readonly config?: Record<string, unknown>;
}

export function runResourcePolicy(policy: EnclaveResourcePolicy, input: ResourceInput): Outcome {
  const violations: string[] = [];
  const name = input.name ?? "fixture";
  const args: ResourceValidationArgs = {
    type: input.type,
    props: unknownCheckingProxy(input.props),
    urn: `urn:pulumi:test::enclave::${input.type}::${name}`,
    name,
    opts: options(input.opts),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => (input.config ?? {}) as T,
    notApplicable,
  };
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : policy.validateResource
      ? [policy.validateResource]
      : [];
  try {
    for (const validate of validations) {
      const result = validate(args, (message) => violations.push(message));
      if (result instanceof Promise) {
        throw new Error(
          `${policy.name}: asynchronous validation is not supported by these helpers`,
        );
      }
    }
  } catch (e) {
    if (e instanceof NotApplicable) {
      recordResource(policy, input, name, violations, false);
      return { violations, notApplicable: e.reason };
    }
    throw e;
  }
  recordResource(policy, input, name, violations, true);
  return { violations };
}

function recordResource(
  policy: EnclaveResourcePolicy,
  input: ResourceInput,
  name: string,
  violations: readonly string[],
  judged: boolean,
): void {
  recordCase({
    kind: "resource",
    policy: policy.name,
    concern: policy.enclave?.concern ?? "",
    resources: [
      { type: input.type, name, props: input.props, ...(input.opts ? { opts: input.opts } : {}) },
    ],
    ...(input.config !== undefined ? { config: input.config } : {}),
    direct: {
      violations: violations.map((message) => ({ message })),
      judged: judged || violations.length > 0,
    },
  });
}

export interface StackResourceInput {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly opts?: Partial<PolicyResourceOptions>;
  /** Property name to names of the resources it was computed from. */
  readonly propertyDependencies?: Record<string, string[]>;
  readonly parent?: string;
}

export function stackResources(inputs: readonly StackResourceInput[]): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  const resources = inputs.map((r) => {
    const resource: PolicyResource = {
      type: r.type,
      name: r.name,
      urn: urnOf(r.type, r.name),
      props: unknownCheckingProxy(r.props),
      opts: options(r.opts),
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    };
    byName.set(r.name, resource);
    return resource;
  });
  inputs.forEach((r, i) => {
    const resource = resources[i]!;
    for (const [prop, names] of Object.entries(r.propertyDependencies ?? {})) {
      const deps = names
        .map((n) => byName.get(n))
        .filter((x): x is PolicyResource => x !== undefined);
      resource.propertyDependencies[prop] = deps;
      resource.dependencies.push(...deps);
    }
    if (r.parent) {
      resource.parent = byName.get(r.parent);
    }
  });
  return resources;
}

export interface StackViolation {
  readonly message: string;
  readonly urn?: string;
}

export function runStackPolicy(
  policy: EnclaveStackPolicy,
  resources: readonly StackResourceInput[],
  config: Record<string, unknown> = {},
): { violations: StackViolation[]; notApplicable?: string } {
  const violations: StackViolation[] = [];
  const args: StackValidationArgs = {
    resources: stackResources(resources),
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
  try {
    const result = policy.validateStack(args, (message, urn) => violations.push({ message, urn }));
    if (result instanceof Promise) {
      throw new Error(`${policy.name}: asynchronous validation is not supported by these helpers`);
    }
  } catch (e) {
    if (e instanceof NotApplicable) {
      recordStack(policy, resources, config, violations, false);
      return { violations, notApplicable: e.reason };
    }
    throw e;
  }
  recordStack(policy, resources, config, violations, true);
  return { violations };
}

function recordStack(
  policy: EnclaveStackPolicy,
  resources: readonly StackResourceInput[],
  config: Record<string, unknown>,
  violations: readonly StackViolation[],
  judged: boolean,
): void {
  recordCase({
    kind: "stack",
    policy: policy.name,
    concern: policy.enclave?.concern ?? "",
    resources,
    config,
    direct: { violations, judged: judged || violations.length > 0 },
  });
}

export function isStackPolicy(p: EnclavePolicy): p is EnclaveStackPolicy {
  return "validateStack" in p;
}

export { options, urnOf };
