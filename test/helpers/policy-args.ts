import type { PolicyResourceOptions } from "@pulumi/policy";

/** Resource options as the engine sends them, with the given overrides. */
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

/** The URN the helpers give a resource: stack "test" of project "enclave". */
export const urnOf = (type: string, name: string) => `urn:pulumi:test::enclave::${type}::${name}`;
