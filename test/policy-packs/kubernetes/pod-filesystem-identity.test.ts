import { describe, expect, it } from "vitest";
import { POD_KINDS, runOnPod } from "../../helpers/kubernetes-policy";

/** One compliant pod (helpers/kubernetes-policy.ts), then one change per failure mode. */
const app = (spec: Record<string, any>) => spec.containers[0];
const init = (spec: Record<string, any>) => spec.initContainers[0];
const PATCH = { type: "kubernetes:apps/v1:DeploymentPatch" };

describe("kubernetes-core-pod-require-readonly-root-filesystem", () => {
  const name = "kubernetes-core-pod-require-readonly-root-filesystem";
  it("passes the compliant pod in every owner kind", () => {
    for (const [kind] of POD_KINDS) {
      expect(runOnPod(name, () => undefined, { kind }).violations, kind).toEqual([]);
    }
  });
  it("flags readOnlyRootFilesystem=false on a container", () => {
    expect(
      runOnPod(name, (s) => (app(s).securityContext.readOnlyRootFilesystem = false)).violations,
    ).toEqual(['securityContext.readOnlyRootFilesystem is not true on container "app"']);
  });
  it("flags an init container without a security context", () => {
    expect(runOnPod(name, (s) => delete init(s).securityContext).violations).toEqual([
      'securityContext.readOnlyRootFilesystem is not true on init container "migrate"',
    ]);
  });
  it("flags an ephemeral container that leaves it unset", () => {
    const out = runOnPod(
      name,
      (s) => (s.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: {} }]),
      { kind: "Pod" },
    );
    expect(out.violations).toEqual([
      'securityContext.readOnlyRootFilesystem is not true on ephemeral container "debug"',
    ]);
  });
  it('reads the string "true" as true, and any other string as not true', () => {
    expect(
      runOnPod(name, (s) => (app(s).securityContext.readOnlyRootFilesystem = "true")).violations,
    ).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).securityContext.readOnlyRootFilesystem = "yes")).violations,
    ).toHaveLength(1);
  });
  it("exempts Windows pods, which cannot set it", () => {
    const out = runOnPod(name, (s) => {
      s.os = { name: "windows" };
      delete app(s).securityContext;
    });
    expect(out.violations).toEqual([]);
  });
  it("judges only what a patch sets: false is flagged, unset is not", () => {
    expect(runOnPod(name, (s) => delete app(s).securityContext, PATCH).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).securityContext.readOnlyRootFilesystem = false), PATCH)
        .violations,
    ).toEqual(['securityContext.readOnlyRootFilesystem is not true on container "app"']);
  });
});

describe("kubernetes-core-pod-disallow-default-service-account", () => {
  const name = "kubernetes-core-pod-disallow-default-service-account";
  it("passes the compliant pod (its own service account) in every owner kind", () => {
    for (const [kind] of POD_KINDS) {
      expect(runOnPod(name, () => undefined, { kind }).violations, kind).toEqual([]);
    }
  });
  it("flags a pod template without serviceAccountName", () => {
    expect(runOnPod(name, (s) => delete s.serviceAccountName).violations).toEqual([
      "Deployment runs as the namespace's default service account: spec.serviceAccountName is not set",
    ]);
  });
  it('flags serviceAccountName "default", on a CronJob', () => {
    expect(
      runOnPod(name, (s) => (s.serviceAccountName = "default"), { kind: "CronJob" }).violations,
    ).toEqual([
      `CronJob runs as the namespace's default service account (serviceAccountName "default")`,
    ]);
  });
  it("flags an empty serviceAccountName", () => {
    expect(runOnPod(name, (s) => (s.serviceAccountName = ""), { kind: "Pod" }).violations).toEqual([
      "Pod runs as the namespace's default service account: spec.serviceAccountName is not set",
    ]);
  });
  it("reads the deprecated serviceAccount alias", () => {
    expect(
      runOnPod(name, (s) => {
        delete s.serviceAccountName;
        s.serviceAccount = "app";
      }).violations,
    ).toEqual([]);
    expect(
      runOnPod(name, (s) => {
        delete s.serviceAccountName;
        s.serviceAccount = "default";
      }).violations,
    ).toHaveLength(1);
  });
  it('judges only what a patch sets: "default" is flagged, unset is not', () => {
    expect(runOnPod(name, (s) => delete s.serviceAccountName, PATCH).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (s.serviceAccountName = "default"), PATCH).violations,
    ).toHaveLength(1);
  });
});
