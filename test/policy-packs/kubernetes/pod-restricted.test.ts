import { describe, expect, it } from "vitest";
import { runOnPod } from "../../helpers/kubernetes-policy";

/** Pod Security Standards, restricted: one compliant pod, then one change per failure mode. */
const app = (spec: Record<string, any>) => spec.containers[0];
const init = (spec: Record<string, any>) => spec.initContainers[0];
const PATCH = { type: "kubernetes:apps/v1:DeploymentPatch" };

describe("kubernetes-core-pod-restrict-volume-types", () => {
  const name = "kubernetes-core-pod-restrict-volume-types";
  it("passes the compliant pod and every allowed type", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const allowed = [
      "configMap",
      "csi",
      "downwardAPI",
      "emptyDir",
      "ephemeral",
      "image",
      "persistentVolumeClaim",
      "projected",
      "secret",
    ];
    const out = runOnPod(name, (s) => (s.volumes = allowed.map((t) => ({ name: t, [t]: {} }))));
    expect(out.violations).toEqual([]);
  });
  it("flags restricted and unknown volume types", () => {
    const out = runOnPod(name, (s) => {
      s.volumes.push(
        { name: "share", nfs: { server: "nfs", path: "/" } },
        { name: "host", hostPath: { path: "/" } },
        { name: "odd" },
      );
    });
    expect(out.violations).toEqual([
      'volumes use types outside the restricted set: "share" (nfs), "host" (hostPath), "odd" (unknown)',
    ]);
  });
  it("does not judge a patch's volume entry without a source", () => {
    expect(runOnPod(name, (s) => s.volumes.push({ name: "odd" }), PATCH).violations).toEqual([]);
  });
});

describe("kubernetes-core-pod-disallow-privilege-escalation", () => {
  const name = "kubernetes-core-pod-disallow-privilege-escalation";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags allowPrivilegeEscalation=true", () => {
    expect(
      runOnPod(name, (s) => (app(s).securityContext.allowPrivilegeEscalation = true)).violations,
    ).toEqual(['securityContext.allowPrivilegeEscalation is not false on container "app"']);
  });
  it("flags an unset allowPrivilegeEscalation", () => {
    expect(runOnPod(name, (s) => delete init(s).securityContext).violations).toEqual([
      'securityContext.allowPrivilegeEscalation is not false on init container "migrate"',
    ]);
  });
  it("exempts Windows pods", () => {
    const out = runOnPod(name, (s) => {
      s.os = { name: "windows" };
      delete app(s).securityContext;
    });
    expect(out.violations).toEqual([]);
  });
  it("judges only explicit values on a patch", () => {
    expect(runOnPod(name, (s) => delete app(s).securityContext, PATCH).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).securityContext.allowPrivilegeEscalation = true), PATCH)
        .violations,
    ).toEqual(['securityContext.allowPrivilegeEscalation is not false on container "app"']);
  });
});

describe("kubernetes-core-pod-require-run-as-non-root", () => {
  const name = "kubernetes-core-pod-require-run-as-non-root";
  it("passes the compliant pod, and containers that each set it", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const out = runOnPod(name, (s) => {
      delete s.securityContext.runAsNonRoot;
      app(s).securityContext.runAsNonRoot = true;
      init(s).securityContext.runAsNonRoot = true;
    });
    expect(out.violations).toEqual([]);
  });
  it("flags runAsNonRoot=false on the pod", () => {
    expect(runOnPod(name, (s) => (s.securityContext.runAsNonRoot = false)).violations).toEqual([
      "securityContext.runAsNonRoot=false is set on the pod",
      'securityContext.runAsNonRoot=true is set neither on the pod nor on init container "migrate", container "app"',
    ]);
  });
  it("flags runAsNonRoot=false on a container despite the pod", () => {
    expect(runOnPod(name, (s) => (app(s).securityContext.runAsNonRoot = false)).violations).toEqual(
      ['securityContext.runAsNonRoot=false is set on container "app"'],
    );
  });
  it("flags containers left to run as root", () => {
    const out = runOnPod(name, (s) => {
      delete s.securityContext.runAsNonRoot;
      app(s).securityContext.runAsNonRoot = true;
    });
    expect(out.violations).toEqual([
      'securityContext.runAsNonRoot=true is set neither on the pod nor on init container "migrate"',
    ]);
  });
  it("judges only explicit values on a patch", () => {
    expect(runOnPod(name, (s) => delete s.securityContext.runAsNonRoot, PATCH).violations).toEqual(
      [],
    );
  });
});

describe("kubernetes-core-pod-disallow-root-user", () => {
  const name = "kubernetes-core-pod-disallow-root-user";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags runAsUser=0 on the pod and on a container", () => {
    const out = runOnPod(name, (s) => {
      s.securityContext.runAsUser = 0;
      init(s).securityContext.runAsUser = 0;
    });
    expect(out.violations).toEqual([
      'securityContext.runAsUser=0 is set on the pod, init container "migrate"',
    ]);
  });
});

describe("kubernetes-core-pod-require-seccomp-profile", () => {
  const name = "kubernetes-core-pod-require-seccomp-profile";
  it("passes the compliant pod, and containers that each set a profile", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const out = runOnPod(name, (s) => {
      delete s.securityContext.seccompProfile;
      app(s).securityContext.seccompProfile = {
        type: "Localhost",
        localhostProfile: "profiles/app.json",
      };
      init(s).securityContext.seccompProfile = { type: "RuntimeDefault" };
    });
    expect(out.violations).toEqual([]);
  });
  it("flags an Unconfined profile", () => {
    expect(
      runOnPod(name, (s) => (app(s).securityContext.seccompProfile = { type: "Unconfined" }))
        .violations,
    ).toEqual([
      'securityContext.seccompProfile.type is not RuntimeDefault or Localhost on container "app" (Unconfined)',
    ]);
  });
  it("flags containers without a profile", () => {
    expect(runOnPod(name, (s) => delete s.securityContext.seccompProfile).violations).toEqual([
      'securityContext.seccompProfile.type is set neither on the pod nor on init container "migrate", container "app"',
    ]);
  });
  it("exempts Windows pods", () => {
    const out = runOnPod(name, (s) => {
      s.os = { name: "windows" };
      delete s.securityContext.seccompProfile;
    });
    expect(out.violations).toEqual([]);
  });
});

describe("kubernetes-core-pod-drop-all-capabilities", () => {
  const name = "kubernetes-core-pod-drop-all-capabilities";
  it("passes the compliant pod and NET_BIND_SERVICE", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).securityContext.capabilities.add = ["NET_BIND_SERVICE"]))
        .violations,
    ).toEqual([]);
  });
  it("flags containers that do not drop ALL", () => {
    const out = runOnPod(name, (s) => {
      app(s).securityContext.capabilities.drop = ["NET_RAW"];
      delete init(s).securityContext.capabilities;
    });
    expect(out.violations).toEqual([
      'securityContext.capabilities.drop does not include ALL on init container "migrate", container "app"',
    ]);
  });
  it("flags added capabilities other than NET_BIND_SERVICE", () => {
    expect(
      runOnPod(
        name,
        (s) => (app(s).securityContext.capabilities.add = ["CHOWN", "NET_BIND_SERVICE"]),
      ).violations,
    ).toEqual(['capabilities other than NET_BIND_SERVICE are added: container "app" adds CHOWN']);
  });
  it("judges only added capabilities on a patch", () => {
    expect(runOnPod(name, (s) => delete app(s).securityContext, PATCH).violations).toEqual([]);
  });
});
