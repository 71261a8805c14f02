import { describe, expect, it } from "vitest";
import { resolvePolicyConfig } from "../../review/analyzer/config";

const policy = {
  name: "kubernetes-pod-image-allowed-registry",
  level: "mandatory" as const,
  schemaProperties: {
    allowedRegistries: { type: "array", default: ["docker.io"] },
    strict: { type: "boolean" },
  },
};

describe("policy config reconciliation (as the CLI does before Configure)", () => {
  it("starts from the policy's level and its schema defaults", () => {
    expect(resolvePolicyConfig(policy, {}, {})).toEqual({
      level: "mandatory",
      properties: { allowedRegistries: ["docker.io"] },
    });
  });

  it("applies the pack's initial config, `all` first, then the policy's entry", () => {
    expect(resolvePolicyConfig(policy, { all: "advisory" }, {}).level).toBe("advisory");
    expect(
      resolvePolicyConfig(
        policy,
        { all: "advisory", [policy.name]: { enforcementLevel: "remediate", strict: true } },
        {},
      ),
    ).toEqual({
      level: "remediate",
      properties: { allowedRegistries: ["docker.io"], strict: true },
    });
  });

  it("lets the stack override the pack: `all`, then the policy, properties merged over defaults", () => {
    const stack = {
      all: "advisory",
      [policy.name]: { allowedRegistries: ["registry.example.com"] },
    };
    expect(resolvePolicyConfig(policy, { all: "mandatory" }, stack)).toEqual({
      level: "advisory",
      properties: { allowedRegistries: ["registry.example.com"] },
    });
    expect(resolvePolicyConfig(policy, {}, { [policy.name]: "disabled" }).level).toBe("disabled");
  });

  it("ignores values that are not levels", () => {
    expect(resolvePolicyConfig(policy, {}, { all: "loud" }).level).toBe("mandatory");
  });
});
