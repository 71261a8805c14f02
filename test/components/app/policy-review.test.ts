import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../../helpers/policy";
import { skipAnalyzerReplay } from "../../helpers/fixture-recorder";

// Every policy on every resource of the layer (about 5,900 cases, some 40 s through the analyzer
// protocol): not replayed here; the reviewer's runs on the reference stacks
// (test/stacks/reference-stacks.test.ts) put the layer's resources through the protocol.
skipAnalyzerReplay();

let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let policies: typeof import("../../../policy-packs/policies/kubernetes");

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  policies = await import("../../../policy-packs/policies/kubernetes");
});

/**
 * What the AWS reference stacks accept for the cert-manager the layer installs, read from the
 * stack file itself: its accounts' API tokens, its Secret-reading ClusterRoles and the four roles
 * that mint its token, create solver pods, write webhook CA bundles and approve its requests.
 */
const CERT_MANAGER_ALLOWANCES = [
  "kubernetes-core-pod-disable-token-automount",
  "kubernetes-rbac-role-restrict-secret-reads",
  "kubernetes-rbac-role-restrict-credential-reads",
  "kubernetes-rbac-role-disallow-dangerous-subresources",
];
function referenceAllowances(): Record<string, Record<string, unknown>> {
  const file = path.resolve(__dirname, "../../../stacks/Pulumi.aws-dev.yaml");
  const policy = parse(fs.readFileSync(file, "utf8")).config["enclave:policy"];
  return Object.fromEntries(CERT_MANAGER_ALLOWANCES.map((name) => [name, policy[name]]));
}

/** Every kubernetes policy of the packs, run on what the layer emits as the analyzer would see it. */
function review(resources: h.Recorded[], allowances = referenceAllowances()): string[] {
  const config: Record<string, Record<string, unknown>> = {
    // The Diffgram test images come from the operator's mirror, the others from the upstream
    // repositories enclave pins, as the reference stacks allow them (no registry is trusted by default).
    "kubernetes-core-pod-restrict-image-registries": {
      allowedRegistries: [
        "registry.example.com",
        "quay.io/keycloak",
        "quay.io/jetstack",
        "docker.io/library",
      ],
    },
    ...allowances,
  };
  const objects = resources.filter((r) => r.type.startsWith("kubernetes:") && !r.read);
  const found: string[] = [];
  for (const policy of policies.kubernetesPolicies) {
    if (isStackPolicy(policy)) {
      const outcome = runStackPolicy(
        policy,
        objects.map((r) => ({ type: r.type, name: r.name, props: h.plain(r.inputs) })),
        config[policy.name] ?? {},
      );
      found.push(
        ...outcome.violations.map(
          (v) => `${policy.name}: ${v.urn?.split("::").pop()}: ${v.message}`,
        ),
      );
    } else {
      for (const r of objects) {
        const outcome = runResourcePolicy(policy, {
          type: r.type,
          name: r.name,
          props: h.plain(r.inputs),
          config: config[policy.name],
        });
        found.push(...outcome.violations.map((v) => `${policy.name}: ${r.name}: ${v}`));
      }
    }
  }
  return found;
}

describe("the layer against the kit's own Kubernetes policies", () => {
  it.each(["dev", "prod"] as const)("reviews clean in %s", async (environment) => {
    const settings = resolveLayerSettings(
      { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS } },
      { tenant: "acme", environment },
    ).settings!;
    const { resources } = await h.render(
      () =>
        new layerModule.AppLayer("enclave", {
          platform: h.fakePlatform(k8s, { environment }),
          settings,
        }),
    );
    expect(review(resources)).toEqual([]);
    // Without the stack's allowances the packs see cert-manager's API tokens, Secret reads and
    // dangerous grants, and nothing else: three pods, six ClusterRoles under two Secret-read
    // policies, and the four roles of the dangerous-grant policy.
    const seen = review(resources, {});
    expect(seen).toHaveLength(19);
    for (const finding of seen) {
      expect(finding).toMatch(
        /^kubernetes-(core-pod-disable-token-automount|rbac-role-restrict-(secret|credential)-reads|rbac-role-disallow-dangerous-subresources): enclave-certificates-cert-manager-/,
      );
    }
    expect(
      seen
        .filter((f) => f.startsWith("kubernetes-rbac-role-disallow-dangerous-subresources: "))
        .map((f) => f.split(": ")[1])
        .sort(),
    ).toEqual([
      "enclave-certificates-cert-manager-cainjector",
      "enclave-certificates-cert-manager-controller-approve-cert-manager-io",
      "enclave-certificates-cert-manager-controller-challenges",
      "enclave-certificates-cert-manager-tokenrequest",
    ]);
  });
});
