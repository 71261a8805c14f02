import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { typeToken } from "../../../policy-packs/lib/kubernetes/types";
import { kubernetesPolicies } from "../../../policy-packs/policies/kubernetes";
import { runResourcePolicy } from "../../helpers/policy";

/**
 * Kyverno's public Pod Security Standards test manifests (kyverno/policies, Apache-2.0), read in
 * place from the shared folder next to the project (never copied into it). Every *-bad.yaml
 * document must be flagged by the policy for its control; that policy must stay silent on every
 * *-good.yaml document (a good document may break other controls).
 */
const FIXTURES = path.resolve(__dirname, "../../../../shared/fixtures/kyverno-pss");
const present = fs.existsSync(FIXTURES);
if (!present) {
  console.warn(
    `Kyverno PSS fixture test skipped: ${FIXTURES} is absent (../shared is not next to the project).`,
  );
}

/** Kyverno control folder -> the enclave policy for that control (and its configuration). */
const CONTROLS: Record<string, { policy: string; config?: Record<string, unknown> }> = {
  "baseline/disallow-capabilities": { policy: "kubernetes-core-pod-restrict-added-capabilities" },
  "baseline/disallow-host-namespaces": { policy: "kubernetes-core-pod-disallow-host-namespaces" },
  "baseline/disallow-host-path": { policy: "kubernetes-core-pod-disallow-host-path" },
  "baseline/disallow-host-ports": { policy: "kubernetes-core-pod-disallow-host-ports" },
  // Kyverno's alternate control allows the host port range 5000-6000 (the PSS "known list").
  "baseline/disallow-host-ports-range": {
    policy: "kubernetes-core-pod-disallow-host-ports",
    config: { allowedHostPorts: ["5000-6000"] },
  },
  "baseline/disallow-host-process": { policy: "kubernetes-core-pod-disallow-host-process" },
  "baseline/disallow-privileged-containers": { policy: "kubernetes-core-pod-disallow-privileged" },
  "baseline/disallow-proc-mount": { policy: "kubernetes-core-pod-restrict-proc-mount" },
  // Kyverno follows the standard as it was before Kubernetes 1.31, without container_engine_t.
  "baseline/disallow-selinux": {
    policy: "kubernetes-core-pod-restrict-selinux",
    config: { allowedTypes: ["container_t", "container_init_t", "container_kvm_t"] },
  },
  "baseline/restrict-apparmor-profiles": { policy: "kubernetes-core-pod-restrict-apparmor" },
  "baseline/restrict-seccomp": { policy: "kubernetes-core-pod-disallow-unconfined-seccomp" },
  "baseline/restrict-sysctls": { policy: "kubernetes-core-pod-restrict-sysctls" },
  "restricted/disallow-capabilities-strict": {
    policy: "kubernetes-core-pod-drop-all-capabilities",
  },
  "restricted/disallow-privilege-escalation": {
    policy: "kubernetes-core-pod-disallow-privilege-escalation",
  },
  "restricted/require-run-as-non-root-user": { policy: "kubernetes-core-pod-disallow-root-user" },
  "restricted/require-run-as-nonroot": { policy: "kubernetes-core-pod-require-run-as-non-root" },
  "restricted/restrict-seccomp-strict": { policy: "kubernetes-core-pod-require-seccomp-profile" },
  "restricted/restrict-volume-types": { policy: "kubernetes-core-pod-restrict-volume-types" },
};

interface Fixture {
  readonly control: string;
  readonly file: string;
  readonly bad: boolean;
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

function load(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const level of ["baseline", "restricted"]) {
    for (const control of fs.readdirSync(path.join(FIXTURES, level)).sort()) {
      const dir = path.join(FIXTURES, level, control);
      for (const file of fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()) {
        for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"))) {
          if (doc.errors.length > 0) {
            throw new Error(`${level}/${control}/${file}: ${doc.errors[0]!.message}`);
          }
          const props = doc.toJS() as Record<string, unknown> | null;
          if (props === null) {
            continue; // an empty document (a trailing or doubled ---)
          }
          const metadata = props.metadata as { name?: string } | undefined;
          fixtures.push({
            control: `${level}/${control}`,
            file,
            bad: file.endsWith("-bad.yaml"),
            type: typeToken(String(props.apiVersion), String(props.kind)),
            name: metadata?.name ?? "(unnamed)",
            props,
          });
        }
      }
    }
  }
  return fixtures;
}

const policyNamed = (name: string) => {
  const policy = kubernetesPolicies.find((p) => p.name === name);
  if (!policy || !("validateResource" in policy)) {
    throw new Error(`no resource policy named ${name}`);
  }
  return policy as EnclaveResourcePolicy;
};

describe.skipIf(!present)(
  present
    ? "Kyverno Pod Security Standards fixtures"
    : `Kyverno Pod Security Standards fixtures: SKIPPED, ${FIXTURES} is absent (the shared folder next to the project is not checked out)`,
  () => {
    const fixtures = present ? load() : [];

    it("holds the documents the issue counts: 509 bad (every one must be flagged) and 528 good", () => {
      expect(fixtures.filter((f) => f.bad)).toHaveLength(509);
      expect(fixtures.filter((f) => !f.bad)).toHaveLength(528);
      expect(new Set(fixtures.map((f) => f.type))).toEqual(
        new Set([
          "kubernetes:core/v1:Pod",
          "kubernetes:apps/v1:Deployment",
          "kubernetes:batch/v1:CronJob",
        ]),
      );
    });

    it("maps every control folder, and only those, to a policy", () => {
      expect(new Set(fixtures.map((f) => f.control))).toEqual(new Set(Object.keys(CONTROLS)));
    });

    describe.each(Object.entries(CONTROLS))("%s", (control, { policy: name, config }) => {
      const policy = policyNamed(name);
      const run = (f: Fixture) =>
        runResourcePolicy(policy, { type: f.type, props: f.props, name: f.name, config });
      const mine = fixtures.filter((f) => f.control === control);

      it(`${name} flags every bad document`, () => {
        const bad = mine.filter((f) => f.bad);
        expect(bad.length).toBeGreaterThan(0);
        const missed = bad
          .filter((f) => {
            const outcome = run(f);
            return outcome.notApplicable !== undefined || outcome.violations.length === 0;
          })
          .map((f) => `${f.file}: ${f.type} ${f.name}`);
        expect(missed).toEqual([]);
      });

      it(`${name} stays silent on every good document`, () => {
        const good = mine.filter((f) => !f.bad);
        expect(good.length).toBeGreaterThan(0);
        const flagged = good
          .map((f) => ({ f, outcome: run(f) }))
          .filter(
            ({ outcome }) => outcome.notApplicable !== undefined || outcome.violations.length > 0,
          )
          .map(
            ({ f, outcome }) =>
              `${f.file}: ${f.type} ${f.name}: ${outcome.notApplicable ?? outcome.violations.join(" | ")}`,
          );
        expect(flagged).toEqual([]);
      });
    });
  },
);
