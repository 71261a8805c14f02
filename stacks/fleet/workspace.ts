import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PACKS, type PackName } from "../../policy-packs/lib/metadata";
import { policiesForPack } from "../../policy-packs/policies";
import type { Operation } from "./args";
import type { PlannedStack } from "./plan";
import type { FleetDeps, FleetStack } from "./run";

/** The program root (Pulumi.yaml) and its stack folder. */
export const PROGRAM_DIR = path.resolve(__dirname, "../..");
export const STACKS_DIR = path.join(PROGRAM_DIR, "stacks");

/** The kit's policy packs: every folder of policy-packs/ holding a PulumiPolicy.yaml. */
export function kitPolicyPacks(root = path.join(PROGRAM_DIR, "policy-packs")): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, "PulumiPolicy.yaml")))
    .map((d) => path.join(root, d.name))
    .sort();
}

/**
 * A stack's enclave:policy narrowed to one of the kit's packs: `all` and the entries naming that
 * pack's policies (the CLI takes one --policy-pack-config per --policy-pack). Another pack's
 * folder gets the whole document.
 */
export function packPolicyConfig(
  config: Readonly<Record<string, unknown>>,
  packDir: string,
): Record<string, unknown> {
  const pack = path.basename(packDir);
  if (!(pack in PACKS)) {
    return { ...config };
  }
  const names = new Set(policiesForPack(pack as PackName).map((p) => p.name));
  return Object.fromEntries(Object.entries(config).filter(([k]) => k === "all" || names.has(k)));
}

/** Undefined when `pulumi version` runs; otherwise why it did not. */
export function missingCli(): string | undefined {
  const r = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  if (r.error) {
    return r.error.message;
  }
  return r.status === 0 ? undefined : `exit ${r.status}: ${(r.stderr || r.stdout).trim()}`;
}

export const MISSING_CLI = (why: string) =>
  `fleet: the Pulumi CLI is not usable (\`pulumi version\`: ${why}). Fix: install it (https://www.pulumi.com/docs/iac/download-install/), log in to the backend that holds the stacks (\`pulumi login\`) and provide each stack's cloud credentials; \`npm run review\` is the offline check that needs none of them.`;

/** The real dependencies: Automation API stacks of this program, config files in a temp folder. */
export function automationDeps(): FleetDeps {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-fleet-"));
  return {
    policyPacks: kitPolicyPacks(),
    writePolicyConfig(stack: PlannedStack, pack: string) {
      const file = path.join(dir, `${stack.name}.${path.basename(pack)}.policy-config.json`);
      const config = packPolicyConfig(stack.policyConfig, pack);
      fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
      return file;
    },
    async openStack(stack: PlannedStack, operation: Operation): Promise<FleetStack> {
      const args = { stackName: stack.name, workDir: PROGRAM_DIR };
      return operation === "up"
        ? LocalWorkspace.createOrSelectStack(args)
        : LocalWorkspace.selectStack(args);
    },
  };
}
