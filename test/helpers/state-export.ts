/**
 * Turns what the reviewer's mock engine registered for a stack into the version-3 deployment
 * `pulumi stack export` would print after a `pulumi up` of the same program: one resource per
 * registration (URN, type, custom, id, inputs, outputs, parent, protect, retainOnDelete,
 * dependencies, propertyDependencies, provider, ...), a default provider per package for the
 * custom resources that named none (as the engine adds), and every secret in the export's form,
 * `{ <sig>: <secret sig>, ciphertext }` or, as with `--show-secrets`, `{ ..., plaintext }`.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { CapturedResource, EvaluationResult } from "../../review/engine/capture";
import { OUTPUT_SIG, SECRET_SIG, SIG } from "../../review/engine/serialized";

export interface ExportOptions {
  /** "ciphertext" as a plain `pulumi stack export`, "plaintext" as with `--show-secrets`. */
  readonly secrets: "ciphertext" | "plaintext";
  /** The stack's config (`<pkg>:<key>` values become the default providers' inputs). */
  readonly config?: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Secrets as the state holds them; the mock engine's output values as plain values. */
function stateValue(value: unknown, secrets: ExportOptions["secrets"]): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => stateValue(v, secrets));
  }
  if (!isObject(value)) {
    return value;
  }
  const sig = value[SIG];
  if (sig === SECRET_SIG || (sig === OUTPUT_SIG && value["secret"] === true)) {
    const text = JSON.stringify(value["value"] ?? null);
    return secrets === "plaintext"
      ? { [SIG]: SECRET_SIG, plaintext: text }
      : {
          [SIG]: SECRET_SIG,
          // What a passphrase or cloud secrets provider writes: opaque bytes, base64.
          ciphertext: `v1:${createHash("sha256").update(text).digest("base64").slice(0, 16)}:${Buffer.from(text).toString("base64").split("").reverse().join("")}`,
        };
  }
  if (sig === OUTPUT_SIG) {
    return stateValue(value["value"], secrets);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stateValue(v, secrets)]));
}

function packageVersion(pkg: string): string | undefined {
  const file = path.resolve(__dirname, "../../node_modules/@pulumi", pkg, "package.json");
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version
    : undefined;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A stable UUID-shaped id for a provider (state keeps provider ids as UUIDs). */
function providerId(urn: string): string {
  const h = createHash("sha256").update(urn).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function stateResource(r: CapturedResource, secrets: ExportOptions["secrets"]) {
  return {
    urn: r.urn,
    custom: r.custom,
    ...(r.custom && r.id !== undefined ? { id: r.id } : {}),
    type: r.type,
    inputs: stateValue(r.inputs, secrets),
    outputs: stateValue(r.outputs, secrets),
    ...(r.parent ? { parent: r.parent } : {}),
    ...(r.protect ? { protect: true } : {}),
    ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(r.provider ? { provider: r.provider } : {}),
    ...(r.dependencies.length > 0 ? { dependencies: r.dependencies } : {}),
    ...(Object.keys(r.propertyDependencies).length > 0
      ? { propertyDependencies: r.propertyDependencies }
      : {}),
    ...(r.additionalSecretOutputs.length > 0
      ? { additionalSecretOutputs: r.additionalSecretOutputs }
      : {}),
    ...(r.ignoreChanges.length > 0 ? { ignoreChanges: r.ignoreChanges } : {}),
    ...(r.aliases.length > 0 ? { aliases: r.aliases } : {}),
    ...(r.customTimeouts ? { customTimeouts: r.customTimeouts } : {}),
    created: "2026-11-23T09:00:00.000Z",
    modified: "2026-11-23T09:00:00.000Z",
  };
}

/** The `pulumi stack export` of a stack the reviewer ran (EvaluationResult from `onEvaluated`). */
export function toStackExport(evaluation: EvaluationResult, options: ExportOptions): unknown {
  const { stack, project } = evaluation;
  const providers = new Map<string, CapturedResource>();
  const resources: CapturedResource[] = [];
  for (const r of evaluation.resources) {
    const pkg = r.type.split(":")[0] ?? "";
    if (!r.custom || r.provider || pkg === "pulumi" || pkg === "") {
      resources.push(r);
      continue;
    }
    let provider = providers.get(pkg);
    if (!provider) {
      const version = packageVersion(pkg);
      const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
      const urn = `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`;
      const inputs: Record<string, unknown> = version ? { version } : {};
      for (const [key, value] of Object.entries(options.config ?? {})) {
        if (key.startsWith(`${pkg}:`) && !(options.secretKeys ?? []).includes(key)) {
          inputs[key.slice(pkg.length + 1)] = tryJson(value);
        }
      }
      provider = {
        urn,
        type: `pulumi:providers:${pkg}`,
        name,
        custom: true,
        id: providerId(urn),
        protect: false,
        retainOnDelete: false,
        dependencies: [],
        propertyDependencies: {},
        additionalSecretOutputs: [],
        ignoreChanges: [],
        aliases: [],
        inputs,
        outputs: inputs,
      };
      providers.set(pkg, provider);
    }
    resources.push({ ...r, provider: `${provider.urn}::${provider.id}` });
  }
  // The engine registers the root stack first, then each default provider before its first use;
  // here all of them follow the stack.
  const [root, ...rest] = resources;
  const ordered =
    root?.type === "pulumi:pulumi:Stack"
      ? [root, ...providers.values(), ...rest]
      : [...providers.values(), ...resources];
  return {
    version: 3,
    deployment: {
      manifest: {
        time: "2026-11-23T09:00:00.000Z",
        magic: "0e4e1b5b3c5f7a2e9d1c8b6a4f2e0d9c7b5a3f1e",
        version: "v3.200.0",
      },
      secrets_providers: { type: "passphrase", state: { salt: "v1:c2FsdA==:v1:bm9uY2U=:dGFn" } },
      resources: ordered.map((r) => stateResource(r, options.secrets)),
    },
  };
}
