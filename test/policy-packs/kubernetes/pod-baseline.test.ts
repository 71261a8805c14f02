import { describe, expect, it } from "vitest";
import { runOnPod } from "../../helpers/kubernetes-policy";

/** Pod Security Standards, baseline: one compliant pod, then one change per failure mode. */
const app = (spec: Record<string, any>) => spec.containers[0];
const init = (spec: Record<string, any>) => spec.initContainers[0];
const addEphemeral = (spec: Record<string, any>, extra: Record<string, unknown>) => {
  spec.ephemeralContainers = [
    { name: "debug", image: "ghcr.io/enclave/debug@sha256:" + "b".repeat(64), ...extra },
  ];
};

describe("kubernetes-core-pod-disallow-host-process", () => {
  const name = "kubernetes-core-pod-disallow-host-process";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags hostProcess on the pod", () => {
    const out = runOnPod(name, (s) => (s.securityContext.windowsOptions = { hostProcess: true }));
    expect(out.violations).toEqual([
      "securityContext.windowsOptions.hostProcess=true is set on the pod",
    ]);
  });
  it("flags hostProcess on containers of every list", () => {
    const out = runOnPod(name, (s) => {
      init(s).securityContext.windowsOptions = { hostProcess: true };
      app(s).securityContext.windowsOptions = { hostProcess: true };
      addEphemeral(s, { securityContext: { windowsOptions: { hostProcess: true } } });
    });
    expect(out.violations).toEqual([
      'securityContext.windowsOptions.hostProcess=true is set on init container "migrate", container "app", ephemeral container "debug"',
    ]);
  });
  it("accepts hostProcess=false", () => {
    expect(
      runOnPod(name, (s) => (s.securityContext.windowsOptions = { hostProcess: false })).violations,
    ).toEqual([]);
  });
});

describe("kubernetes-core-pod-disallow-host-namespaces", () => {
  const name = "kubernetes-core-pod-disallow-host-namespaces";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
    it(`flags ${field}`, () => {
      expect(runOnPod(name, (s) => (s[field] = true)).violations).toEqual([
        `the pod shares host namespaces: ${field}=true`,
      ]);
    });
  }
  it("lists every shared namespace in one finding", () => {
    const out = runOnPod(name, (s) =>
      Object.assign(s, { hostNetwork: true, hostPID: true, hostIPC: true }),
    );
    expect(out.violations).toEqual([
      "the pod shares host namespaces: hostNetwork=true, hostPID=true, hostIPC=true",
    ]);
  });
});

describe("kubernetes-core-pod-disallow-privileged", () => {
  const name = "kubernetes-core-pod-disallow-privileged";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags a privileged container", () => {
    expect(runOnPod(name, (s) => (app(s).securityContext.privileged = true)).violations).toEqual([
      'securityContext.privileged=true is set on container "app"',
    ]);
  });
  it("flags a privileged init container", () => {
    expect(runOnPod(name, (s) => (init(s).securityContext.privileged = true)).violations).toEqual([
      'securityContext.privileged=true is set on init container "migrate"',
    ]);
  });
  it("flags a privileged ephemeral container", () => {
    const out = runOnPod(name, (s) => addEphemeral(s, { securityContext: { privileged: true } }));
    expect(out.violations).toEqual([
      'securityContext.privileged=true is set on ephemeral container "debug"',
    ]);
  });
});

describe("kubernetes-core-pod-restrict-added-capabilities", () => {
  const name = "kubernetes-core-pod-restrict-added-capabilities";
  it("passes the compliant pod and the baseline set", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(
      runOnPod(
        name,
        (s) =>
          (app(s).securityContext.capabilities.add = ["CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT"]),
      ).violations,
    ).toEqual([]);
  });
  it("flags capabilities outside the baseline set, matched literally", () => {
    const out = runOnPod(name, (s) => {
      app(s).securityContext.capabilities.add = ["NET_RAW", "CHOWN", "CAP_SETPCAP"];
      init(s).securityContext.capabilities.add = ["SYS_ADMIN"];
    });
    expect(out.violations).toEqual([
      'capabilities outside the baseline set are added: init container "migrate" adds SYS_ADMIN; container "app" adds NET_RAW, CAP_SETPCAP',
    ]);
  });
});

describe("kubernetes-core-pod-disallow-host-path", () => {
  const name = "kubernetes-core-pod-disallow-host-path";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags hostPath volumes", () => {
    const out = runOnPod(name, (s) => {
      s.volumes.push(
        { name: "sock", hostPath: { path: "/var/run/docker.sock" } },
        { hostPath: {} },
      );
    });
    expect(out.violations).toEqual([
      `hostPath volumes mount the node's file system: "sock" (/var/run/docker.sock), "volumes[3]"`,
    ]);
  });
});

describe("kubernetes-core-pod-disallow-host-ports", () => {
  const name = "kubernetes-core-pod-disallow-host-ports";
  it("passes the compliant pod and hostPort 0", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(runOnPod(name, (s) => (app(s).ports[0].hostPort = 0)).violations).toEqual([]);
  });
  it("flags host ports", () => {
    const out = runOnPod(name, (s) => {
      app(s).ports = [
        { containerPort: 8080, hostPort: 80 },
        { containerPort: 8443, hostPort: 443 },
      ];
    });
    expect(out.violations).toEqual([
      'host ports are bound on the node: container "app" binds 80, 443',
    ]);
  });
  it("accepts ports on the configured allowed list only", () => {
    const mutate = (s: Record<string, any>) => {
      app(s).ports = [
        { containerPort: 1, hostPort: 5000 },
        { containerPort: 2, hostPort: 6001 },
        { containerPort: 3, hostPort: 8443 },
      ];
    };
    const out = runOnPod(name, mutate, { config: { allowedHostPorts: ["5000-6000", "8443"] } });
    expect(out.violations).toEqual([
      'host ports are bound on the node: container "app" binds 6001',
    ]);
  });
});

describe("kubernetes-core-pod-restrict-apparmor", () => {
  const name = "kubernetes-core-pod-restrict-apparmor";
  const annotation = "container.apparmor.security.beta.kubernetes.io/app";
  it("passes the compliant pod and allowed profiles", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const out = runOnPod(
      name,
      (s) => {
        s.securityContext.appArmorProfile = { type: "RuntimeDefault" };
        app(s).securityContext.appArmorProfile = { type: "Localhost", localhostProfile: "k8s-app" };
      },
      { metadata: { annotations: { [annotation]: "localhost/k8s-app" } } },
    );
    expect(out.violations).toEqual([]);
  });
  it("flags an Unconfined profile on the pod and a container", () => {
    const out = runOnPod(name, (s) => {
      s.securityContext.appArmorProfile = { type: "Unconfined" };
      app(s).securityContext.appArmorProfile = { type: "Unconfined" };
    });
    expect(out.violations).toEqual([
      'securityContext.appArmorProfile.type is not RuntimeDefault or Localhost on the pod (Unconfined), container "app" (Unconfined)',
    ]);
  });
  it("flags a forbidden profile in the pod template's annotations", () => {
    const out = runOnPod(name, () => undefined, {
      metadata: { annotations: { [annotation]: "unconfined" } },
    });
    expect(out.violations).toEqual([
      `AppArmor annotations select a forbidden profile: ${annotation}=unconfined`,
    ]);
  });
});

describe("kubernetes-core-pod-restrict-selinux", () => {
  const name = "kubernetes-core-pod-restrict-selinux";
  it("passes the compliant pod and allowed types", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const out = runOnPod(name, (s) => {
      s.securityContext.seLinuxOptions = { level: "s0:c123,c456" };
      app(s).securityContext.seLinuxOptions = { type: "container_engine_t" };
    });
    expect(out.violations).toEqual([]);
  });
  it("flags a forbidden type on the pod", () => {
    expect(
      runOnPod(name, (s) => (s.securityContext.seLinuxOptions = { type: "spc_t" })).violations,
    ).toEqual(['forbidden securityContext.seLinuxOptions: the pod sets type "spc_t"']);
  });
  it("flags a custom user and role on a container", () => {
    const out = runOnPod(
      name,
      (s) => (app(s).securityContext.seLinuxOptions = { user: "system_u", role: "system_r" }),
    );
    expect(out.violations).toEqual([
      'forbidden securityContext.seLinuxOptions: container "app" sets user "system_u", role "system_r"',
    ]);
  });
  it("applies the configured type list", () => {
    const out = runOnPod(
      name,
      (s) => (app(s).securityContext.seLinuxOptions = { type: "container_engine_t" }),
      {
        config: { allowedTypes: ["container_t"] },
      },
    );
    expect(out.violations).toEqual([
      'forbidden securityContext.seLinuxOptions: container "app" sets type "container_engine_t"',
    ]);
  });
});

describe("kubernetes-core-pod-restrict-proc-mount", () => {
  const name = "kubernetes-core-pod-restrict-proc-mount";
  it("passes the compliant pod and procMount Default", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).securityContext.procMount = "Default")).violations,
    ).toEqual([]);
  });
  it("flags an Unmasked /proc, also in a user-namespace pod", () => {
    const out = runOnPod(name, (s) => {
      s.hostUsers = false;
      init(s).securityContext.procMount = "Unmasked";
    });
    expect(out.violations).toEqual([
      'securityContext.procMount is not Default on init container "migrate" (Unmasked)',
    ]);
  });
});

describe("kubernetes-core-pod-disallow-unconfined-seccomp", () => {
  const name = "kubernetes-core-pod-disallow-unconfined-seccomp";
  it("passes the compliant pod and an unset profile", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(runOnPod(name, (s) => delete s.securityContext.seccompProfile).violations).toEqual([]);
  });
  it("flags Unconfined on the pod and on a container", () => {
    const out = runOnPod(name, (s) => {
      s.securityContext.seccompProfile = { type: "Unconfined" };
      app(s).securityContext.seccompProfile = { type: "Unconfined" };
    });
    expect(out.violations).toEqual([
      'securityContext.seccompProfile.type is not RuntimeDefault or Localhost on the pod (Unconfined), container "app" (Unconfined)',
    ]);
  });
});

describe("kubernetes-core-pod-restrict-sysctls", () => {
  const name = "kubernetes-core-pod-restrict-sysctls";
  it("passes the compliant pod and safe sysctls", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const safe = [
      { name: "net.ipv4.tcp_keepalive_time", value: "600" },
      { name: "net.ipv4.tcp_rmem", value: "4096 87380 6291456" },
    ];
    expect(runOnPod(name, (s) => (s.securityContext.sysctls = safe)).violations).toEqual([]);
  });
  it("flags unsafe sysctls", () => {
    const out = runOnPod(name, (s) => {
      s.securityContext.sysctls = [
        { name: "kernel.shm_rmid_forced", value: "1" },
        { name: "net.ipv4.ip_forward", value: "1" },
        { name: "kernel.msgmax", value: "1" },
      ];
    });
    expect(out.violations).toEqual([
      "the pod sets sysctls outside the safe set: net.ipv4.ip_forward, kernel.msgmax",
    ]);
  });
});

describe("kubernetes-core-pod-disallow-probe-host", () => {
  const name = "kubernetes-core-pod-disallow-probe-host";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags a probe host", () => {
    expect(
      runOnPod(name, (s) => (app(s).livenessProbe.httpGet.host = "169.254.169.254")).violations,
    ).toEqual([
      'probes or lifecycle handlers target another host: container "app" (livenessProbe.httpGet.host=169.254.169.254)',
    ]);
  });
  it("flags a lifecycle handler host", () => {
    const out = runOnPod(
      name,
      (s) => (init(s).lifecycle = { preStop: { tcpSocket: { host: "10.0.0.1", port: 22 } } }),
    );
    expect(out.violations).toEqual([
      'probes or lifecycle handlers target another host: init container "migrate" (lifecycle.preStop.tcpSocket.host=10.0.0.1)',
    ]);
  });
});
