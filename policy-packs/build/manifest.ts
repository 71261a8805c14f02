import * as fs from "fs";
import * as path from "path";

/** The lockfile's fields the builder reads. */
interface Lockfile {
  readonly packages: Readonly<Record<string, { readonly version?: string }>>;
}

/**
 * The exact version the repository's package-lock.json installs for `name` as seen from the pack
 * folder `packRel` (a workspace's own node_modules first, then the root's, as Node resolves).
 */
export function lockedVersion(root: string, packRel: string, name: string): string {
  const lock = JSON.parse(
    fs.readFileSync(path.join(root, "package-lock.json"), "utf8"),
  ) as Lockfile;
  const rel = packRel.split(path.sep).join("/");
  for (const key of [`${rel}/node_modules/${name}`, `node_modules/${name}`]) {
    const version = lock.packages[key]?.version;
    if (version) {
      return version;
    }
  }
  throw new Error(
    `package-lock.json installs no ${name} for ${rel}. Fix: add it to that pack's dependencies and run npm install.`,
  );
}

/** What the builder keeps of a source pack's package.json. */
export interface SourceManifest {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly license?: string;
  readonly private?: boolean;
  readonly main?: string;
}

/**
 * The built pack's package.json: the source pack's name, version, description and license,
 * `main: index.js`, and as dependencies exactly `dependencies` (name to locked version); no
 * devDependencies, no scripts: nothing to build after installing.
 */
export function builtManifest(
  source: SourceManifest,
  dependencies: Readonly<Record<string, string>>,
): string {
  const manifest = {
    name: source.name,
    version: source.version,
    ...(source.private === undefined ? {} : { private: source.private }),
    ...(source.description === undefined ? {} : { description: source.description }),
    ...(source.license === undefined ? {} : { license: source.license }),
    main: "index.js",
    dependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
