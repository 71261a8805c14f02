import { renderCatalog } from "../../policy-packs/catalog/render";
import { KIT_ROOT } from "../review";
import type { StackReview } from "../model";
import { BundleError, describe, verifyBundle } from "./verify";
import { writeBundle } from "./write";

/** `--verify DIR`: 0 intact, 1 a file changed, missing or extra (each named), 2 no valid manifest. */
export function verifyCommand(dir: string): 0 | 1 | 2 {
  try {
    const problems = describe(verifyBundle(dir));
    for (const line of problems) {
      process.stderr.write(`enclave review: bundle ${dir}: ${line}\n`);
    }
    if (problems.length === 0) {
      process.stdout.write(
        `enclave review: bundle ${dir} is intact (every file matches manifest.json).\n`,
      );
    }
    return problems.length === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof BundleError) {
      process.stderr.write(`enclave review: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** `--bundle DIR`: writes the evidence bundle of the reviewed stack. */
export function bundleCommand(dir: string, review: StackReview): void {
  const manifest = writeBundle({
    dir,
    review,
    catalog: renderCatalog(),
    kitDir: KIT_ROOT,
    sbom: true,
  });
  process.stdout.write(
    `enclave review: evidence bundle ${dir}: ${Object.keys(manifest.files).length} files, kit commit ${manifest.kitCommit}; absent: ${manifest.absent.map((a) => a.item).join(", ")}.\n`,
  );
}
