import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { StackReview } from "../model";
import { renderJson, renderMarkdown, renderSarif } from "../report";
import { listImages } from "../../supply-chain/image-list";
import { writeSbom } from "../../supply-chain/sbom";
import { MANIFEST, type Manifest, sha256 } from "./manifest";

export const MASKED = "[secret: encrypted in the stack file, masked in the bundle]";

/** The stack file with every `secure:` value (at any depth) replaced by MASKED. */
export function maskedConfig(file: string): string {
  const mask = (v: unknown): unknown => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.entries(v);
      if (entries.length === 1 && entries[0]![0] === "secure") {
        return MASKED;
      }
      return Object.fromEntries(entries.map(([k, x]) => [k, mask(x)]));
    }
    return Array.isArray(v) ? v.map(mask) : v;
  };
  return stringifyYaml(mask(parseYaml(fs.readFileSync(file, "utf8")) ?? {}));
}

/** `git rev-parse HEAD` in dir, or "unknown" when there is no git or no repository. */
export function gitCommit(dir: string): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
}

export interface BundleInput {
  readonly dir: string;
  readonly review: StackReview;
  /** The policy catalogue (Markdown), as `npm run catalog` generates it. */
  readonly catalog: string;
  readonly kitDir: string;
  readonly date?: Date;
  /** Write the kit's SBOM (`npm run sbom`, what ships) into the bundle; the CLI always does. */
  readonly sbom: boolean;
}

export const SBOM_FILE = "sbom.cdx.json";

/** Writes the evidence bundle of one stack's review into dir and returns its manifest. */
export function writeBundle(input: BundleInput): Manifest {
  const { dir, review } = input;
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "report.json": renderJson([review], { all: false }),
    "report.sarif": renderSarif([review], { all: false }),
    "report.md": renderMarkdown([review], { all: false, byControl: true }),
    "POLICIES.md": input.catalog,
    // The same list as `npm run images`, from the resources this review judged.
    "images.json": `${JSON.stringify({ stack: review.stack, ...listImages(review.resources) }, null, 2)}\n`,
  };
  if (review.configFile) {
    files[`Pulumi.${review.stack}.yaml`] = maskedConfig(review.configFile);
  }
  for (const [rel, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, rel), text);
  }
  // The SBOM of the kit and its packs: the software that built and judged this stack.
  const sbom = input.sbom
    ? writeSbom({ output: path.join(dir, SBOM_FILE), includeDev: false, specVersion: "1.6" })
    : undefined;
  const written = [...Object.keys(files), ...(sbom?.ok ? [SBOM_FILE] : [])];
  const manifest: Manifest = {
    kind: "enclave-evidence-bundle",
    version: 1,
    stack: review.stack,
    date: (input.date ?? new Date()).toISOString(),
    kitCommit: gitCommit(input.kitDir),
    packs: review.packs.map((p) => ({ name: p.name, version: p.version })),
    files: Object.fromEntries(written.sort().map((rel) => [rel, sha256(path.join(dir, rel))])),
    ...(review.stateFile
      ? { state: { file: review.stateFile, sha256: sha256(review.stateFile) } }
      : {}),
    absent: [
      ...(sbom?.ok
        ? []
        : [
            {
              item: "SBOM",
              reason: sbom
                ? `the generator failed: ${sbom.message.trim()}`
                : "not requested (writeBundle with sbom: false); `npm run sbom -- --output FILE` writes it",
            },
          ]),
      ...(review.configFile
        ? []
        : [{ item: "stack config", reason: "the review ran without a stack config file" }]),
      ...(review.stateFile
        ? [
            {
              item: "stack export",
              reason:
                "not copied: a stack export holds the stack's secrets (ciphertext, or plaintext with --show-secrets); `state` names it with its SHA-256",
            },
          ]
        : []),
    ],
  };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
