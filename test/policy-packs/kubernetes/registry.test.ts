import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import type { EnclavePolicy } from "../../../policy-packs/lib/define";
import { POD_OWNER_TOKENS } from "../../../policy-packs/lib/kubernetes/types";
import { CONCERNS, metadataProblems } from "../../../policy-packs/lib/metadata";
import { kubernetesPolicies } from "../../../policy-packs/policies/kubernetes";
import { asKind, resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const DIR = path.resolve(__dirname, "../../../policy-packs/policies/kubernetes");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts");

describe("kubernetes policy registry", () => {
  it("registers one policy per file, named after the file", async () => {
    const names: string[] = [];
    for (const file of files) {
      const mod = (await import(path.join(DIR, file))) as { default: EnclavePolicy };
      expect(mod.default.name).toBe(file.replace(/\.ts$/, ""));
      expect(kubernetesPolicies).toContain(mod.default);
      names.push(mod.default.name);
    }
    expect(kubernetesPolicies.map((p) => p.name).sort()).toEqual(names.sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives every policy complete metadata", () => {
    for (const p of kubernetesPolicies) {
      expect(metadataProblems(p.enclave)).toEqual([]);
      expect(p.name.startsWith("kubernetes-")).toBe(true);
      expect(CONCERNS).toContain(p.enclave.concern);
      expect(p.remediationSteps).toBe(p.enclave.remediation);
    }
  });

  it("gives every configuration property a default", () => {
    for (const p of kubernetesPolicies) {
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
        expect({ policy: p.name, key, hasDefault: "default" in (schema as object) }).toEqual({
          policy: p.name,
          key,
          hasDefault: true,
        });
      }
    }
  });

  it("leaves every level to the pack (mandatory) and the stack's enclave:policy, but the advisory one", () => {
    // The one policy that only says what the packs could not see is advisory by default.
    expect(
      kubernetesPolicies
        .filter((p) => p.enforcementLevel !== undefined)
        .map((p) => [p.name, p.enforcementLevel]),
    ).toEqual([["kubernetes-helm-release-require-visible-workloads", "advisory"]]);
  });
});

/** A pod spec that breaks every pod policy through explicitly set values. */
function badPodSpec(): Record<string, any> {
  return {
    hostNetwork: true,
    serviceAccountName: "default",
    automountServiceAccountToken: true,
    securityContext: {
      runAsNonRoot: false,
      runAsUser: 0,
      seccompProfile: { type: "Unconfined" },
      appArmorProfile: { type: "Unconfined" },
      seLinuxOptions: { type: "spc_t" },
      windowsOptions: { hostProcess: true },
      sysctls: [{ name: "kernel.msgmax", value: "1" }],
    },
    volumes: [{ name: "root", hostPath: { path: "/" } }],
    containers: [
      {
        name: "bad",
        image: "evil.example.com/tool:latest",
        env: [
          { name: "DB_PASSWORD", value: "postgres" },
          { name: "DIFFGRAM_STATIC_STORAGE_PROVIDER", value: "aws" },
          { name: "SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID", value: "518400" },
          { name: "KC_BOOTSTRAP_ADMIN_PASSWORD", value: "admin" },
          { name: "PGSSLMODE", value: "disable" },
          { name: "DATABASE_URL", value: "postgresql://app:postgres@db/app" },
          { name: "RABBITMQ_HOST", value: "rabbitmq.tenant.svc" },
          { name: "RABBITMQ_USE_SSL", value: "True" },
        ],
        ports: [{ containerPort: 80, hostPort: 80 }],
        livenessProbe: { tcpSocket: { host: "10.0.0.1", port: 22 } },
        securityContext: {
          privileged: true,
          allowPrivilegeEscalation: true,
          readOnlyRootFilesystem: false,
          procMount: "Unmasked",
          capabilities: { add: ["SYS_ADMIN"] },
        },
      },
    ],
  };
}

const KIND_OF = (token: string) => token.split(":")[2]!.replace(/Patch$/, "");
const podPolicies = kubernetesPolicies.filter((p) => p.enclave.resourceTypes === POD_OWNER_TOKENS);

describe("pod policies read the pod spec of every pod-template owner, in every apiVersion", () => {
  it("covers the 29 pod-level policies", () => expect(podPolicies).toHaveLength(29));

  for (const policy of podPolicies) {
    it(`${policy.name} flags a bad pod spec in every owner type`, () => {
      const p = resourcePolicyNamed(policy.name);
      const missed = POD_OWNER_TOKENS.filter((type) => {
        // Requirements that a field be present are not judged on patches.
        if (
          type.endsWith("Patch") &&
          policy.name === "kubernetes-core-pod-require-resource-limits"
        ) {
          return false;
        }
        const outcome = runResourcePolicy(p, { type, props: asKind(KIND_OF(type), badPodSpec()) });
        return outcome.notApplicable !== undefined || outcome.violations.length === 0;
      });
      expect(missed).toEqual([]);
    });
  }

  it("is not applicable to other resource types", () => {
    const outcome = runResourcePolicy(
      resourcePolicyNamed("kubernetes-core-pod-disallow-privileged"),
      {
        type: "kubernetes:core/v1:Service",
        props: {},
      },
    );
    expect(outcome.notApplicable).toMatch(
      /^Policy only applies to resources of type kubernetes:core\/v1:Pod, /,
    );
  });
});
