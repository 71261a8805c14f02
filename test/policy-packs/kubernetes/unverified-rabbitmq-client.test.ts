import { describe, expect, it } from "vitest";
import { DIGEST, runOnPod } from "../../helpers/kubernetes-policy";

const name = "kubernetes-core-pod-disallow-unverified-rabbitmq-client";
type Spec = Record<string, any>;
const SERVICE = "rabbitmq.enclave-acme.svc";

/** Compliant: Diffgram dialling its pod's TLS proxy on loopback, as the kit configures it. */
function diffgram(spec: Spec, env: Record<string, unknown> = {}): void {
  const app = spec.containers[0];
  app.image = `registry.example.com/diffgram/default:1.25.3@${DIGEST}`;
  const values: Record<string, unknown> = {
    RABBITMQ_HOST: "127.0.0.1",
    RABBITMQ_PORT: "5672",
    RABBITMQ_USE_SSL: "False",
    ...env,
  };
  app.env = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([n, v]) => (typeof v === "string" ? { name: n, value: v } : { name: n, valueFrom: v }));
}

describe(name, () => {
  it("passes Diffgram dialling its pod's loopback, and a pod that is not Diffgram", () => {
    expect(runOnPod(name, (s) => diffgram(s)).violations).toEqual([]);
    expect(runOnPod(name).violations).toEqual([]);
    for (const host of ["localhost", "::1", "[::1]", "127.0.0.2"]) {
      expect(runOnPod(name, (s) => diffgram(s, { RABBITMQ_HOST: host })).violations).toEqual([]);
    }
  });

  it("flags Diffgram's own TLS to the broker's Service (it verifies nothing)", () => {
    expect(
      runOnPod(name, (s) =>
        diffgram(s, { RABBITMQ_HOST: SERVICE, RABBITMQ_PORT: "5671", RABBITMQ_USE_SSL: "True" }),
      ).violations,
    ).toEqual([
      `Diffgram reaches RabbitMQ without verifying it: container "app" dials RABBITMQ_HOST=${SERVICE} with RABBITMQ_USE_SSL=True (TLS that verifies no certificate and no name)`,
    ]);
  });

  it("flags plain AMQP across the network", () => {
    expect(runOnPod(name, (s) => diffgram(s, { RABBITMQ_HOST: SERVICE })).violations).toEqual([
      `Diffgram reaches RabbitMQ without verifying it: container "app" dials RABBITMQ_HOST=${SERVICE} without TLS (plain AMQP, password included)`,
    ]);
  });

  it("judges init containers and Jobs too", () => {
    const init = (s: Spec) => {
      diffgram(s, { RABBITMQ_HOST: SERVICE });
      s.initContainers = [s.containers[0]];
      s.containers = [{ ...s.containers[0], name: "other", env: [] }];
    };
    expect(runOnPod(name, init).violations).toHaveLength(1);
    expect(
      runOnPod(name, (s) => diffgram(s, { RABBITMQ_HOST: SERVICE }), { kind: "Job" }).violations,
    ).toHaveLength(1);
  });

  it("says nothing of a host it cannot see (from a Secret or ConfigMap), or of a pod spec it cannot read", () => {
    expect(
      runOnPod(name, (s) =>
        diffgram(s, { RABBITMQ_HOST: { configMapKeyRef: { name: "rmq", key: "host" } } }),
      ).violations,
    ).toEqual([]);
    expect(runOnPod(name, (s) => diffgram(s, { RABBITMQ_HOST: undefined })).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => {
        s.containers[0].env = [{ name: "RABBITMQ_USE_SSL" }, "junk", null];
      }).violations,
    ).toEqual([]);
  });
});
