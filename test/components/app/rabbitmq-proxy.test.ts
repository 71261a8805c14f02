import { beforeAll, describe, expect, it } from "vitest";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { rabbitmqProxyConf } from "../../../components/app/rabbitmq/client-proxy";
import { kubernetesPolicies } from "../../../policy-packs/policies/kubernetes";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { runResourcePolicy } from "../../helpers/policy";

/**
 * Diffgram's RabbitMQ path: the verifying TLS proxy beside each Diffgram pod, and the optional
 * mutual TLS (enclave:app.rabbitmqMutualTls) that makes the broker require client certificates
 * and the proxies present one per workload. The layer is rendered twice under the mock engine.
 */
type Loose = h.Loose;
const NS = "enclave-acme";
const WORKLOADS = [
  ["Deployment", "diffgram-default"],
  ["Deployment", "diffgram-walrus"],
  ["Deployment", "diffgram-eventhandlers"],
] as const;

async function renderLayer(rabbitmqMutualTls?: boolean): Promise<h.Recorded[]> {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { AppLayer } = await import("../../../components/app");
  const resolved = resolveLayerSettings(
    {
      images: h.DIFFGRAM_IMAGES,
      keycloak: { admins: h.MASTER_ADMINS },
      ...(rabbitmqMutualTls === undefined ? {} : { rabbitmqMutualTls }),
    },
    { tenant: "acme", environment: "prod" },
  );
  expect(resolved.problems).toEqual([]);
  const { resources } = await h.render(
    () =>
      new AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings: resolved.settings!,
      }),
  );
  return resources;
}

function podOf(resources: h.Recorded[], kind: string, name: string): Loose {
  const found = h
    .byKind(resources, kind)
    .filter((o) => (o.metadata.labels ?? {})["app.kubernetes.io/name"] === name);
  expect(found, `${kind} ${name}`).toHaveLength(1);
  return h.plain(found[0]).spec.template.spec;
}
const proxyOf = (spec: Loose): Loose =>
  spec.initContainers.find((c: Loose) => c.name === "rabbitmq-proxy");
const brokerConf = (resources: h.Recorded[]): string =>
  h.named(resources, "Secret", "rabbitmq-config").stringData["20-enclave.conf"];
const proxyConf = (resources: h.Recorded[]): string =>
  h.named(resources, "ConfigMap", "rabbitmq-proxy").data["nginx.conf"];
const clientCertificates = (resources: h.Recorded[]) =>
  h.byKind(resources, "Certificate").filter((c) => (c.spec.usages ?? []).includes("client auth"));

describe("rabbitmqProxyConf", () => {
  const conf = rabbitmqProxyConf({ serverName: "rabbitmq.ns.svc", mutualTls: false });

  it("listens on loopback only, once, and nowhere else", () => {
    expect([...conf.matchAll(/^\s*listen (.+);$/gm)].map((m) => m[1])).toEqual(["127.0.0.1:5672"]);
  });

  it("verifies the broker (chain and name) and fails closed: no fallback upstream, no plain path", () => {
    expect(conf).toMatch(/^\s*proxy_ssl on;$/m);
    expect(conf).toMatch(/^\s*proxy_ssl_verify on;$/m);
    expect(conf).toMatch(/^\s*proxy_ssl_name rabbitmq\.ns\.svc;$/m);
    expect(conf).toMatch(
      /^\s*proxy_ssl_trusted_certificate \/etc\/enclave\/internal-ca\/ca\.crt;$/m,
    );
    expect(conf).not.toMatch(/\bupstream\b|\bbackup\b|proxy_next_upstream on/);
    expect([...conf.matchAll(/^\s*proxy_pass (.+);$/gm)].map((m) => m[1])).toEqual([
      "rabbitmq.ns.svc:5671",
    ]);
    // TLS 1.2 suites: forward-secret AEAD only, the broker's own list.
    const ciphers = /proxy_ssl_ciphers ([^;]+);/.exec(conf)![1]!.split(":");
    expect(
      ciphers.every((c) =>
        /^ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/.test(c),
      ),
    ).toBe(true);
  });

  it("presents the client certificate only with mutual TLS", () => {
    expect(conf).not.toContain("proxy_ssl_certificate");
    const mutual = rabbitmqProxyConf({ serverName: "rabbitmq.ns.svc", mutualTls: true });
    expect(mutual).toContain(
      "        proxy_ssl_certificate /etc/enclave/rabbitmq-client/tls.crt;\n",
    );
    expect(mutual).toContain(
      "        proxy_ssl_certificate_key /etc/enclave/rabbitmq-client/tls.key;\n",
    );
  });
});

describe("the RabbitMQ proxy in the rendered layer", () => {
  let off: h.Recorded[];
  let on: h.Recorded[];

  beforeAll(async () => {
    off = await renderLayer();
    on = await renderLayer(true);
  }, 120_000);

  it("puts the proxy, restricted and sized, in every Diffgram pod that talks to RabbitMQ, and in no other", () => {
    for (const [kind, name] of WORKLOADS) {
      const spec = podOf(off, kind, name);
      const proxy = proxyOf(spec);
      expect(proxy.image, name).toBe(
        "docker.io/library/nginx:1.30.5-alpine@sha256:0985e772fb9f729e6fa0980da05fca5d9c468e870eed43071545afa9d2e27d94",
      );
      expect(proxy.securityContext, name).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(proxy.resources.limits, name).toEqual({ cpu: "250m", memory: "64Mi" });
      // Its only writable path is its own scratch volume.
      const writable = proxy.volumeMounts.filter((m: Loose) => !m.readOnly);
      expect(writable, name).toEqual([{ name: "rabbitmq-proxy-tmp", mountPath: "/tmp" }]);
    }
    const withProxy = h
      .kubernetesObjects(off)
      .filter((r) =>
        (h.plain(r.inputs).spec?.template?.spec?.initContainers ?? []).some(
          (c: Loose) => c.name === "rabbitmq-proxy",
        ),
      )
      .map((r) => h.plain(r.inputs).metadata.labels["app.kubernetes.io/name"])
      .sort();
    expect(withProxy).toEqual(WORKLOADS.map(([, n]) => n).sort());
    // The migration Job uses no queue: no proxy, and its RabbitMQ settings name its own loopback.
    const job = podOf(off, "Job", "diffgram-migrate");
    expect(job.initContainers.map((c: Loose) => c.name)).toEqual(["trust-bundle"]);
    const env = Object.fromEntries(job.containers[0].env.map((e: Loose) => [e.name, e.value]));
    expect([env.RABBITMQ_HOST, env.RABBITMQ_USE_SSL]).toEqual(["127.0.0.1", "False"]);
  });

  it("without mutual TLS (the default): no client certificate anywhere, the broker admits clients without one", () => {
    expect(clientCertificates(off)).toEqual([]);
    expect(proxyConf(off)).not.toContain("proxy_ssl_certificate");
    expect(brokerConf(off)).toContain("ssl_options.fail_if_no_peer_cert = false\n");
    for (const [kind, name] of WORKLOADS) {
      const spec = podOf(off, kind, name);
      expect(
        spec.volumes.map((v: Loose) => v.name),
        name,
      ).not.toContain("rabbitmq-client-tls");
    }
  });

  it("with mutual TLS: the broker refuses clients without a certificate, still verifying peers", () => {
    const conf = brokerConf(on);
    expect(conf).toContain("ssl_options.fail_if_no_peer_cert = true\n");
    expect(conf).toContain("ssl_options.verify = verify_peer\n");
    expect(conf).toContain("ssl_options.cacertfile = /etc/rabbitmq/tls/ca.crt\n");
  });

  it("with mutual TLS: cert-manager issues one client certificate per workload from the internal CA", () => {
    const certs = clientCertificates(on).map((c) => h.plain(c));
    expect(certs.map((c) => c.spec.secretName).sort()).toEqual(
      WORKLOADS.map(([, n]) => `${n}-amqp-client-tls`).sort(),
    );
    for (const c of certs) {
      expect(c.metadata.namespace).toBe(NS);
      expect(c.spec.usages).toEqual(["client auth", "digital signature"]);
      expect(c.spec.dnsNames).toBeUndefined();
      expect(c.spec.issuerRef).toEqual({
        group: "cert-manager.io",
        kind: "ClusterIssuer",
        name: "enclave-acme-internal-ca",
      });
      expect(c.spec.privateKey).toEqual({
        algorithm: "ECDSA",
        size: 256,
        rotationPolicy: "Always",
      });
      expect(c.spec.renewBefore).toBe("720h");
    }
  });

  it("with mutual TLS: each proxy presents its own workload's certificate, which the app container never mounts", () => {
    expect(proxyConf(on)).toContain("proxy_ssl_certificate /etc/enclave/rabbitmq-client/tls.crt;");
    for (const [kind, name] of WORKLOADS) {
      const spec = podOf(on, kind, name);
      const volume = spec.volumes.find((v: Loose) => v.name === "rabbitmq-client-tls");
      expect(volume?.secret, name).toEqual({
        secretName: `${name}-amqp-client-tls`,
        defaultMode: 0o440,
        items: [
          { key: "tls.crt", path: "tls.crt" },
          { key: "tls.key", path: "tls.key" },
        ],
      });
      expect(proxyOf(spec).volumeMounts, name).toContainEqual({
        name: "rabbitmq-client-tls",
        mountPath: "/etc/enclave/rabbitmq-client",
        readOnly: true,
      });
      const others = [
        ...spec.containers,
        ...spec.initContainers.filter((c: Loose) => c.name !== "rabbitmq-proxy"),
      ];
      for (const c of others) {
        expect(
          (c.volumeMounts ?? []).map((m: Loose) => m.name),
          `${name} ${c.name}`,
        ).not.toContain("rabbitmq-client-tls");
      }
    }
  });

  it("kubernetes-core-pod-disallow-unverified-rabbitmq-client: silent on every workload of the kit, fires on its earlier RabbitMQ settings", () => {
    const policy = kubernetesPolicies.find(
      (p) => p.name === "kubernetes-core-pod-disallow-unverified-rabbitmq-client",
    ) as EnclaveResourcePolicy;
    let judged = 0;
    for (const r of h.kubernetesObjects(on).concat(h.kubernetesObjects(off))) {
      if (!(policy.enclave.resourceTypes ?? []).includes(r.type)) {
        continue;
      }
      judged += 1;
      const outcome = runResourcePolicy(policy, { type: r.type, props: h.plain(r.inputs) });
      expect(outcome.violations, `${r.type} ${r.name}`).toEqual([]);
    }
    expect(judged).toBeGreaterThanOrEqual(2 * WORKLOADS.length);
    // The kit before the proxy: Diffgram's own (unverifying) TLS to the Service.
    const api = h
      .kubernetesObjects(off)
      .find(
        (r) => r.type === "kubernetes:apps/v1:Deployment" && r.name.endsWith("-diffgram-default"),
      )!;
    const props = h.plain(api.inputs);
    const env = props.spec.template.spec.containers[0].env as Loose[];
    const set = (n: string, v: string) => (env.find((e) => e.name === n)!.value = v);
    set("RABBITMQ_HOST", `rabbitmq.${NS}.svc`);
    set("RABBITMQ_PORT", "5671");
    set("RABBITMQ_USE_SSL", "True");
    expect(runResourcePolicy(policy, { type: api.type, props }).violations).toEqual([
      `Diffgram reaches RabbitMQ without verifying it: container "default" dials RABBITMQ_HOST=rabbitmq.${NS}.svc with RABBITMQ_USE_SSL=True (TLS that verifies no certificate and no name)`,
    ]);
  });
});
