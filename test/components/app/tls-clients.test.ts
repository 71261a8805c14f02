import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { kubernetesPolicies } from "../../../policy-packs/policies/kubernetes";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { runResourcePolicy } from "../../helpers/policy";

/**
 * TLS on every hop, client side: every client the app layer configures verifies the server it
 * talks to, against the right CA, under the right name (Diffgram's RabbitMQ connections through
 * the pod's verifying proxy, as its own client cannot verify; see docs/security-model.md, "TLS on
 * every hop").
 */
type Loose = h.Loose;
let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let resources: h.Recorded[];

const DOMAIN = "annotate.acme.example.com";
const NS = "enclave-acme";
const DB_CA = "/etc/enclave/db-ca/ca.pem";
const TRUST_BUNDLE = "/etc/enclave/trust/ca-bundle.pem";
const INTERNAL_CA_SECRET = "internal-ca-trust";

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  const resolved = resolveLayerSettings(
    { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS } },
    { tenant: "acme", environment: "prod" },
  );
  expect(resolved.problems).toEqual([]);
  ({ resources } = await h.render(
    () =>
      new layerModule.AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings: resolved.settings!,
      }),
  ));
});

/** A workload by its app.kubernetes.io/name (Jobs carry generated names). */
function workload(kind: string, name: string): Loose {
  const found = h
    .byKind(resources, kind)
    .filter((o) => (o.metadata.labels ?? {})["app.kubernetes.io/name"] === name);
  expect(found, `${kind} ${name}`).toHaveLength(1);
  return found[0];
}
const podSpec = (kind: string, name: string): Loose => workload(kind, name).spec.template.spec;
const envOf = (container: Loose): Record<string, Loose> =>
  Object.fromEntries((container.env ?? []).map((e: Loose) => [e.name, e.value ?? e.valueFrom]));
const mountAt = (container: Loose, path: string): Loose | undefined =>
  (container.volumeMounts ?? []).find((m: Loose) => m.mountPath === path);
const volume = (spec: Loose, name: string): Loose =>
  (spec.volumes ?? []).find((v: Loose) => v.name === name);
/** The dnsNames of the internal Certificate whose Secret a server mounts. */
const dnsNames = (secretName: string): string[] =>
  h.byKind(resources, "Certificate").find((c) => c.spec.secretName === secretName)!.spec.dnsNames;

/** The file a container reads at `path`, traced through its mount to a ConfigMap or Secret key. */
function source(spec: Loose, container: Loose, path: string): string | undefined {
  const dir = path.replace(/\/[^/]+$/, "");
  const file = path.slice(dir.length + 1);
  const mount = mountAt(container, dir);
  if (!mount) {
    return undefined;
  }
  const v = volume(spec, mount.name);
  if (v?.configMap) {
    return `ConfigMap/${v.configMap.name}:${file}`;
  }
  if (v?.secret) {
    const item = (v.secret.items ?? []).find((i: Loose) => i.path === file);
    return item || !v.secret.items
      ? `Secret/${v.secret.secretName}:${item?.key ?? file}`
      : undefined;
  }
  return v?.emptyDir ? `emptyDir/${v.name}:${file}` : undefined;
}

const DIFFGRAM = [
  ["Deployment", "diffgram-default"],
  ["Deployment", "diffgram-walrus"],
  ["Deployment", "diffgram-eventhandlers"],
  ["Job", "diffgram-migrate"],
] as const;

describe("TLS clients of the app layer verify their servers", () => {
  it("Diffgram (default, walrus, eventhandlers, migration Job): PostgreSQL with verify-full against the mounted database CA", () => {
    const url: string = h.named(resources, "Secret", "diffgram-database-url").stringData.url;
    const params = new URLSearchParams(url.split("?")[1]);
    expect(Object.fromEntries(params)).toEqual({ sslmode: "verify-full", sslrootcert: DB_CA });
    expect(h.named(resources, "ConfigMap", "database-ca").data["ca.pem"]).toBe(h.DB_CA_PEM);
    for (const [kind, name] of DIFFGRAM) {
      const spec = podSpec(kind, name);
      const app = spec.containers[0];
      expect(envOf(app).DATABASE_URL, name).toEqual({
        secretKeyRef: { name: "diffgram-database-url", key: "url" },
      });
      expect(source(spec, app, DB_CA), name).toBe("ConfigMap/database-ca:ca.pem");
    }
  });

  it("Diffgram (every service, eventhandlers and the migration Job too): HTTPS calls verify against public roots plus the internal CA", () => {
    for (const [kind, name] of DIFFGRAM) {
      const spec = podSpec(kind, name);
      const app = spec.containers[0];
      expect(envOf(app).REQUESTS_CA_BUNDLE, name).toBe(TRUST_BUNDLE);
      expect(source(spec, app, TRUST_BUNDLE), name).toBe("emptyDir/trust:ca-bundle.pem");
      // The bundle is written before the app starts: certifi's roots + the internal CA's ca.crt.
      const init = (spec.initContainers ?? []).find((c: Loose) => c.name === "trust-bundle");
      expect(init, `${name} trust-bundle init container`).toBeDefined();
      expect(init.command.join(" ")).toContain("certifi.where()");
      expect(init.command.join(" ")).toContain(TRUST_BUNDLE);
      expect(mountAt(init, "/etc/enclave/trust")?.name).toBe("trust");
      expect(source(spec, init, "/etc/enclave/internal-ca/ca.crt"), name).toBe(
        `Secret/${INTERNAL_CA_SECRET}:ca.crt`,
      );
    }
  });

  it("Diffgram: walrus is called over HTTPS under a name its certificate carries", () => {
    const walrusUrl = envOf(podSpec("Deployment", "diffgram-default").containers[0])
      .WALRUS_SERVICE_URL_BASE as string;
    expect(walrusUrl).toBe(`https://diffgram-walrus.${NS}.svc/`);
    expect(dnsNames("diffgram-walrus-tls")).toContain(new URL(walrusUrl).hostname);
  });

  it("Diffgram: RabbitMQ through the pod's own TLS proxy, which verifies the broker against the internal CA under the name its certificate carries", () => {
    const conf: string = h.named(resources, "ConfigMap", "rabbitmq-proxy").data["nginx.conf"];
    const directive = (name: string): string[] =>
      [...conf.matchAll(new RegExp(`^\\s*${name} ([^;]+);$`, "gm"))].map((m) => m[1]!);
    // Verification on, against the internal CA, under the broker's Service name (SNI too).
    expect(directive("proxy_ssl")).toEqual(["on"]);
    expect(directive("proxy_ssl_verify")).toEqual(["on"]);
    expect(directive("proxy_ssl_verify_depth")).toEqual(["1"]);
    expect(directive("proxy_ssl_trusted_certificate")).toEqual(["/etc/enclave/internal-ca/ca.crt"]);
    expect(directive("proxy_ssl_name")).toEqual([`rabbitmq.${NS}.svc`]);
    expect(directive("proxy_ssl_server_name")).toEqual(["on"]);
    expect(directive("proxy_ssl_protocols")).toEqual(["TLSv1.2 TLSv1.3"]);
    expect(dnsNames("rabbitmq-tls")).toContain(`rabbitmq.${NS}.svc`);
    // It dials that name on the broker's TLS port, and listens on the pod's loopback only.
    expect(directive("proxy_pass")).toEqual([`rabbitmq.${NS}.svc:5671`]);
    expect(directive("listen")).toEqual(["127.0.0.1:5672"]);
    // Mutual TLS is off by default: no client certificate is presented.
    expect(directive("proxy_ssl_certificate")).toEqual([]);
    for (const [kind, name] of DIFFGRAM) {
      const spec = podSpec(kind, name);
      const app = spec.containers[0];
      // Diffgram speaks plain AMQP to its proxy on loopback: it never dials the broker itself.
      expect(envOf(app), name).toMatchObject({
        RABBITMQ_HOST: "127.0.0.1",
        RABBITMQ_PORT: "5672",
        RABBITMQ_USE_SSL: "False",
      });
      const proxy = (spec.initContainers ?? []).find((c: Loose) => c.name === "rabbitmq-proxy");
      if (kind === "Job") {
        // Migrations use no queue: no proxy, no flow to the broker; loopback answers nothing.
        expect(proxy, `${name} rabbitmq-proxy`).toBeUndefined();
        continue;
      }
      expect(proxy, `${name} rabbitmq-proxy`).toBeDefined();
      // A native sidecar: started before the app, kept running beside it, ended with the Job.
      expect(proxy.restartPolicy, name).toBe("Always");
      expect(proxy.ports ?? [], name).toEqual([]);
      expect(proxy.command.join(" "), name).toContain("-c /etc/enclave/rabbitmq-proxy/nginx.conf");
      expect(source(spec, proxy, "/etc/enclave/rabbitmq-proxy/nginx.conf"), name).toBe(
        "ConfigMap/rabbitmq-proxy:nginx.conf",
      );
      expect(source(spec, proxy, "/etc/enclave/internal-ca/ca.crt"), name).toBe(
        `Secret/${INTERNAL_CA_SECRET}:ca.crt`,
      );
    }
    // The broker offers nothing else: no plain listener to fall back to; peers verified.
    const broker = h.named(resources, "Secret", "rabbitmq-config").stringData["20-enclave.conf"];
    expect(broker).toContain("listeners.tcp = none\n");
    expect(broker).toContain("ssl_options.verify = verify_peer\n");
    // Without mutual TLS a client without a certificate still reaches the password login.
    expect(broker).toContain("ssl_options.fail_if_no_peer_cert = false\n");
    expect(h.named(resources, "Service", "rabbitmq").spec.ports).toEqual([
      expect.objectContaining({ port: 5671, targetPort: 5671 }),
    ]);
  });

  it("Diffgram (default, walrus): Keycloak over HTTPS under its public name, resolved in-cluster to the Keycloak Service", () => {
    // The mock engine gives every Service the same ClusterIP; the Keycloak Service exists.
    expect(h.named(resources, "Service", "keycloak").spec.ports[0].port).toBe(443);
    for (const name of ["diffgram-default", "diffgram-walrus"]) {
      const spec = podSpec("Deployment", name);
      const env = envOf(spec.containers[0]);
      expect(env.OAUTH2_PROVIDER_HOST).toBe(`https://idp.${DOMAIN}/`);
      expect(spec.hostAliases).toEqual([{ ip: h.CLUSTER_IP, hostnames: [`idp.${DOMAIN}`] }]);
      expect(dnsNames("keycloak-tls")).toContain(`idp.${DOMAIN}`);
    }
  });

  it("Keycloak: its database with verify-full against the mounted database CA", () => {
    const spec = podSpec("Deployment", "keycloak");
    const kc = spec.containers.find((c: Loose) => c.name === "keycloak");
    const jdbc = envOf(kc).KC_DB_URL as string;
    expect(Object.fromEntries(new URLSearchParams(jdbc.split("?")[1]))).toEqual({
      sslmode: "verify-full",
      sslrootcert: DB_CA,
    });
    expect(source(spec, kc, DB_CA)).toBe("ConfigMap/database-ca:ca.pem");
  });

  it("Keycloak configuration Job: the admin API over HTTPS, kcadm trusting the internal CA only", () => {
    const spec = podSpec("Job", "keycloak-configure");
    const job = spec.containers[0];
    expect(envOf(job).KC_SERVER).toBe(`https://idp.${DOMAIN}`);
    expect(spec.hostAliases).toEqual([{ ip: h.CLUSTER_IP, hostnames: [`idp.${DOMAIN}`] }]);
    expect(source(spec, job, "/etc/enclave/internal-ca/ca.crt")).toBe(
      `Secret/${INTERNAL_CA_SECRET}:ca.crt`,
    );
    const script: string = h.named(resources, "ConfigMap", "keycloak-configure").data[
      "configure.sh"
    ];
    expect(script).toMatch(/keytool -importcert .*-file \/etc\/enclave\/internal-ca\/ca\.crt/);
    expect(script).toContain('"$KCADM" config truststore --config "$CONFIG"');
    expect(script).not.toMatch(/--insecure|-k\b|sslRequired=(none|NONE)/);
  });

  it("database bootstrap Job: the administrator's connection with verify-full against the mounted CA", () => {
    const spec = podSpec("Job", "database-bootstrap");
    const job = spec.containers[0];
    expect(envOf(job)).toMatchObject({ PGSSLMODE: "verify-full", PGSSLROOTCERT: DB_CA });
    expect(source(spec, job, DB_CA)).toBe("ConfigMap/database-ca:ca.pem");
  });

  it("the ingress: every backend over HTTPS, verified against the internal CA under its Service name", () => {
    const dynamic = parseYaml(
      h.named(resources, "ConfigMap", "traefik-dynamic").data["dynamic.yml"],
    );
    const services: Record<string, Loose> = dynamic.http.services;
    const transports: Record<string, Loose> = dynamic.http.serversTransports;
    expect(Object.keys(services).length).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(services)) {
      for (const server of service.loadBalancer.servers) {
        expect(server.url, name).toMatch(/^https:\/\//);
      }
      const transport = transports[service.loadBalancer.serversTransport];
      expect(transport, name).toMatchObject({ rootCAs: ["/etc/traefik/internal-ca/ca.crt"] });
      expect(transport.insecureSkipVerify ?? false).toBe(false);
      expect(transport.serverName).toMatch(new RegExp(`\\.${NS}\\.svc$`));
    }
    const traefik = podSpec("Deployment", "traefik");
    expect(source(traefik, traefik.containers[0], "/etc/traefik/internal-ca/ca.crt")).toBe(
      `Secret/${INTERNAL_CA_SECRET}:ca.crt`,
    );
  });

  it("no workload, ConfigMap or Secret of the layer turns verification off (the tls-verify-off policies)", () => {
    const policies = kubernetesPolicies.filter((p) =>
      p.name.endsWith("-disallow-tls-verify-off"),
    ) as EnclaveResourcePolicy[];
    expect(policies.map((p) => p.name).sort()).toEqual([
      "kubernetes-core-configmap-disallow-tls-verify-off",
      "kubernetes-core-pod-disallow-tls-verify-off",
      "kubernetes-core-secret-disallow-tls-verify-off",
    ]);
    let judged = 0;
    for (const r of h.kubernetesObjects(resources)) {
      for (const policy of policies) {
        if (!(policy.enclave.resourceTypes ?? []).includes(r.type)) {
          continue;
        }
        judged += 1;
        const outcome = runResourcePolicy(policy, { type: r.type, props: h.plain(r.inputs) });
        expect(outcome.violations, `${policy.name} on ${r.type} ${r.name}`).toEqual([]);
      }
    }
    expect(judged).toBeGreaterThan(10);
  });
});
