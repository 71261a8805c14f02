import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";

export const MANIFEST = "manifest.json";

/** The evidence bundle's index: every other file with its SHA-256, and what produced them. */
export const manifestSchema = z.object({
  kind: z.literal("enclave-evidence-bundle"),
  version: z.literal(1),
  stack: z.string(),
  date: z.string(),
  kitCommit: z.string(),
  packs: z.array(z.object({ name: z.string(), version: z.string() })),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  absent: z.array(z.object({ item: z.string(), reason: z.string() })),
  /** With `--state`: the stack export reviewed (not copied: it may hold secrets) and its SHA-256. */
  state: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Every file under dir (POSIX relative paths, sorted), the manifest excepted. */
export function listFiles(dir: string, sub = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      out.push(...listFiles(dir, rel));
    } else if (rel !== MANIFEST) {
      out.push(rel);
    }
  }
  return out.sort();
}
