import { ALL_POLICIES } from "../../policy-packs/policies";
import type { RecordedResource } from "./aws-target-mocks";
import { isStackPolicy, runResourcePolicy, runStackPolicy, urnOf } from "./policy";

export interface Finding {
  readonly policy: string;
  readonly resource: string;
  readonly message: string;
}

/**
 * Runs every enclave policy (resource and stack policies, with the stack's `enclave:policy`
 * properties over their defaults, as the engine pushes them) over the resources a mocked program
 * registered, as the packs would see them, and lists the findings.
 */
export function reviewResources(
  resources: readonly RecordedResource[],
  policyConfig: Readonly<Record<string, unknown>> = {},
): Finding[] {
  const configOf = (name: string): Record<string, unknown> | undefined => {
    const c = policyConfig[name];
    return c !== null && typeof c === "object" ? (c as Record<string, unknown>) : undefined;
  };
  const custom = resources.filter(
    (r) => !r.type.startsWith("enclave:") && !r.type.startsWith("pulumi:"),
  );
  const byUrn = new Map(custom.map((r) => [urnOf(r.type, r.name), r.name]));
  const findings: Finding[] = [];
  for (const policy of ALL_POLICIES) {
    if (isStackPolicy(policy)) {
      const { violations } = runStackPolicy(
        policy,
        // Stack policies see the resources after the update: outputs, including the id.
        custom.map((r) => ({
          type: r.type,
          name: r.name,
          props: { ...r.state, id: r.id },
          opts: { protect: r.protect ?? false },
        })),
        configOf(policy.name) ?? {},
      );
      findings.push(
        ...violations.map((v) => ({
          policy: policy.name,
          resource: (v.urn && byUrn.get(v.urn)) ?? "(stack)",
          message: v.message,
        })),
      );
      continue;
    }
    for (const r of custom) {
      const { violations } = runResourcePolicy(policy, {
        type: r.type,
        name: r.name,
        props: r.inputs,
        opts: { protect: r.protect ?? false },
        ...(configOf(policy.name) ? { config: configOf(policy.name) } : {}),
      });
      findings.push(
        ...violations.map((message) => ({ policy: policy.name, resource: r.name, message })),
      );
    }
  }
  return findings;
}
