import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { beforeAll, describe, expect, it } from "vitest";
import { main, type CliEnv } from "../../stacks/fleet/cli";
import { planFleet } from "../../stacks/fleet/plan";
import {
  classify,
  mandatoryViolations,
  pool,
  type FleetDeps,
  type FleetStack,
  type OperationOptions,
} from "../../stacks/fleet/run";
import {
  kitPolicyPacks,
  packPolicyConfig,
  PROGRAM_DIR,
  STACKS_DIR,
} from "../../stacks/fleet/workspace";
import { policyConfigJson } from "../../review/policyConfig";

/** A stack folder with a platform stack and two tenants, written for the test. */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-test-"));
  const write = (name: string, config: Record<string, unknown>) =>
    fs.writeFileSync(
      path.join(dir, `Pulumi.${name}.yaml`),
      `config:\n${Object.entries(config)
        .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
        .join("\n")}\n`,
    );
  write("zeta-dev", { "enclave:tenant": "zeta", "enclave:policy": { all: "mandatory" } });
  write("acme-dev", { "enclave:tenant": "acme" });
  write("platform-prod", { "enclave:stackRole": "platform", "enclave:tenant": "platform" });
  fs.writeFileSync(path.join(dir, "README.md"), "not a stack file\n");
});

interface Recorded {
  readonly calls: { stack: string; operation: string; opts: OperationOptions }[];
  maxRunning: number;
}

/** A fake workspace: each stack resolves, or throws what `behaviour` says, after a tick. */
function fakeEnv(
  behaviour: Record<string, Error> = {},
  missingCli?: string,
  events: Record<string, EngineEvent[]> = {},
): { env: CliEnv; out: string[]; err: string[]; rec: Recorded } {
  const out: string[] = [];
  const err: string[] = [];
  const rec: Recorded = { calls: [], maxRunning: 0 };
  let running = 0;
  const deps: FleetDeps = {
    policyPacks: ["/packs/a", "/packs/b"],
    writePolicyConfig: (s, pack) => `/tmp/${s.name}.${path.basename(pack)}.json`,
    now: () => 0,
    async openStack(stack, operation): Promise<FleetStack> {
      const act = async (opts: OperationOptions) => {
        rec.calls.push({ stack: stack.name, operation, opts });
        running++;
        rec.maxRunning = Math.max(rec.maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        for (const event of events[stack.name] ?? []) {
          opts.onEvent(event);
        }
        running--;
        const e = behaviour[stack.name];
        if (e) {
          throw e;
        }
        return {};
      };
      return { preview: act, up: act };
    },
  };
  return {
    env: {
      stacksDir: dir,
      missingCli: () => missingCli,
      deps: () => deps,
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    },
    out,
    err,
    rec,
  };
}

const POLICY_ERROR = new Error(
  [
    "code: 255",
    " stdout: Previewing update (zeta-dev):",
    "Policies:",
    "    ❌ enclave-encryption@v0.1.0 (local: policy-packs/encryption)",
    "        - [mandatory]  aws-s3-bucket-enable-kms-encryption  (aws:s3/bucket:Bucket: data)",
    " stderr: error: preview failed",
  ].join("\n"),
);
const EVAL_ERROR = new Error(
  'code: 255\n stdout: \n stderr: error: Invalid configuration for stack "acme-dev" (1 problem)',
);

/** A policy event as the engine sends it to Automation API's onEvent. */
const policyEvent = (
  enforcementLevel: "mandatory" | "warning",
  policyName: string,
): EngineEvent => ({
  sequence: 1,
  timestamp: 0,
  policyEvent: {
    resourceUrn: "urn:pulumi:zeta-dev::enclave::aws:s3/bucketV2:BucketV2::data",
    message: `${policyName} found a problem\nwith more lines`,
    color: "never",
    policyName,
    policyPackName: "enclave-encryption",
    policyPackVersion: "0.1.0",
    policyPackVersionTag: "0.1.0",
    enforcementLevel,
  },
});

describe("fleet planning", () => {
  it("orders platform stacks before tenants, each by name, and reads each stack's policy config", () => {
    const plan = planFleet(dir, { all: true });
    expect(plan.map((s) => [s.name, s.role])).toEqual([
      ["platform-prod", "platform"],
      ["acme-dev", "tenant"],
      ["zeta-dev", "tenant"],
    ]);
    expect(plan.find((s) => s.name === "zeta-dev")!.policyConfig).toEqual({ all: "mandatory" });
    expect(plan.find((s) => s.name === "acme-dev")!.policyConfig).toEqual({});
  });

  it("keeps the platform first when --stacks names it last, and drops repeats", () => {
    const plan = planFleet(dir, { stacks: ["zeta-dev", "platform-prod", "zeta-dev"] });
    expect(plan.map((s) => s.name)).toEqual(["platform-prod", "zeta-dev"]);
  });

  it("plans the kit's reference stacks, with the kit's four policy packs", () => {
    const plan = planFleet(STACKS_DIR, { all: true });
    expect(plan.map((s) => s.name)).toEqual(
      expect.arrayContaining(["aws-dev", "aws-prod", "onprem-dev"]),
    );
    expect(plan.find((s) => s.name === "aws-prod")!.policyConfig).toHaveProperty(
      "kubernetes-core-pod-restrict-image-registries",
    );
    // The same configuration `npm run policy-config` prints for the CLI.
    for (const s of plan) {
      expect(s.policyConfig, s.name).toEqual(JSON.parse(policyConfigJson(PROGRAM_DIR, s.name)));
    }
    expect(kitPolicyPacks().map((p) => path.basename(p))).toEqual([
      "data-protection",
      "encryption",
      "least-privilege",
      "workload-security",
    ]);
  });
});

describe("fleet policy config per pack", () => {
  it("gives each of the kit's packs `all` and its own policies' entries", () => {
    const config = {
      all: "mandatory",
      "kubernetes-core-pod-restrict-image-registries": { allowedRegistries: ["r.example.com"] },
      "kubernetes-rbac-role-restrict-secret-reads": { allowedRoles: ["x"] },
      "pulumi-resource-stateful-require-data-tags": "advisory",
    };
    expect(packPolicyConfig(config, "/kit/policy-packs/workload-security")).toEqual({
      all: "mandatory",
      "kubernetes-core-pod-restrict-image-registries": { allowedRegistries: ["r.example.com"] },
    });
    expect(packPolicyConfig(config, "/kit/policy-packs/least-privilege")).toEqual({
      all: "mandatory",
      "kubernetes-rbac-role-restrict-secret-reads": { allowedRoles: ["x"] },
    });
    expect(packPolicyConfig(config, "/kit/policy-packs/data-protection")).toEqual({
      all: "mandatory",
      "pulumi-resource-stateful-require-data-tags": "advisory",
    });
    expect(packPolicyConfig(config, "/elsewhere/awsguard")).toEqual(config);
  });

  it("keeps every entry of the reference stacks in exactly one pack", () => {
    for (const s of planFleet(STACKS_DIR, { all: true })) {
      const kept = kitPolicyPacks().flatMap((p) =>
        Object.keys(packPolicyConfig(s.policyConfig, p)),
      );
      expect(kept.sort(), s.name).toEqual(Object.keys(s.policyConfig).sort());
    }
  });
});

describe("fleet arguments", () => {
  it.each([
    [
      [],
      "fleet: no operation given. Fix: run `npm run fleet -- preview --all` or `npm run fleet -- up --stacks <a,b>`.",
    ],
    [["destroy", "--all"], 'fleet: "destroy" is not an operation. Fix: use preview or up.'],
    [["preview"], "fleet: no stacks chosen. Fix: pass --stacks a,b,... or --all."],
    [
      ["up", "--all", "--stacks", "acme-dev"],
      "fleet: --stacks and --all exclude each other. Fix: pass one of them.",
    ],
    [
      ["preview", "--stacks", "acme-dev,,zeta-dev"],
      'fleet: --stacks "acme-dev,,zeta-dev" has an empty name. Fix: list stack names separated by commas, e.g. --stacks aws-dev,aws-prod.',
    ],
    [
      ["preview", "--all", "--concurrency", "0"],
      'fleet: --concurrency "0" is not a whole number from 1 to 16. Fix: pass e.g. --concurrency 2.',
    ],
    [
      ["preview", "--all", "--concurrency", "two"],
      'fleet: --concurrency "two" is not a whole number from 1 to 16. Fix: pass e.g. --concurrency 2.',
    ],
    [
      ["preview", "acme-dev", "--all"],
      'fleet: unexpected argument "acme-dev". Fix: name stacks with --stacks a,b (comma-separated), not as arguments.',
    ],
    [
      ["preview", "--all", "--jobs", "2"],
      "fleet: unknown option '--jobs'. Fix: see `npm run fleet -- --help`.",
    ],
  ])("refuses %j with exit 2", async (argv, message) => {
    const { env, err, rec } = fakeEnv();
    expect(await main(argv, env)).toBe(2);
    expect(err.join("")).toBe(`${message}\n`);
    expect(rec.calls).toEqual([]);
  });

  it("refuses a stack without a stack file, naming the known ones", async () => {
    const { env, err } = fakeEnv();
    expect(await main(["preview", "--stacks", "acme-dev,beta-dev"], env)).toBe(2);
    expect(err.join("")).toBe(
      `fleet: --stacks names "beta-dev", which has no stack file (Pulumi.<name>.yaml) in ${dir}. Fix: use one of acme-dev, platform-prod, zeta-dev.\n`,
    );
  });

  it("stops with exit 2 and says what to install when the Pulumi CLI is missing", async () => {
    const { env, err, rec } = fakeEnv({}, "spawnSync pulumi ENOENT");
    expect(await main(["up", "--all"], env)).toBe(2);
    expect(err.join("")).toBe(
      "fleet: the Pulumi CLI is not usable (`pulumi version`: spawnSync pulumi ENOENT). Fix: install it (https://www.pulumi.com/docs/iac/download-install/), log in to the backend that holds the stacks (`pulumi login`) and provide each stack's cloud credentials; `npm run review` is the offline check that needs none of them.\n",
    );
    expect(rec.calls).toEqual([]);
  });

  it("documents the CLI and credentials it needs in --help", async () => {
    const { env, out } = fakeEnv();
    expect(await main(["--help"], env)).toBe(0);
    const help = out.join("");
    expect(help).toContain(
      "Usage: npm run fleet -- preview|up (--stacks a,b,... | --all) [--concurrency N]",
    );
    expect(help).toContain("the Pulumi CLI on PATH");
    expect(help).toContain("credentials for each stack's cloud");
  });
});

describe("fleet runs with a fake workspace", () => {
  it("previews every stack with the kit's packs and its own policy config, exit 0", async () => {
    const { env, out, rec } = fakeEnv();
    expect(await main(["preview", "--all"], env)).toBe(0);
    expect(rec.calls.map((c) => [c.stack, c.operation])).toEqual([
      ["platform-prod", "preview"],
      ["acme-dev", "preview"],
      ["zeta-dev", "preview"],
    ]);
    expect(rec.calls[2]!.opts).toEqual({
      policyPacks: ["/packs/a", "/packs/b"],
      policyPackConfigs: ["/tmp/zeta-dev.a.json", "/tmp/zeta-dev.b.json"],
      onEvent: expect.any(Function),
    });
    expect(out.join("")).toContain("ok 3, policy violations 0, failed or skipped 0; exit 0");
  });

  it("exits 1 on a stack with mandatory policy violations, and 2 when one cannot be evaluated", async () => {
    const violations = fakeEnv({ "zeta-dev": POLICY_ERROR });
    expect(await main(["preview", "--all"], violations.env)).toBe(1);
    const both = fakeEnv({ "zeta-dev": POLICY_ERROR, "acme-dev": EVAL_ERROR });
    expect(await main(["preview", "--all", "--concurrency", "1"], both.env)).toBe(2);
    expect(both.out.join("")).toBe(
      [
        "fleet preview: platform-prod (platform), acme-dev (tenant), zeta-dev (tenant); at most 1 at a time",
        "fleet preview: 3 stack(s)",
        "stack          role      result             seconds  detail",
        "-------------  --------  -----------------  -------  ------",
        "platform-prod  platform  ok                 0.0",
        'acme-dev       tenant    failed             0.0      error: Invalid configuration for stack "acme-dev" (1 problem)',
        "zeta-dev       tenant    policy violations  0.0      - [mandatory]  aws-s3-bucket-enable-kms-encryption  (aws:s3/bucket:Bucket: data)",
        "ok 1, policy violations 1, failed or skipped 1; exit 2",
        "",
      ].join("\n"),
    );
  });

  it("does not update tenants when a platform stack failed (up), but still previews them", async () => {
    const up = fakeEnv({ "platform-prod": EVAL_ERROR });
    expect(await main(["up", "--all"], up.env)).toBe(2);
    expect(up.rec.calls.map((c) => c.stack)).toEqual(["platform-prod"]);
    expect(up.out.join("")).toContain(
      "acme-dev       tenant    skipped  0.0      not updated: platform stack platform-prod did not succeed",
    );
    const preview = fakeEnv({ "platform-prod": EVAL_ERROR });
    expect(await main(["preview", "--all"], preview.env)).toBe(2);
    expect(preview.rec.calls.map((c) => c.stack)).toEqual([
      "platform-prod",
      "acme-dev",
      "zeta-dev",
    ]);
  });

  it("runs at most --concurrency stacks at a time", async () => {
    const one = fakeEnv();
    await main(["preview", "--stacks", "acme-dev,zeta-dev"], one.env);
    expect(one.rec.maxRunning).toBe(2);
    const serial = fakeEnv();
    await main(["preview", "--stacks", "acme-dev,zeta-dev", "--concurrency", "1"], serial.env);
    expect(serial.rec.maxRunning).toBe(1);
    const order: number[] = [];
    expect(
      await pool([3, 1, 2], 2, async (n) => {
        await new Promise((r) => setTimeout(r, n * 5));
        order.push(n);
        return n * 10;
      }),
    ).toEqual([30, 10, 20]);
    expect(order).toEqual([1, 3, 2]);
  });

  it("reads mandatory violations from the engine's policy events first, advisory ones aside", async () => {
    // The operation fails with a bare error; the events say why.
    const bare = new Error("code: 255\n stderr: error: preview failed");
    const run = fakeEnv({ "zeta-dev": bare }, undefined, {
      "zeta-dev": [
        policyEvent("warning", "aws-s3-bucket-advisory"),
        policyEvent("mandatory", "aws-s3-bucket-enable-kms-encryption"),
        policyEvent("mandatory", "aws-s3-bucket-block-public-access"),
      ],
      // Advisory only: the stack is ok.
      "acme-dev": [policyEvent("warning", "aws-s3-bucket-advisory")],
    });
    expect(await main(["preview", "--all"], run.env)).toBe(1);
    const text = run.out.join("");
    expect(text).toContain(
      "zeta-dev       tenant    policy violations  0.0      [mandatory] aws-s3-bucket-enable-kms-encryption: aws-s3-bucket-enable-kms-encryption found a problem (and 1 more)",
    );
    expect(text).toMatch(/acme-dev +tenant +ok /);
    expect(
      mandatoryViolations([policyEvent("warning", "x"), { sequence: 2, timestamp: 0 }]),
    ).toEqual([]);
  });

  it("classifies errors: mandatory violations 1, anything else 2", () => {
    expect(classify(POLICY_ERROR).code).toBe(1);
    expect(classify(EVAL_ERROR)).toEqual({
      code: 2,
      detail: 'error: Invalid configuration for stack "acme-dev" (1 problem)',
    });
    expect(classify("weird")).toEqual({ code: 2, detail: "weird" });
  });
});
