import type { z } from "zod";
import { COMPONENT_CHECKS } from "./component-checks";
import { CROSS_CHECKS } from "./cross";
import { platformStackSelf } from "./cross-tenancy";
import { ConfigError, type ConfigIssue } from "./errors";
import { KEYS, NAMESPACE, type KeyName, type KeySpec } from "./keys";
import type { EnclaveConfig } from "./types";

/** Raw stack configuration as Pulumi holds it: full keys (`ns:key`) to strings. */
export type RawConfig = Readonly<Record<string, string>>;

function keyPath(key: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`),
    `${NAMESPACE}:${key}`,
  );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const p of path) {
    if (node === null || typeof node !== "object") {
      return undefined;
    }
    node = (node as Record<PropertyKey, unknown>)[p];
  }
  return node;
}

function splitMessage(message: string): { problem: string; fix: string } {
  const at = message.indexOf(". Fix: ");
  return at < 0
    ? { problem: message, fix: "see the configuration table in docs/configuration.md" }
    : { problem: message.slice(0, at), fix: message.slice(at + ". Fix: ".length) };
}

interface SchemaNode {
  shape?: Record<string, unknown>;
  element?: unknown;
  _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } };
}

/** Strips wrappers (optional, default, pipe/transform, ...) to reach the schema that holds fields. */
function unwrap(schema: unknown): SchemaNode | undefined {
  let node = schema as SchemaNode | undefined;
  for (let i = 0; i < 10 && node?._zod?.def; i++) {
    const def = node._zod.def;
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) {
      break;
    }
    node = inner as SchemaNode;
  }
  return node;
}

/** The field names an object schema accepts at `path`, for "use only ..." fixes. */
function fieldsAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  let node = unwrap(schema);
  for (const segment of path) {
    if (typeof segment === "number") {
      node = unwrap(node?.element);
    } else {
      node = unwrap(node?.shape?.[String(segment)]);
    }
  }
  return Object.keys(node?.shape ?? {});
}

function issuesFromZod(key: string, value: unknown, error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = fieldsAt(
        (KEYS as Record<string, { schema: unknown }>)[key]?.schema,
        issue.path,
      );
      return {
        key: keyPath(key, issue.path),
        value: issue.keys,
        problem: `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`,
        fix: known.length ? `use only ${known.join(", ")}` : "remove them",
      };
    }
    const text =
      issue.code === "invalid_type" && !issue.message.includes(". Fix: ")
        ? `has the wrong type (${issue.message.replace(/^Invalid input: /, "")}). Fix: see the configuration table in docs/configuration.md`
        : issue.message;
    return {
      key: keyPath(key, issue.path),
      value: valueAt(value, issue.path),
      ...splitMessage(text),
    };
  });
}

/** Levenshtein distance, for "did you mean" on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function decode(key: KeyName, raw: string | undefined): { value: unknown; issue?: ConfigIssue } {
  if (raw === undefined) {
    return { value: undefined };
  }
  if (!KEYS[key].structured) {
    return { value: raw };
  }
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return {
      value: raw,
      issue: {
        key: `${NAMESPACE}:${key}`,
        value: raw,
        problem: "is a plain string where an object or list is expected",
        fix: "write it as a YAML mapping or list in the stack file (see docs/configuration.md)",
      },
    };
  }
}

/**
 * Validates the `enclave:*` keys of a stack and returns the typed configuration, or throws one
 * ConfigError listing every problem. Pure: no Pulumi runtime, no I/O.
 */
export function parseStackConfig(
  raw: RawConfig,
  ctx: {
    project: string;
    stack: string;
    /** Full keys whose value was given as a Pulumi secret (`secure:`). */
    secretKeys?: readonly string[];
  },
): EnclaveConfig {
  const issues: ConfigIssue[] = [];
  const parsed: Record<string, unknown> = {};
  const known = Object.keys(KEYS) as KeyName[];

  for (const fullKey of Object.keys(raw).sort()) {
    const [ns, ...rest] = fullKey.split(":");
    const key = rest.join(":");
    if (ns !== NAMESPACE || (known as string[]).includes(key)) {
      continue;
    }
    const nearest = known.map((k) => ({ k, d: distance(k, key) })).sort((a, b) => a.d - b.d)[0];
    issues.push({
      key: fullKey,
      value: raw[fullKey],
      problem: "is not a key enclave knows",
      fix:
        nearest && nearest.d <= 3
          ? `did you mean ${NAMESPACE}:${nearest.k}?`
          : `remove it; known keys are ${known.map((k) => `${NAMESPACE}:${k}`).join(", ")}`,
    });
  }

  for (const key of known) {
    const spec = KEYS[key];
    const decoded = decode(key, raw[`${NAMESPACE}:${key}`]);
    if (decoded.issue) {
      issues.push(decoded.issue);
      continue;
    }
    if (decoded.value === undefined) {
      if (spec.required) {
        issues.push({
          key: `${NAMESPACE}:${key}`,
          value: undefined,
          problem: "is required",
          fix: `set it in stacks/Pulumi.${ctx.stack}.yaml (${spec.description})`,
        });
      } else {
        parsed[key] = (spec as { default?: unknown }).default;
      }
      continue;
    }
    const fullKey = `${NAMESPACE}:${key}`;
    if ((spec as KeySpec).secret && !(ctx.secretKeys ?? []).includes(fullKey)) {
      issues.push({
        key: fullKey,
        value: "[not shown: set in plain text]",
        problem:
          "is stored in plain text in the stack file, where anyone who reads the repository reads it",
        fix: `set it as a secret: \`pulumi config set --secret ${fullKey} <value>\` (it is then encrypted with the stack's key), and rotate the value that was in plain text`,
      });
      continue;
    }
    const result = spec.schema.safeParse(decoded.value);
    if (result.success) {
      parsed[key] = result.data;
    } else {
      issues.push(...issuesFromZod(key, decoded.value, result.error));
    }
  }

  if (issues.length === 0) {
    for (const crossCheck of CROSS_CHECKS) {
      issues.push(...crossCheck(parsed, raw));
    }
    issues.push(...platformStackSelf(parsed, ctx.stack));
  }
  if (issues.length === 0) {
    for (const check of COMPONENT_CHECKS) {
      issues.push(...check(parsed, raw));
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(ctx.stack, issues);
  }
  // Every key above passed its own schema (or took its default), so the record is the typed config.
  return {
    project: ctx.project,
    stack: ctx.stack,
    ...parsed,
    // The AWS target needs the provider's region (validated in cross.ts) to name endpoints and ARNs.
    ...(raw["aws:region"] !== undefined ? { awsRegion: raw["aws:region"] } : {}),
    // The GCP target names its key ring, keys and service agents in the provider's project and region.
    ...(raw["gcp:project"] !== undefined ? { gcpProject: raw["gcp:project"] } : {}),
    ...(raw["gcp:region"] !== undefined ? { gcpRegion: raw["gcp:region"] } : {}),
  } as EnclaveConfig;
}
