import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/** A Pulumi program folder as the reviewer understands it (Pulumi.yaml optional). */
export interface ProgramInfo {
  readonly dir: string;
  readonly project: string;
  /** Absolute path of the entry module. */
  readonly main: string;
  /** Folder holding `Pulumi.<stack>.yaml`. */
  readonly stackConfigDir: string;
  /** Project-level config defaults from Pulumi.yaml (`config: { key: { default } }`). */
  readonly configDefaults: Readonly<Record<string, unknown>>;
}

export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}

function resolveEntry(candidate: string): string | undefined {
  if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
    return candidate;
  }
  if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
    const pkg = path.join(candidate, "package.json");
    if (fs.existsSync(pkg)) {
      const main = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { main?: string }).main;
      if (main) {
        const resolved = resolveEntry(path.join(candidate, main));
        if (resolved) {
          return resolved;
        }
      }
    }
    for (const index of ["index.ts", "index.js"]) {
      if (fs.existsSync(path.join(candidate, index))) {
        return path.join(candidate, index);
      }
    }
  }
  for (const ext of [".ts", ".js"]) {
    if (fs.existsSync(candidate + ext)) {
      return candidate + ext;
    }
  }
  return undefined;
}

export function loadProgram(dirArg: string): ProgramInfo {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ProgramError(
      `--program ${dirArg}: no such folder. Give the folder that holds the program's index.ts (and Pulumi.yaml, if it has one).`,
    );
  }
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
  let project = path.basename(dir);
  let mainRel = ".";
  let stackConfigDir = dir;
  const configDefaults: Record<string, unknown> = {};
  if (projectFile) {
    let doc: Record<string, unknown>;
    try {
      doc = (parseYaml(fs.readFileSync(projectFile, "utf8")) ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new ProgramError(`${projectFile} is not valid YAML: ${(e as Error).message}`);
    }
    const runtime =
      typeof doc["runtime"] === "object"
        ? (doc["runtime"] as { name?: string }).name
        : doc["runtime"];
    if (runtime !== "nodejs") {
      throw new ProgramError(
        `${projectFile} declares runtime "${String(runtime)}"; the offline reviewer runs Node.js (TypeScript) programs only.`,
      );
    }
    project = typeof doc["name"] === "string" ? doc["name"] : project;
    mainRel = typeof doc["main"] === "string" ? doc["main"] : ".";
    stackConfigDir =
      typeof doc["stackConfigDir"] === "string" ? path.resolve(dir, doc["stackConfigDir"]) : dir;
    const config = (doc["config"] ?? {}) as Record<string, unknown>;
    for (const [key, spec] of Object.entries(config)) {
      const full = key.includes(":") ? key : `${project}:${key}`;
      if (spec && typeof spec === "object" && "default" in spec) {
        configDefaults[full] = (spec as { default: unknown }).default;
      } else if (spec === null || typeof spec !== "object") {
        configDefaults[full] = spec;
      }
    }
  }
  const main = resolveEntry(path.resolve(dir, mainRel));
  if (!main) {
    throw new ProgramError(
      `no entry point in ${path.resolve(dir, mainRel)}: the reviewer looks for index.ts or index.js (or Pulumi.yaml's main).`,
    );
  }
  return { dir, project, main, stackConfigDir, configDefaults };
}

/** Stack names with a `Pulumi.<stack>.yaml` in the program's stack config folder. */
export function listStacks(program: ProgramInfo): string[] {
  if (!fs.existsSync(program.stackConfigDir)) {
    return [];
  }
  return fs
    .readdirSync(program.stackConfigDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
