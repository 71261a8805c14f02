import type { Level } from "../model";

/** A pack's or a stack's policy configuration: `all` or a policy name to a level or an object. */
export type PolicyPackConfig = Readonly<Record<string, unknown>>;

export interface PolicyDefaults {
  readonly name: string;
  /** The level the pack gives the policy (its own or the pack's default). */
  readonly level: Level;
  /** JSON-schema properties of the policy's configuration. */
  readonly schemaProperties: Readonly<Record<string, unknown>>;
}

export interface ResolvedPolicyConfig {
  readonly level: Level;
  readonly properties: Record<string, unknown>;
}

const LEVELS: readonly Level[] = ["advisory", "mandatory", "remediate", "disabled"];

function split(entry: unknown): { level?: Level; properties: Record<string, unknown> } {
  if (typeof entry === "string") {
    return LEVELS.includes(entry as Level)
      ? { level: entry as Level, properties: {} }
      : { properties: {} };
  }
  if (entry && typeof entry === "object") {
    const { enforcementLevel, ...properties } = entry as Record<string, unknown>;
    return {
      ...(LEVELS.includes(enforcementLevel as Level) ? { level: enforcementLevel as Level } : {}),
      properties,
    };
  }
  return { properties: {} };
}

/**
 * Reconciles what the CLI reconciles before `Configure`: the policy's own level and schema
 * defaults, then the pack's initial config (`all` first, then the policy's entry), then the
 * stack's configuration (`all` first, then the policy's entry).
 */
export function resolvePolicyConfig(
  policy: PolicyDefaults,
  initialConfig: PolicyPackConfig,
  stackConfig: PolicyPackConfig,
): ResolvedPolicyConfig {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.schemaProperties)) {
    if (schema && typeof schema === "object" && "default" in schema) {
      defaults[key] = (schema as { default: unknown }).default;
    }
  }
  let level = policy.level;
  let properties = defaults;
  for (const layer of [
    initialConfig["all"],
    initialConfig[policy.name],
    stackConfig["all"],
    stackConfig[policy.name],
  ]) {
    const { level: l, properties: p } = split(layer);
    level = l ?? level;
    properties = { ...properties, ...p };
  }
  return { level, properties };
}
