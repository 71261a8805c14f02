/**
 * Checks every enclave policy (all providers, whoever wrote it) for complete metadata, a unique
 * name, one file named after it, and a place in exactly one pack.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import type { EnclavePolicy } from "../../policy-packs/lib/define";
import {
  CONCERNS,
  PACKS,
  PROVIDERS,
  metadataProblems,
  type PackName,
} from "../../policy-packs/lib/metadata";
import { ALL_POLICIES, policiesForPack } from "../../policy-packs/policies";
import { isStackPolicy } from "../helpers/policy";

const ROOT = path.resolve(__dirname, "../../policy-packs");
const POLICY_DIR = path.join(ROOT, "policies");
const SEVERITIES = ["low", "medium", "high", "critical"];
const TYPE_TOKEN = /^[a-z0-9-]+:[A-Za-z0-9/._-]+:[A-Za-z0-9]+$/;

function policyFiles(): string[] {
  return (fs.readdirSync(POLICY_DIR, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && path.basename(f) !== "index.ts")
    .map((f) => path.join(POLICY_DIR, f))
    .sort();
}

function isEnclavePolicy(x: unknown): x is EnclavePolicy {
  return (
    typeof x === "object" &&
    x !== null &&
    "enclave" in x &&
    typeof (x as { name?: unknown }).name === "string"
  );
}

const byName = (p: EnclavePolicy) => [p.name, p] as const;

describe("every enclave policy", () => {
  it("there are policies for every provider", () => {
    for (const provider of PROVIDERS) {
      expect(
        ALL_POLICIES.some((p) => p.name.startsWith(`${provider}-`)),
        provider,
      ).toBe(true);
    }
  });

  it("names are unique across the project", () => {
    const names = ALL_POLICIES.map((p) => p.name);
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates).toEqual([]);
  });

  it.each(ALL_POLICIES.map(byName))("%s has complete metadata", (_name, policy) => {
    expect(metadataProblems(policy.enclave)).toEqual([]);
    expect(policy.enclave.name).toBe(policy.name);
    expect(SEVERITIES).toContain(policy.enclave.severity);
    expect(CONCERNS).toContain(policy.enclave.concern);
    for (const cis of policy.enclave.controls.cis ?? []) {
      expect(cis).toMatch(/^CIS \S.* \d+(\.\d+)*$/);
    }
  });

  it.each(ALL_POLICIES.map(byName))(
    "%s carries its metadata into the SDK's fields",
    (_name, policy) => {
      const meta = policy.enclave;
      expect(policy.description).toBe(meta.description);
      expect(policy.severity).toBe(meta.severity);
      expect(policy.remediationSteps).toBe(meta.remediation);
      expect(policy.framework?.name).toBe("NIST SP 800-53");
      expect(policy.framework?.reference).toBe(meta.controls.nist.join(", "));
      expect(policy.tags).toContain(`concern:${meta.concern}`);
      // A policy may lower its default level (stack config still overrides it), never disable itself.
      expect([undefined, "advisory", "mandatory", "remediate"]).toContain(policy.enforcementLevel);
    },
  );

  it.each(ALL_POLICIES.map(byName))(
    "%s declares what it judges and a complete config schema",
    (_name, policy) => {
      if (isStackPolicy(policy)) {
        expect(typeof policy.validateStack).toBe("function");
      } else {
        const types = policy.enclave.resourceTypes ?? [];
        expect(types.length).toBeGreaterThan(0);
        expect(new Set(types).size).toBe(types.length);
        for (const t of types) {
          expect(t).toMatch(TYPE_TOKEN);
        }
      }
      const properties = policy.configSchema?.properties ?? {};
      expect(Object.keys(properties)).not.toContain("enforcementLevel");
      for (const [key, schema] of Object.entries(properties)) {
        const s = schema as { type?: string; default?: unknown };
        expect(s.default, `${key} has no default`).toBeDefined();
        if (s.type === "integer") {
          expect(Number.isInteger(s.default), key).toBe(true);
        } else if (s.type === "array") {
          expect(Array.isArray(s.default), key).toBe(true);
        } else if (s.type !== undefined) {
          expect(typeof s.default, key).toBe(s.type === "number" ? "number" : s.type);
        }
      }
    },
  );
});

describe("policy files", () => {
  const files = policyFiles();

  it.each(files.map((f) => [path.relative(ROOT, f), f] as const))(
    "%s holds exactly one registered policy named after the file, in its provider's folder",
    async (_rel, file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const policies = [...new Set(Object.values(mod).filter(isEnclavePolicy))];
      expect(policies.map((p) => p.name)).toEqual([path.basename(file, ".ts")]);
      const policy = policies[0]!;
      expect(policy.name.startsWith(`${path.basename(path.dirname(file))}-`)).toBe(true);
      expect(ALL_POLICIES).toContain(policy);
    },
  );

  it("every registered policy has its own file", () => {
    const names = new Set(files.map((f) => path.basename(f, ".ts")));
    expect(ALL_POLICIES.map((p) => p.name).filter((n) => !names.has(n))).toEqual([]);
  });
});

describe("packs", () => {
  const packs = Object.keys(PACKS) as PackName[];

  it("each concern maps to exactly one pack", () => {
    for (const concern of CONCERNS) {
      const carriers = packs.filter((pack) => (PACKS[pack] as readonly string[]).includes(concern));
      expect(carriers, concern).toHaveLength(1);
    }
  });

  it("the packs partition the policies", () => {
    const assigned = packs.flatMap((pack) => policiesForPack(pack).map((p) => p.name));
    expect(assigned.sort()).toEqual(ALL_POLICIES.map((p) => p.name).sort());
  });

  it.each(packs.map((p) => [p] as const))(
    "pack %s has an entry point that loads its policies",
    (pack) => {
      const entry = fs.readFileSync(path.join(ROOT, pack, "index.ts"), "utf8");
      expect(entry).toContain(`policiesForPack("${pack}")`);
      expect(fs.existsSync(path.join(ROOT, pack, "PulumiPolicy.yaml"))).toBe(true);
    },
  );
});
