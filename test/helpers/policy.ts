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

export function options(overrides: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...overrides,
  };
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
      return { violations, notApplicable: e.reason };
    }
    throw e;
  }
  return { violations };
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

const urnOf = (type: string, name: string) => `urn:pulumi:test::enclave::${type}::${name}`;

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
      return { violations, notApplicable: e.reason };
    }
    throw e;
  }
  return { violations };
}

export function isStackPolicy(p: EnclavePolicy): p is EnclaveStackPolicy {
  return "validateStack" in p;
}

export { urnOf };
