import { describe, expect, it } from "vitest";
import {
  hardenedDeployment,
  hardenedJob,
  hardenedPod,
  type WorkloadPodSpec,
} from "../../../components/app/pod";

const base = {
  workload: "api",
  namespace: "tenant-a",
  labels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/part-of": "enclave" },
  selector: { "app.kubernetes.io/name": "api" },
  replicas: 2,
  serviceAccountName: "api",
  uid: 10001,
  pod: { containers: [{ name: "api", image: "registry.example/api@sha256:0" }] },
};

type Built = {
  spec: {
    strategy: unknown;
    template: { metadata: { labels: unknown }; spec: Record<string, unknown> };
  };
};

describe("hardenedDeployment", () => {
  it("gives every pod its service account, no token, no service links, the restricted context and node spreading", () => {
    const built = hardenedDeployment(base) as unknown as Built;
    const pod = built.spec.template.spec;
    expect(pod).toEqual({
      containers: base.pod.containers,
      serviceAccountName: "api",
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      },
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: "kubernetes.io/hostname",
                labelSelector: { matchLabels: base.selector },
              },
            },
          ],
        },
      },
    });
    expect(built.spec.template.metadata.labels).toEqual(base.labels);
    expect(built.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
  });

  it("keeps the hardening even if a caller slips the same fields into the pod", () => {
    const sneaky = {
      ...base.pod,
      automountServiceAccountToken: true,
      securityContext: { runAsUser: 0 },
    } as unknown as WorkloadPodSpec;
    const pod = (hardenedDeployment({ ...base, pod: sneaky }) as unknown as Built).spec.template
      .spec;
    expect(pod["automountServiceAccountToken"]).toBe(false);
    expect(pod["securityContext"]).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  });

  it("takes another rollout strategy when asked", () => {
    const built = hardenedDeployment({
      ...base,
      strategy: { type: "Recreate" },
    }) as unknown as Built;
    expect(built.spec.strategy).toEqual({ type: "Recreate" });
  });
});

describe("hardenedPod and hardenedJob", () => {
  it("always names the workload's own service account, never the namespace default", () => {
    const pod = hardenedPod({ serviceAccountName: "api", uid: 10001, pod: base.pod });
    expect(pod).toMatchObject({
      serviceAccountName: "api",
      automountServiceAccountToken: false,
      enableServiceLinks: false,
    });
    // @ts-expect-error the type requires a service account
    expect(hardenedPod({ uid: 10001, pod: base.pod }).serviceAccountName).toBeUndefined();
  });

  it("builds a run-once Job on the hardened pod, its template labelled with the selector", () => {
    const built = hardenedJob({
      namespace: "tenant-a",
      labels: base.labels,
      selector: { "app.kubernetes.io/instance": "tenant-a" },
      backoffLimit: 4,
      activeDeadlineSeconds: 1800,
      serviceAccountName: "migrate",
      uid: 10001,
      pod: base.pod,
    }) as unknown as {
      metadata: unknown;
      spec: {
        backoffLimit: number;
        activeDeadlineSeconds: number;
        template: { metadata: { labels: unknown }; spec: Record<string, unknown> };
      };
    };
    expect(built.metadata).toEqual({ namespace: "tenant-a", labels: base.labels });
    expect([built.spec.backoffLimit, built.spec.activeDeadlineSeconds]).toEqual([4, 1800]);
    expect(built.spec.template.metadata.labels).toEqual({
      "app.kubernetes.io/instance": "tenant-a",
      ...base.labels,
    });
    expect(built.spec.template.spec).toEqual({
      ...hardenedPod({ serviceAccountName: "migrate", uid: 10001, pod: base.pod }),
      restartPolicy: "Never",
    });
    expect(built.spec.template.spec).toMatchObject({
      serviceAccountName: "migrate",
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001 },
    });
  });
});
