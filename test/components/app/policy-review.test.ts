import { beforeAll, describe, expect, it } from "vitest";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../../helpers/policy";

let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let policies: typeof import("../../../policy-packs/policies/kubernetes");

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  policies = await import("../../../policy-packs/policies/kubernetes");
});

/** Every kubernetes policy of the packs, run on what the layer emits as the analyzer would see it. */
function review(resources: h.Recorded[]): string[] {
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
  });
});
