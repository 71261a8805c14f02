import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(__dirname, "program");
const AWSGUARD = path.join(ROOT, "test/fixtures/packs/awsguard");
const RESOURCES_PER_TENANT = 13; // what the synthetic program registers per tenant

/** What one row of the bench runs: the reviewer's arguments, with and without the packs. */
export interface Case {
  readonly group: "reference" | "synthetic" | "fleet";
  readonly label: string;
  /** Packs judging: "kit" (the four enclave packs) or "awsguard" (@pulumi/awsguard alone). */
  readonly packs: "kit" | "awsguard";
  readonly stacks: number;
  readonly args: readonly string[];
}

export interface CaseOptions {
  readonly sizes: readonly number[];
  readonly fleets: readonly number[];
  /** Folder for the generated stack config files and fleet programs. */
  readonly work: string;
}

export function benchCases(options: CaseOptions): Case[] {
  const cases: Case[] = [];
  for (const stack of ["aws-dev", "aws-prod", "onprem-dev"]) {
    for (const packs of ["kit", "awsguard"] as const) {
      cases.push({ group: "reference", label: stack, packs, stacks: 1, args: ["--stack", stack] });
    }
  }
  // The overhead target's program: Kyverno's 509 PSS documents (reads ../shared/fixtures in place).
  cases.push({
    group: "reference",
    label: "kyverno-pss",
    packs: "kit",
    stacks: 1,
    args: ["--program", path.join(ROOT, "test/fixtures/programs/kyverno-pss")],
  });
  for (const size of options.sizes) {
    const config = syntheticConfig(options.work, size);
    for (const packs of ["kit", "awsguard"] as const) {
      cases.push({
        group: "synthetic",
        label: `synthetic ${size}`,
        packs,
        stacks: 1,
        args: ["--program", PROGRAM, "--config", config],
      });
    }
  }
  for (const count of options.fleets) {
    cases.push({
      group: "fleet",
      label: `--all, ${count} tenant stacks`,
      packs: "kit",
      stacks: count,
      args: ["--program", fleetProgram(options.work, count), "--all"],
    });
  }
  return cases.map((c) =>
    c.packs === "awsguard" ? { ...c, args: [...c.args, "--policy-pack", AWSGUARD] } : c,
  );
}

/** A stack config for the synthetic program with about `size` resources. */
function syntheticConfig(work: string, size: number): string {
  const file = path.join(work, `Pulumi.synthetic-${size}.yaml`);
  const tenants = Math.max(1, Math.round(size / RESOURCES_PER_TENANT));
  fs.writeFileSync(file, stringifyYaml({ config: { "bench:tenants": tenants } }));
  return file;
}

/**
 * A program folder whose stacks are `count` copies of the aws-dev reference stack, each for its
 * own tenant, all running the kit's own program (Pulumi.yaml's main points at it).
 */
function fleetProgram(work: string, count: number): string {
  const dir = path.join(work, `fleet-${count}`);
  fs.mkdirSync(dir, { recursive: true });
  const project = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as Record<
    string,
    unknown
  >;
  project["main"] = path.join(ROOT, "stacks/index.ts");
  project["stackConfigDir"] = ".";
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringifyYaml(project));
  const reference = fs.readFileSync(path.join(ROOT, "stacks/Pulumi.aws-dev.yaml"), "utf8");
  for (let i = 1; i <= count; i++) {
    const tenant = `t${String(i).padStart(3, "0")}`;
    const stack = reference
      .replace("enclave:tenant: acme", `enclave:tenant: ${tenant}`)
      .replace("annotate.acme-dev.example.com", `annotate.${tenant}-dev.example.com`);
    if (stack === reference) {
      throw new Error("stacks/Pulumi.aws-dev.yaml no longer names tenant acme");
    }
    fs.writeFileSync(path.join(dir, `Pulumi.${tenant}.yaml`), stack);
  }
  return dir;
}
