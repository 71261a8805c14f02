import * as fs from "fs";
import * as path from "path";

interface LockEntry {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly link?: boolean;
}

/** Where Node finds `name` from the lockfile entry `from` (its own node_modules, then up). */
function resolveIn(
  lock: Readonly<Record<string, LockEntry>>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (lock[key]) {
      return key;
    }
    if (!base) {
      return undefined;
    }
    const i = base.lastIndexOf("/node_modules/");
    base = i < 0 ? "" : base.slice(0, i);
  }
}

/**
 * The lockfile keys (`node_modules/a`, `node_modules/a/node_modules/b`, ...) that installing
 * `roots` installs: the packages and everything they depend on, as the repository's lockfile
 * resolved them.
 */
export function lockClosure(root: string, roots: readonly string[]): string[] {
  const lock = (
    JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, LockEntry>;
    }
  ).packages;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    const entry = lock[key]!;
    const optional = entry.optionalDependencies ?? {};
    for (const dep of Object.keys({ ...entry.dependencies, ...optional })) {
      const found = resolveIn(lock, key, dep);
      if (found) {
        visit(found);
      } else if (!(dep in optional)) {
        throw new Error(`package-lock.json has no ${dep} for ${key}`);
      }
    }
  };
  for (const name of roots) {
    const key = `node_modules/${name}`;
    if (!lock[key]) {
      throw new Error(`package-lock.json has no ${key}`);
    }
    visit(key);
  }
  return [...seen].sort();
}

/** Copies a package folder without its nested node_modules; hard links where the disk allows. */
function copyPackage(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "node_modules") {
      continue;
    }
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyPackage(src, dst);
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else {
      try {
        fs.linkSync(src, dst);
      } catch {
        fs.copyFileSync(src, dst);
      }
    }
  }
}

/**
 * Gives `packDir` a node_modules holding `packages` and their dependencies only, copied (hard
 * linked) from the repository's node_modules at the lockfile's layout: real files under
 * `packDir`, so nothing the pack loads resolves back into the repository. Returns how many
 * packages it installed.
 */
export function installFromRepo(
  root: string,
  packDir: string,
  packages: readonly string[],
): number {
  const keys = lockClosure(root, packages);
  for (const key of keys) {
    copyPackage(path.join(root, key), path.join(packDir, key));
  }
  return keys.length;
}
