import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { ProgramInfo } from "./program";

/** A stack's configuration as Pulumi would hand it to the program and the packs. */
export interface StackConfig {
  readonly stack: string;
  readonly file?: string;
  /** Full keys to strings (objects JSON-encoded), as `pulumi.runtime.allConfig()` returns them. */
  readonly values: Record<string, string>;
  readonly secretKeys: string[];
  /** Keys whose `secure:` value could not be decrypted offline and got a placeholder. */
  readonly placeholderSecrets: string[];
}

export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Placeholder for an encrypted value: unique per key, obviously not a real secret. */
export function placeholderFor(key: string): string {
  return `offline-review-placeholder-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

function isSecure(v: unknown): v is { secure: string } {
  return (
    !!v &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    "secure" in v
  );
}

/** Replaces nested `secure:` values too (Pulumi allows them inside objects). */
function unsecure(value: unknown, onSecret: () => string): unknown {
  if (isSecure(value)) {
    return onSecret();
  }
  if (Array.isArray(value)) {
    return value.map((v) => unsecure(v, onSecret));
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsecure(v, onSecret)]));
  }
  return value;
}

export function readStackConfigFile(
  program: ProgramInfo,
  file: string,
  stackName?: string,
): StackConfig {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) {
    throw new StackConfigError(`stack config ${abs} does not exist.`);
  }
  const stack = stackName ?? /Pulumi\.(.+)\.ya?ml$/.exec(path.basename(abs))?.[1] ?? "review";
  let doc: Record<string, unknown>;
  try {
    doc = (parseYaml(fs.readFileSync(abs, "utf8")) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new StackConfigError(`${abs} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const raw = (doc["config"] ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new StackConfigError(`${abs}: "config" must be a mapping of keys to values.`);
  }
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const placeholderSecrets: string[] = [];
  for (const [key, value] of Object.entries(program.configDefaults)) {
    values[key] = stringify(value);
  }
  for (const [key, value] of Object.entries(raw)) {
    const full = key.includes(":") ? key : `${program.project}:${key}`;
    let secret = false;
    const plain = unsecure(value, () => {
      secret = true;
      return placeholderFor(full);
    });
    values[full] = stringify(plain);
    if (secret) {
      secretKeys.push(full);
      placeholderSecrets.push(full);
    }
  }
  return { stack, file: abs, values, secretKeys, placeholderSecrets };
}

export function readStackConfig(program: ProgramInfo, stack: string): StackConfig {
  const file = ["yaml", "yml"]
    .map((e) => path.join(program.stackConfigDir, `Pulumi.${stack}.${e}`))
    .find((f) => fs.existsSync(f));
  if (!file) {
    throw new StackConfigError(
      `no stack "${stack}": ${path.join(program.stackConfigDir, `Pulumi.${stack}.yaml`)} does not exist. Fix: pick one of the stacks in ${program.stackConfigDir}, or pass --config FILE.`,
    );
  }
  return readStackConfigFile(program, file, stack);
}

/** A run without any stack file (the program's defaults only). */
export function emptyStackConfig(program: ProgramInfo, stack = "review"): StackConfig {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(program.configDefaults)) {
    values[key] = stringify(value);
  }
  return { stack, values, secretKeys: [], placeholderSecrets: [] };
}
