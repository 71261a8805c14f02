import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles, MANIFEST, manifestSchema, sha256 } from "./manifest";

export interface Verification {
  readonly changed: string[];
  readonly missing: string[];
  readonly extra: string[];
}

export class BundleError extends Error {}

/** Checks every file of a bundle against its manifest. Throws BundleError if there is no valid manifest. */
export function verifyBundle(dir: string): Verification {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) {
    throw new BundleError(`${file} does not exist: not an evidence bundle.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new BundleError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success) {
    throw new BundleError(`${file} is not a bundle manifest: ${manifest.error.message}`);
  }
  const listed = manifest.data.files;
  const present = new Set(listFiles(dir));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [rel, hash] of Object.entries(listed)) {
    if (!present.has(rel)) {
      missing.push(rel);
    } else if (sha256(path.join(dir, rel)) !== hash) {
      changed.push(rel);
    }
  }
  const extra = [...present].filter((rel) => !(rel in listed));
  return { changed: changed.sort(), missing: missing.sort(), extra };
}

export function describe(v: Verification): string[] {
  return [
    ...v.changed.map((f) => `changed: ${f} (SHA-256 differs from the manifest)`),
    ...v.missing.map((f) => `missing: ${f} (listed in the manifest)`),
    ...v.extra.map((f) => `extra: ${f} (not in the manifest)`),
  ];
}
