import { run } from "@bufbuild/cel";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { imagePattern, repositoryOf } from "../../../components/app/admission/rules";
import * as h from "../../helpers/app-layer";
import { schemaError } from "../../helpers/kubernetes-schema";

type Loose = h.Loose;
let resources: h.Recorded[] = [];

beforeAll(async () => {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { AppLayer } = await import("../../../components/app");
  const resolved = resolveLayerSettings(
    { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS } },
    { tenant: "acme", environment: "prod" },
  );
  expect(resolved.problems).toEqual([]);
  ({ resources } = await h.render(
    () =>
      new AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings: resolved.settings!,
      }),
  ));
});

/** JSON as the API server hands it to CEL: integers are CEL ints. */
function asApiServer(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) {
    return BigInt(value);
  }
  if (Array.isArray(value)) {
    return value.map(asApiServer);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asApiServer(v)]));
  }
  return value;
}

const policy = (suffix: string): Loose =>
  h.named(resources, "ValidatingAdmissionPolicy", `enclave-acme-${suffix}`);

/** The messages of the validations that refuse `object` (as the API server evaluates them). */
function refusals(suffix: string, variables: Record<string, unknown>): string[] {
  return (policy(suffix).spec.validations as Loose[])
    .filter((v) => run(v.expression, asApiServer(variables) as never) !== true)
    .map((v) => v.message);
}

/** Every pod the stack runs in the tenant namespace, as the controllers would create it. */
function tenantPods(): { owner: string; pod: Loose }[] {
  return h
    .kubernetesObjects(resources)
    .map((r) => h.plain(r.inputs))
    .filter((o) => ["Deployment", "StatefulSet", "Job"].includes(o.kind))
    .filter((o) => o.metadata.namespace === "enclave-acme")
    .map((o) => ({
      owner: `${o.kind}/${o.metadata.name}`,
      pod: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: o.spec.template.metadata,
        spec: o.spec.template.spec,
      },
    }));
}

const good = () =>
  structuredClone(tenantPods().find((p) => p.owner.startsWith("Deployment/keycloak"))!.pod);
const IMAGES = "every image must be pinned by digest";

describe("the tenant namespace's admission policies", () => {
  it("are valid admissionregistration.k8s.io/v1 objects, failing closed, bound to the namespace to deny and audit", () => {
    for (const suffix of ["pods", "network-policies"]) {
      const p = policy(suffix);
      expect(schemaError({ apiVersion: "admissionregistration.k8s.io/v1", ...p })).toBeUndefined();
      expect(p.spec.failurePolicy).toBe("Fail");
      expect(p.spec.matchConstraints.namespaceSelector.matchLabels).toEqual({
        "kubernetes.io/metadata.name": "enclave-acme",
      });
      const binding = h.named(
        resources,
        "ValidatingAdmissionPolicyBinding",
        `enclave-acme-${suffix}`,
      );
      expect(binding.spec.policyName).toBe(`enclave-acme-${suffix}`);
      expect(binding.spec.validationActions).toEqual(["Deny", "Audit"]);
      expect(binding.spec.matchResources.namespaceSelector.matchLabels).toEqual({
        "kubernetes.io/metadata.name": "enclave-acme",
      });
    }
    expect(policy("pods").spec.matchConstraints.resourceRules[0].resources).toEqual([
      "pods",
      "pods/ephemeralcontainers",
    ]);
    expect(policy("network-policies").spec.matchConstraints.resourceRules[0].operations).toEqual([
      "CREATE",
      "UPDATE",
      "DELETE",
    ]);
  });

  it("admit every pod the stack itself runs in the namespace", () => {
    const pods = tenantPods();
    expect(pods.length).toBeGreaterThanOrEqual(7);
    for (const { owner, pod } of pods) {
      expect(refusals("pods", { object: pod }), owner).toEqual([]);
    }
  });

  const cases: [string, (pod: Loose) => void, string][] = [
    [
      "an image by tag only",
      (p) => (p.spec.containers[0].image = "quay.io/keycloak/keycloak:26.7.3"),
      IMAGES,
    ],
    [
      "a pinned image from another repository",
      (p) =>
        (p.spec.containers[0].image = `docker.io/attacker/keycloak:26@sha256:${"a".repeat(64)}`),
      IMAGES,
    ],
    [
      "an allowed repository's prefix used as a host",
      (p) =>
        (p.spec.containers[0].image = `quay.io/keycloak/keycloak.evil.example/x@sha256:${"a".repeat(64)}`),
      IMAGES,
    ],
    [
      "an unpinned init container",
      (p) => (p.spec.initContainers = [{ name: "init", image: "busybox" }]),
      IMAGES,
    ],
    [
      "an ephemeral debug container",
      (p) =>
        (p.spec.ephemeralContainers = [{ name: "debug", image: "docker.io/library/busybox:1.36" }]),
      IMAGES,
    ],
    [
      "a privileged container",
      (p) => (p.spec.containers[0].securityContext.privileged = true),
      "privileged containers are not admitted in this namespace",
    ],
    [
      "privilege escalation",
      (p) => (p.spec.containers[0].securityContext.allowPrivilegeEscalation = true),
      "containers may not allow privilege escalation in this namespace",
    ],
    [
      "hostNetwork",
      (p) => (p.spec.hostNetwork = true),
      "pods may not share the node's network, PID or IPC namespace in this namespace",
    ],
    [
      "hostPID",
      (p) => (p.spec.hostPID = true),
      "pods may not share the node's network, PID or IPC namespace in this namespace",
    ],
    [
      "hostIPC",
      (p) => (p.spec.hostIPC = true),
      "pods may not share the node's network, PID or IPC namespace in this namespace",
    ],
    [
      "a hostPath volume",
      (p) => p.spec.volumes.push({ name: "host", hostPath: { path: "/" } }),
      "hostPath volumes are not admitted in this namespace",
    ],
    [
      "a host port",
      (p) => (p.spec.containers[0].ports = [{ containerPort: 8443, hostPort: 8443 }]),
      "host ports are not admitted in this namespace",
    ],
  ];
  it.each(cases)("refuse a pod with %s, with that rule's message only", (_, mutate, message) => {
    const pod = good();
    mutate(pod);
    const refused = refusals("pods", { object: pod });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(message);
  });

  it("let no service account of the namespace change its NetworkPolicies; the deployer still can", () => {
    const as = (username: string) =>
      refusals("network-policies", {
        request: { userInfo: { username } },
        object: null,
        oldObject: { metadata: { name: "default-deny", namespace: "enclave-acme" } },
      });
    expect(as("system:serviceaccount:enclave-acme:diffgram")).toEqual([
      "service accounts of enclave-acme may not create, change or delete its NetworkPolicies",
    ]);
    expect(as("system:serviceaccount:enclave-acme:keycloak-configure")).toHaveLength(1);
    expect(as("arn:aws:sts::111122223333:assumed-role/enclave-deployer/ci")).toEqual([]);
    expect(as("system:serviceaccount:enclave-acme-other:diffgram")).toEqual([]);
  });

  it("derive the allowed repositories from the stack's pinned images", () => {
    expect(
      repositoryOf(`registry.example.com:5000/diffgram/default:1.25.3@sha256:${"1".repeat(64)}`),
    ).toBe("registry.example.com:5000/diffgram/default");
    expect(repositoryOf(`quay.io/keycloak/keycloak@sha256:${"1".repeat(64)}`)).toBe(
      "quay.io/keycloak/keycloak",
    );
    expect(imagePattern(["a.io/x", "a.io/x", "b.io/y.z"])).toBe(
      "^(a\\.io/x|b\\.io/y\\.z)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$",
    );
  });
});
