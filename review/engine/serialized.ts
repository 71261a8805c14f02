/**
 * Helpers over Pulumi's serialized property format (what crosses the resource-monitor and
 * analyzer gRPC boundaries): secrets, resource references, assets and unknowns are objects
 * tagged with a signature key.
 */
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const MASK = "[secret]";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function sigOf(v: unknown): string | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? ((v as Record<string, unknown>)[SIG] as string | undefined)
    : undefined;
}

function map(
  value: unknown,
  leaf: (sig: string, v: Record<string, unknown>) => unknown | undefined,
): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => map(v, leaf));
  }
  if (value !== null && typeof value === "object") {
    const sig = sigOf(value);
    if (sig) {
      const replaced = leaf(sig, value as Record<string, unknown>);
      if (replaced !== undefined) {
        return replaced;
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = map(v, leaf);
    }
    return out;
  }
  return value;
}

function resourceRefValue(v: Record<string, unknown>): string {
  const id = v["id"];
  return typeof id === "string" && id !== "" && id !== UNKNOWN ? id : String(v["urn"] ?? "");
}

/** Plain values, as a provider (or the mock's output rules) would receive them. */
export function plain(value: unknown): unknown {
  return map(value, (sig, v) => {
    if (sig === SECRET_SIG || sig === OUTPUT_SIG) {
      return plain(v["value"]);
    }
    if (sig === RESOURCE_SIG) {
      return resourceRefValue(v);
    }
    return undefined;
  });
}

/** For reports: every secret replaced by "[secret]", resource references by their id or URN. */
export function masked(value: unknown): unknown {
  return map(value, (sig, v) => {
    if (sig === SECRET_SIG) {
      return MASK;
    }
    if (sig === OUTPUT_SIG) {
      return v["secret"] === true ? MASK : masked(v["value"]);
    }
    if (sig === RESOURCE_SIG) {
      return resourceRefValue(v);
    }
    if (sig === ASSET_SIG || sig === ARCHIVE_SIG) {
      return `[${sig === ASSET_SIG ? "asset" : "archive"}]`;
    }
    return undefined;
  });
}

/**
 * What the engine hands an analyzer: secrets kept as secrets, resource references downgraded to
 * their id (custom resources) or URN (components), as the CLI marshals analyzer requests.
 */
export function forAnalyzer(value: unknown): unknown {
  return map(value, (sig, v) => (sig === RESOURCE_SIG ? resourceRefValue(v) : undefined));
}

export function secret(value: unknown): Record<string, unknown> {
  return sigOf(value) === SECRET_SIG
    ? (value as Record<string, unknown>)
    : { [SIG]: SECRET_SIG, value };
}

/** JSON-safe copy (drops undefined, which protobuf Structs cannot carry). */
export function jsonSafe<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}
