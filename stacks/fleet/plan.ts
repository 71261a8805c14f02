import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/**
 * Which stacks a fleet run covers, in which order: every platform stack (`enclave:stackRole:
 * platform` in its stack file) before any tenant stack, since tenant stacks read the platform's
 * outputs through a StackReference. Within a role, by name.
 */
export type StackRole = "platform" | "tenant";

export interface PlannedStack {
  readonly name: string;
  readonly role: StackRole;
  readonly file: string;
  /** The stack's `enclave:policy`, as a --policy-pack-config document ({} when unset). */
  readonly policyConfig: Record<string, unknown>;
}

export type Selection = { readonly all: true } | { readonly stacks: readonly string[] };

export class FleetUsageError extends Error {}

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/** The stack names that have a stack file in `stacksDir`, sorted. */
export function stackNames(stacksDir: string): string[] {
  if (!fs.existsSync(stacksDir)) {
    return [];
  }
  return fs
    .readdirSync(stacksDir)
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

function readStack(stacksDir: string, name: string): PlannedStack {
  const file = path.join(stacksDir, `Pulumi.${name}.yaml`);
  let config: Record<string, unknown> = {};
  try {
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    config = doc && typeof doc.config === "object" && doc.config !== null ? doc.config : {};
  } catch (e) {
    throw new FleetUsageError(
      `fleet: ${path.relative(process.cwd(), file)} is not valid YAML (${(e as Error).message.split("\n")[0]}). Fix: correct the stack file; \`npm run review -- --stack ${name}\` says what else is wrong in it.`,
    );
  }
  const policy = config["enclave:policy"];
  return {
    name,
    role: config["enclave:stackRole"] === "platform" ? "platform" : "tenant",
    file,
    policyConfig:
      policy !== null && typeof policy === "object" && !Array.isArray(policy)
        ? (policy as Record<string, unknown>)
        : {},
  };
}

export function planFleet(stacksDir: string, selection: Selection): PlannedStack[] {
  const known = stackNames(stacksDir);
  let names: string[];
  if ("all" in selection) {
    if (known.length === 0) {
      throw new FleetUsageError(
        `fleet: --all found no stack files (Pulumi.<name>.yaml) in ${stacksDir}. Fix: add one (\`npm run tenant:new\`) or name the program's stack folder.`,
      );
    }
    names = known;
  } else {
    const unknown = selection.stacks.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw new FleetUsageError(
        `fleet: --stacks names ${unknown.map((n) => `"${n}"`).join(", ")}, which has no stack file (Pulumi.<name>.yaml) in ${stacksDir}. Fix: use one of ${known.join(", ") || "(none)"}.`,
      );
    }
    names = [...new Set(selection.stacks)];
  }
  const stacks = names.map((n) => readStack(stacksDir, n));
  const byName = (a: PlannedStack, b: PlannedStack) => a.name.localeCompare(b.name);
  return [
    ...stacks.filter((s) => s.role === "platform").sort(byName),
    ...stacks.filter((s) => s.role === "tenant").sort(byName),
  ];
}
