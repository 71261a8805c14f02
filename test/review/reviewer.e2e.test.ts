import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";
import { jsFixturePack } from "../helpers/js-pack";

const ROOT = path.resolve(__dirname, "../..");
const fixture = (...p: string[]) => path.join(ROOT, "test/fixtures", ...p);
// The fixture pack as published JavaScript: these tests are about the reviewer, not ts-node.
const BASIC = jsFixturePack(fixture("packs/basic"));

interface JsonReport {
  resources: {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    protect: boolean;
    retainOnDelete: boolean;
    inputs: Record<string, unknown>;
  }[];
  violations: {
    pack: string;
    policy: string;
    severity: string;
    enforcementLevel: string;
    urn?: string;
    message: string;
  }[];
  waived: { policy: string; urn?: string }[];
  errors: { phase: string; message: string }[];
  placeholderSecrets: string[];
}

let out: string;
let stderr: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-review-test-"));
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(out, { recursive: true, force: true });
});

const reportFiles = () => [
  "--json",
  path.join(out, "r.json"),
  "--sarif",
  path.join(out, "r.sarif"),
  "--markdown",
  path.join(out, "r.md"),
];
const json = () => JSON.parse(fs.readFileSync(path.join(out, "r.json"), "utf8")) as JsonReport;
const sarif = () => JSON.parse(fs.readFileSync(path.join(out, "r.sarif"), "utf8")) as Log;

describe("offline reviewer, end to end", () => {
  it("exits 0 on a clean program, with secure config values replaced by placeholders", async () => {
    const code = await main([
      "--program",
      fixture("programs/refs"),
      "--stack",
      "dev",
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(0);
    const report = json();
    expect(report.violations).toEqual([]);
    expect(report.placeholderSecrets).toEqual(["refs:dbPassword"]);
    const key = report.resources.find((r) => r.type === "aws:kms/key:Key")!;
    expect(key).toMatchObject({
      urn: "urn:pulumi:dev::refs::aws:kms/key:Key::data",
      protect: true,
      retainOnDelete: false,
      parent: "urn:pulumi:dev::refs::pulumi:pulumi:Stack::refs-dev",
    });
    const version = report.resources.find(
      (r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion",
    )!;
    expect(version.inputs["secretString"]).toBe("[secret]");
    expect(fs.readFileSync(path.join(out, "r.md"), "utf8")).toContain("**Verdict: PASS**");
  });

  it("exits 1 on mandatory violations, naming the violating URNs in JSON and SARIF; waivers apply and expire", async () => {
    const code = await main([
      "--program",
      fixture("programs/aws-insecure"),
      "--stack",
      "dev",
      "--policy-pack",
      BASIC,
      "--as-of",
      "2026-11-23",
      ...reportFiles(),
    ]);
    expect(code).toBe(1);
    const keyUrn = "urn:pulumi:dev::aws-insecure::aws:kms/key:Key::unrotated";
    const report = json();
    expect(report.violations.map((v) => [v.policy, v.enforcementLevel, v.urn])).toEqual(
      expect.arrayContaining([
        ["fixture-kms-key-rotation", "mandatory", keyUrn],
        ["enclave-waiver-expired", "mandatory", keyUrn],
      ]),
    );
    expect(report.violations).toHaveLength(2);
    expect(report.waived.map((w) => [w.policy, w.urn])).toEqual([
      ["fixture-stateful-protect", keyUrn],
    ]);
    const log = sarif();
    expect(log.version).toBe("2.1.0");
    const results = log.runs.flatMap((r) => r.results ?? []);
    const rotation = results.find((r) => r.ruleId === "fixture-kms-key-rotation")!;
    expect(rotation.level).toBe("error");
    expect(rotation.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe(keyUrn);
  });

  it("takes enforcement levels and policy parameters from the stack's enclave:policy", async () => {
    const code = await main([
      "--program",
      fixture("programs/refs"),
      "--stack",
      "strict",
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(1);
    const report = json() as JsonReport & {
      packs: { policies: { name: string; enforcementLevel: string }[] }[];
    };
    expect(report.violations.map((v) => [v.policy, v.enforcementLevel, v.message])).toEqual([
      ["fixture-max-password-length", "mandatory", "Password longer than 8."],
    ]);
    const levels = Object.fromEntries(
      report.packs[0]!.policies.map((p) => [p.name, p.enforcementLevel]),
    );
    expect(levels).toEqual({
      "fixture-kms-key-rotation": "mandatory",
      "fixture-stateful-protect": "disabled",
      "fixture-bucket-cmk": "mandatory",
      "fixture-max-password-length": "mandatory",
    });
  });

  describe("a program keeping its policy config and waivers under its own namespace", () => {
    const args = ["--program", fixture("programs/refs"), "--stack", "acme", "--policy-pack", BASIC];
    const acme = ["--policy-config-key", "acme:policy", "--waivers-key", "acme:waivers"];
    const dbUrn = "urn:pulumi:acme::refs::random:index/randomPassword:RandomPassword::db";

    it("reads them with --policy-config-key and --waivers-key", async () => {
      expect(await main([...args, ...acme, "--as-of", "2026-11-23", ...reportFiles()])).toBe(0);
      const report = json() as JsonReport & { unusedWaivers: unknown[] };
      expect(report.violations).toEqual([]);
      expect(report.waived.map((w) => [w.policy, w.urn])).toEqual([
        ["fixture-max-password-length", dbUrn],
      ]);
      expect(report.unusedWaivers).toEqual([]);
    });

    it("past its expiry the waiver is a violation whose fix names the key it came from", async () => {
      expect(await main([...args, ...acme, "--as-of", "2027-04-01", ...reportFiles()])).toBe(1);
      const { violations } = json();
      expect(violations.map((v) => [v.policy, v.enforcementLevel, v.urn])).toEqual([
        ["fixture-max-password-length", "mandatory", dbUrn],
        ["enclave-waiver-expired", "mandatory", dbUrn],
      ]);
      expect(violations[1]!.message).toContain(
        "renew the waiver with a new justification and expiry in acme:waivers.",
      );
    });

    it("under the default keys (enclave:policy, enclave:waivers) reads none of them", async () => {
      expect(await main([...args, ...reportFiles()])).toBe(0);
      expect(json().violations).toEqual([]);
      expect(json().waived).toEqual([]);
    });
  });

  it("exits 2 with a config error when a program fails by the reviewer's config-error contract", async () => {
    const code = await main([
      "--program",
      fixture("programs/config-error"),
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    expect(json().errors.map((e) => [e.phase, e.message])).toEqual([
      ["config", 'acme:size = "huge": is not a size. Fix: set it to small or large.'],
    ]);
    expect(stderr).toContain('config error: acme:size = "huge": is not a size.');
  });

  it("reviews every stack with its own policy config, even after a stack whose program failed (--all)", async () => {
    const code = await main([
      "--program",
      fixture("programs/two-stacks"),
      "--all",
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const report = json() as unknown as { stacks: (JsonReport & { stack: string })[] };
    const [failed, strict] = report.stacks;
    expect(failed!.stack).toBe("a-fails");
    expect(failed!.errors.map((e) => [e.phase, e.message])).toEqual([
      ["program", expect.stringContaining("this stack fails on purpose")],
    ]);
    expect(failed!.violations).toEqual([]);
    expect(strict!.stack).toBe("b-strict");
    expect(strict!.errors).toEqual([]);
    expect(strict!.violations.map((v) => [v.policy, v.enforcementLevel, v.message])).toEqual([
      ["fixture-max-password-length", "mandatory", "Password longer than 8."],
    ]);
  });

  it("runs a third-party pack (@pulumi/awsguard) unchanged, with its initial config making every policy mandatory", async () => {
    const code = await main([
      "--program",
      fixture("programs/aws-insecure"),
      "--stack",
      "dev",
      "--policy-pack",
      fixture("packs/awsguard"),
      ...reportFiles(),
    ]);
    expect(code).toBe(1);
    const found = json()
      .violations.filter((v) => v.pack === "pulumi-awsguard")
      .map((v) => `${v.pack} ${v.policy} ${v.enforcementLevel} ${v.urn?.split("::").pop()}`)
      .sort();
    expect(found).toEqual([
      "pulumi-awsguard cmk-backing-key-rotation-enabled mandatory unrotated",
      "pulumi-awsguard rds-instance-multi-az-enabled mandatory public-db",
      "pulumi-awsguard rds-instance-public-access mandatory public-db",
      "pulumi-awsguard rds-storage-encrypted mandatory public-db",
    ]);
  });

  it("exits 2 when the program throws, with the cause in one paragraph", async () => {
    const code = await main([
      "--program",
      fixture("programs/throws"),
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const [error] = json().errors;
    expect(error?.phase).toBe("program");
    expect(error?.message).toMatch(
      /^database subnet group needs two availability zones \(.*programs\/throws\/index\.ts:5:\d+\)$/,
    );
    expect(stderr).toContain("program error: database subnet group needs two availability zones");
  });

  it("exits 2 on invalid stack config, naming every bad key, before any resource is registered", async () => {
    const code = await main([
      "--program",
      ROOT,
      "--config",
      fixture("stacks/Pulumi.bad-config.yaml"),
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const report = json();
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.phase).toBe("config");
    expect(report.errors[0]!.message.split("\n")).toEqual([
      'Invalid configuration for stack "bad-config" (4 problems); nothing was created:',
      '  - enclave:cloud = "azure": is not a supported cloud. Fix: set it to one of aws, gcp, kubernetes.',
      '  - enclave:tenant = "Acme": is not a DNS label. Fix: use lower-case letters, digits and inner hyphens only, e.g. "acme-labs".',
      '  - enclave:allowlist.admin = []: is empty, so nobody could reach the admin plane. Fix: list the operators\' networks, e.g. ["198.51.100.0/24"].',
      '  - enclave:allowlist.users[0] = "0.0.0.0/0": admits the whole internet. Fix: list only the networks that must have access; enclave never opens to everyone.',
    ]);
    // The engine may register the root stack before the program runs; nothing else is registered.
    expect(report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("exits 2 on client-hosted on an existing cluster without the client's store, registering nothing", async () => {
    const code = await main([
      "--program",
      ROOT,
      "--config",
      fixture("stacks/Pulumi.client-hosted-no-store.yaml"),
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const report = json();
    expect(report.errors.map((e) => e.phase)).toEqual(["config"]);
    expect(report.errors[0]!.message.split("\n")).toEqual([
      'Invalid configuration for stack "client-hosted-no-store" (1 problem); nothing was created:',
      // Cross-key checks run first; the fix names the client's fields, checked once it is given.
      '  - enclave:kubernetes.objectStore = {"endpoint":"https://minio.example.com:9000","bucket":"diffgram-acme","cidrs"...: is set but enclave:isolation is client-hosted, whose data goes to the client\'s store (enclave:clientHosted), never the operator\'s. Fix: remove it, and give the client\'s store in enclave:clientHosted { bucketName, endpoint, cidrs, credentialsSecretName }.',
    ]);
    expect(report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("exits 2 on the kit's pre-fix shape, the internet in two /1 halves, before any resource", async () => {
    const code = await main([
      "--program",
      ROOT,
      "--config",
      fixture("stacks/Pulumi.internet-halves.yaml"),
      "--policy-pack",
      BASIC,
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const report = json();
    expect(report.errors.map((e) => e.phase)).toEqual(["config"]);
    expect(report.errors[0]!.message.split("\n")).toEqual([
      'Invalid configuration for stack "internet-halves" (2 problems); nothing was created:',
      '  - enclave:allowlist.users[0] = "0.0.0.0/1": is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
      '  - enclave:allowlist.users[1] = "128.0.0.0/1": is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
    ]);
    expect(report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("exits 2 when a pack crashes, naming the pack", async () => {
    const code = await main([
      "--program",
      fixture("programs/refs"),
      "--stack",
      "dev",
      "--policy-pack",
      jsFixturePack(fixture("packs/crashing")),
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    const [error] = json().errors;
    expect(error?.phase).toBe("pack");
    expect(error?.message).toContain("fixture-crashes-on-keys");
  });

  it("exits 2 for a pack folder that is not a pack", async () => {
    const code = await main([
      "--program",
      fixture("programs/refs"),
      "--policy-pack",
      fixture("programs/refs"),
      ...reportFiles(),
    ]);
    expect(code).toBe(2);
    expect(json().errors[0]?.message).toBe(
      `${fixture("programs/refs")} is not a policy pack: it has no PulumiPolicy.yaml.`,
    );
  });

  it("finds the same with a kit pack started from source (type-checked by the runner, as the CLI does) and from the cache", async () => {
    const args = [
      "--program",
      fixture("programs/aws-insecure"),
      "--stack",
      "dev",
      "--policy-pack",
      path.join(ROOT, "policy-packs/encryption"),
      "--as-of",
      "2026-11-23",
    ];
    const cached = await main([...args, "--json", path.join(out, "cached.json")]);
    const fromSource = await main([
      ...args,
      "--no-pack-cache",
      "--json",
      path.join(out, "source.json"),
    ]);
    const read = (f: string) =>
      JSON.parse(fs.readFileSync(path.join(out, f), "utf8")) as JsonReport & {
        packs: { name: string; directory: string }[];
      };
    expect([cached, fromSource]).toEqual([1, 1]);
    const a = read("cached.json");
    const b = read("source.json");
    expect(a.errors).toEqual([]);
    expect(a.packs.map((p) => [p.name, p.directory])).toEqual([
      ["enclave-encryption", path.join(ROOT, "policy-packs/encryption")],
    ]);
    expect(a.violations.map((v) => v.policy)).toEqual(
      expect.arrayContaining([
        "aws-kms-key-enable-rotation",
        "aws-rds-database-enable-storage-encryption",
      ]),
    );
    expect(b.violations).toEqual(a.violations);
  });

  it("--no-packs runs the program alone", async () => {
    const code = await main([
      "--program",
      fixture("programs/refs"),
      "--stack",
      "dev",
      "--no-packs",
      ...reportFiles(),
    ]);
    expect(code).toBe(0);
    const report = json() as JsonReport & { packs: unknown[] };
    expect(report.packs).toEqual([]);
    expect(report.resources).toHaveLength(6);
  });

  it("refuses contradictory stack selections", async () => {
    expect(await main(["--stack", "a", "--all"])).toBe(2);
    expect(stderr).toContain("give only one of --stack, --config and --all");
  });
});
