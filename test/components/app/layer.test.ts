import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { schemaError } from "../../helpers/kubernetes-schema";

type Loose = h.Loose;
let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let credentials: typeof import("../../../components/app/credentials");
let images: typeof import("../../../components/app/images");

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  credentials = await import("../../../components/app/credentials");
  images = await import("../../../components/app/images");
});

/** Traefik's generated configuration, as it reads it from its ConfigMap. */
function dynamicConfig(resources: h.Recorded[]): Loose {
  return parseYaml(h.named(resources, "ConfigMap", "traefik-dynamic").data["dynamic.yml"]);
}

async function renderLayer(
  environment: "dev" | "prod",
  options: h.FakePlatformOptions = {},
  app: Loose = {},
) {
  const resolved = resolveLayerSettings(
    {
      ...app,
      images: { ...h.DIFFGRAM_IMAGES, ...app.images },
      keycloak: { admins: h.MASTER_ADMINS, ...app.keycloak },
    },
    { tenant: "acme", environment },
  );
  expect(resolved.problems).toEqual([]);
  return h.render(
    () =>
      new layerModule.AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment, ...options }),
        settings: resolved.settings!,
      }),
  );
}

/** Pod specs of every workload object, with where they sit. */
function podSpecs(
  resources: h.Recorded[],
): { owner: string; namespace: string; spec: Loose; labels: Loose }[] {
  return h
    .kubernetesObjects(resources)
    .map((r) => h.plain(r.inputs))
    .filter((o) => ["Deployment", "StatefulSet", "Job"].includes(o.kind))
    .map((o) => ({
      owner: `${o.kind}/${o.metadata.name ?? o.metadata.labels["app.kubernetes.io/name"]}`,
      namespace: o.metadata.namespace,
      spec: o.spec.template.spec,
      labels: o.spec.template.metadata.labels,
    }));
}

/** cert-manager's namespace, when the layer installs it (every other object is the tenant's). */
const CM_NS = "cert-manager";
const tenantPods = (resources: h.Recorded[]) =>
  podSpecs(resources).filter((p) => p.namespace !== CM_NS);

function containers(spec: Loose): Loose[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

describe("AppLayer (prod, cloud target with workload identity)", () => {
  let resources: h.Recorded[];
  let layer: Loose;
  beforeAll(async () => {
    ({ resources, result: layer } = await renderLayer("prod"));
  });

  it("emits only Kubernetes objects that validate against the Kubernetes (and cert-manager) OpenAPI schema", () => {
    const objects = h.kubernetesObjects(resources).map((r) => h.plain(r.inputs));
    expect(objects.length).toBeGreaterThan(70);
    const failures = objects
      .map((o) => ({ id: `${o.apiVersion} ${o.kind} ${o.metadata?.name}`, error: schemaError(o) }))
      .filter((f) => f.error !== undefined);
    expect(failures).toEqual([]);
    const kinds = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...kinds].sort()).toEqual([
      "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
      "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
      "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
      "apiextensions.k8s.io/v1/CustomResourceDefinition",
      "apps/v1/Deployment",
      "apps/v1/StatefulSet",
      "batch/v1/Job",
      "cert-manager.io/v1/Certificate",
      "cert-manager.io/v1/ClusterIssuer",
      "cert-manager.io/v1/Issuer",
      "networking.k8s.io/v1/NetworkPolicy",
      "policy/v1/PodDisruptionBudget",
      "rbac.authorization.k8s.io/v1/ClusterRole",
      "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
      "rbac.authorization.k8s.io/v1/Role",
      "rbac.authorization.k8s.io/v1/RoleBinding",
      "v1/ConfigMap",
      "v1/LimitRange",
      "v1/Namespace",
      "v1/ResourceQuota",
      "v1/Secret",
      "v1/Service",
      "v1/ServiceAccount",
    ]);
  });

  it("detects a schema violation (the validator is not a no-op)", () => {
    const deployment = h.named(resources, "Deployment", "keycloak");
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = "8443";
    expect(schemaError(broken)).toMatch(/containerPort must be integer/);
  });

  it("runs every container Pod Security restricted, non-root, read-only, without capabilities", () => {
    const pods = podSpecs(resources);
    expect(pods.map((p) => p.owner).sort()).toEqual([
      "Deployment/cert-manager",
      "Deployment/cert-manager-cainjector",
      "Deployment/cert-manager-webhook",
      "Deployment/diffgram-default",
      "Deployment/diffgram-eventhandlers",
      "Deployment/diffgram-frontend",
      "Deployment/diffgram-walrus",
      "Deployment/keycloak",
      "Deployment/traefik",
      "Job/database-bootstrap",
      "Job/diffgram-migrate",
      "Job/keycloak-configure",
      "StatefulSet/rabbitmq",
    ]);
    for (const { owner, spec } of pods) {
      const uid = spec.securityContext.runAsUser;
      expect(uid, owner).toBeGreaterThan(0);
      expect(spec.securityContext, owner).toEqual({
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      });
      // cert-manager's three components are API controllers: they, and only they, get a token.
      expect(spec.automountServiceAccountToken, owner).toBe(
        owner.startsWith("Deployment/cert-manager"),
      );
      // No SERVICE_HOST/PORT variables for every Service of the namespace in any container.
      expect(spec.enableServiceLinks, owner).toBe(false);
      expect([spec.hostNetwork, spec.hostPID, spec.hostIPC, spec.sysctls], owner).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      for (const c of containers(spec)) {
        expect(c.securityContext, `${owner} ${c.name}`).toEqual({
          runAsNonRoot: true,
          runAsUser: uid,
          runAsGroup: uid,
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        });
        expect(c.resources.limits, `${owner} ${c.name}`).toEqual({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(c.resources.requests, `${owner} ${c.name}`).toEqual({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        for (const p of c.ports ?? []) {
          expect(p.hostPort, `${owner} ${c.name}`).toBeUndefined();
          expect(p.containerPort, `${owner} ${c.name}`).toBeGreaterThanOrEqual(1024);
        }
      }
      const allowedVolumes = [
        "configMap",
        "emptyDir",
        "secret",
        "projected",
        "persistentVolumeClaim",
      ];
      for (const v of spec.volumes ?? []) {
        const kinds = Object.keys(v).filter((k) => k !== "name");
        expect(
          kinds.every((k) => allowedVolumes.includes(k)),
          `${owner} volume ${v.name}`,
        ).toBe(true);
      }
    }
  });

  it("gives no pod an API server token: not even the ingress, which reads its routes from files", () => {
    const withToken = tenantPods(resources).filter((p) =>
      (p.spec.volumes ?? []).some((v: Loose) =>
        v.projected?.sources?.some((s: Loose) => s.serviceAccountToken),
      ),
    );
    expect(withToken).toEqual([]);
    for (const sa of h.byKind(resources, "ServiceAccount")) {
      expect(sa.automountServiceAccountToken, sa.metadata.name).toBe(false);
    }
  });

  it("lets the ingress read exactly the public TLS Secret and the CA certificate, through volumes, and no API", () => {
    // The tenant's only Role is the (unbound) tenant-operator one; no binding for Traefik. Every
    // ClusterRole and binding is cert-manager's, bound to its own accounts only.
    const tenantSide = (kind: string) =>
      h.byKind(resources, kind).filter((r) => r.metadata.namespace !== CM_NS);
    expect(tenantSide("Role").map((r) => r.metadata.name)).toEqual(["tenant-operator"]);
    expect(tenantSide("RoleBinding")).toEqual([]);
    for (const b of h.byKind(resources, "ClusterRoleBinding")) {
      expect(b.subjects, b.metadata.name).toEqual([
        { kind: "ServiceAccount", name: expect.stringMatching(/^cert-manager/), namespace: CM_NS },
      ]);
    }
    expect(
      h.byKind(resources, "ClusterRole").every((r) => r.metadata.name.startsWith("cert-manager")),
    ).toBe(true);
    const traefik = podSpecs(resources).find((p) => p.owner === "Deployment/traefik")!.spec;
    const secretsMounted = traefik.volumes.flatMap((v: Loose) => [
      ...(v.secret ? [{ name: v.secret.secretName, items: v.secret.items }] : []),
      ...(v.projected?.sources ?? [])
        .filter((s: Loose) => s.secret)
        .map((s: Loose) => ({ name: s.secret.name, items: s.secret.items })),
    ]);
    expect(secretsMounted).toEqual([
      {
        name: "public-tls",
        items: [
          { key: "tls.crt", path: "tls.crt" },
          { key: "tls.key", path: "tls.key" },
        ],
      },
      { name: "internal-ca-trust", items: [{ key: "ca.crt", path: "ca.crt" }] },
    ]);
    const args: string[] = traefik.containers[0].args;
    expect(args.filter((a) => a.startsWith("--providers."))).toEqual([
      "--providers.file.directory=/etc/traefik/dynamic",
      "--providers.file.watch=true",
    ]);
    const flows = h.byKind(resources, "NetworkPolicy").find((n) => n.metadata.name === "traefik")!
      .spec.egress;
    expect(JSON.stringify(flows)).not.toMatch(/6443/);
  });

  it("keeps the internal CA's key out of the tenant namespace, behind a ClusterIssuer in cert-manager's namespace", () => {
    const certificates = h.byKind(resources, "Certificate");
    const ca = certificates.filter((c) => c.spec.isCA);
    expect(ca.map((c) => [c.metadata.namespace, c.metadata.name, c.spec.secretName])).toEqual([
      ["cert-manager", "enclave-acme-internal-ca", "enclave-acme-internal-ca"],
    ]);
    expect(h.named(resources, "ClusterIssuer", "enclave-acme-internal-ca").spec).toEqual({
      ca: { secretName: "enclave-acme-internal-ca" },
    });
    // Every certificate of the tenant namespace comes from that ClusterIssuer (the public one too,
    // in this self-signed setup) and none of them is a CA.
    const tenant = certificates.filter((c) => c.metadata.namespace === "enclave-acme");
    expect(tenant.map((c) => c.metadata.name).sort()).toEqual([
      "diffgram-default-tls",
      "diffgram-frontend-tls",
      "diffgram-walrus-tls",
      "internal-ca-trust",
      "keycloak-tls",
      "public-tls",
      "rabbitmq-tls",
    ]);
    for (const c of tenant) {
      expect(c.spec.isCA, c.metadata.name).toBeUndefined();
      expect(c.spec.issuerRef, c.metadata.name).toEqual({
        group: "cert-manager.io",
        kind: "ClusterIssuer",
        name: "enclave-acme-internal-ca",
      });
    }
    // The trust anchor's own key names no host.
    const trust = h.named(resources, "Certificate", "internal-ca-trust").spec;
    expect([trust.dnsNames, trust.commonName, trust.uris]).toEqual([
      undefined,
      undefined,
      ["urn:enclave:acme:internal-ca-trust"],
    ]);
    // Pods mount only ca.crt of the trust Secret, never a key of the CA.
    const caMounts = podSpecs(resources).flatMap((p) =>
      (p.spec.volumes ?? [])
        .filter((v: Loose) => v.secret?.secretName?.includes("internal-ca"))
        .map((v: Loose) => [p.owner, v.secret.secretName, v.secret.items]),
    );
    expect(caMounts.length).toBeGreaterThan(3);
    for (const [owner, secret, items] of caMounts) {
      expect([secret, items], owner).toEqual([
        "internal-ca-trust",
        [{ key: "ca.crt", path: "ca.crt" }],
      ]);
    }
  });

  it("pins every image by digest, from the images table or enclave:app.images", () => {
    const refs = podSpecs(resources).flatMap((p) => containers(p.spec).map((c: Loose) => c.image));
    for (const ref of refs) {
      expect(images.isPinnedImage(ref), ref).toBe(true);
    }
    expect(new Set(refs)).toEqual(
      new Set([
        images.upstreamReference("keycloak"),
        images.upstreamReference("rabbitmq"),
        images.upstreamReference("rabbitmqProxy"),
        images.upstreamReference("traefik"),
        images.upstreamReference("certManagerController"),
        images.upstreamReference("certManagerWebhook"),
        images.upstreamReference("certManagerCainjector"),
        ...Object.values(h.DIFFGRAM_IMAGES),
      ]),
    );
    // The HTTP-01 solver image the controller would start is pinned too (the kit never starts it).
    const controller = h.named(resources, "Deployment", "cert-manager");
    expect(controller.spec.template.spec.containers[0].args).toContain(
      `--acme-http01-solver-image=${images.upstreamReference("certManagerAcmesolver")}`,
    );
  });

  it("keeps every generated secret a Pulumi secret, inside Kubernetes Secrets only", () => {
    const fernet = [...h.generatedSecrets].find((s) => s.includes("+") || s.includes("/"))!;
    const secrets = [...h.generatedSecrets, credentials.toUrlSafeBase64(fernet)];
    const found = new Map<string, number>();
    for (const r of resources.filter((x) => !x.type.startsWith("random:"))) {
      for (const s of h.strings(r.inputs)) {
        for (const secret of secrets.filter((x) => s.value.includes(x))) {
          found.set(secret, (found.get(secret) ?? 0) + 1);
          expect({
            where: `${r.type} ${r.name} ${s.path}`,
            secret: s.secret,
            type: r.type,
          }).toEqual({
            where: `${r.type} ${r.name} ${s.path}`,
            secret: true,
            type: "kubernetes:core/v1:Secret",
          });
        }
      }
    }
    // Every generated value reaches a Secret (the raw Fernet bytes only in URL-safe form).
    expect(secrets.filter((s) => !found.has(s) && s !== fernet)).toEqual([]);
  });

  it("never gives a secret-looking environment variable a literal value", () => {
    const secretLooking = /(PASS|PASSWORD|SECRET|KEY|TOKEN|CREDENTIAL|DATABASE_URL)$/;
    for (const { owner, spec } of podSpecs(resources)) {
      for (const c of containers(spec)) {
        for (const e of c.env ?? []) {
          if (secretLooking.test(e.name) && !["IS_DIFFGRAM_S3_V4_SIGNATURE"].includes(e.name)) {
            expect({
              owner,
              name: e.name,
              value: e.value,
              from: Object.keys(e.valueFrom ?? {}),
            }).toEqual({
              owner,
              name: e.name,
              value: undefined,
              from: ["secretKeyRef"],
            });
          }
        }
      }
    }
  });

  it("generates a valid Fernet key: 32 random bytes, URL-safe base64", () => {
    expect(credentials.toUrlSafeBase64("+/+/" + "A".repeat(40))).toBe("-_-_" + "A".repeat(40));
    const random = resources.find((r) => r.type === "random:index/randomBytes:RandomBytes")!;
    expect(random.inputs.length).toBe(32);
    const app = h.named(resources, "Secret", "diffgram-app");
    const key = app.stringData["fernet-key"];
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(key, "base64url")).toHaveLength(32);
  });

  it("generates every password with @pulumi/random, letters and digits, 48 characters", () => {
    const passwords = resources.filter(
      (r) => r.type === "random:index/randomPassword:RandomPassword",
    );
    expect(passwords.map((p) => p.name.replace("enclave-credentials-", "")).sort()).toEqual([
      "diffgram-db",
      "diffgram-keycloak-admin",
      "diffgram-realm-user",
      "inter-service-secret",
      "keycloak-bootstrap",
      "keycloak-bootstrap-client",
      "keycloak-db",
      "oidc-client",
      "rabbitmq",
      "secret-key",
      "user-passwords-secret",
    ]);
    for (const p of passwords) {
      expect(p.inputs).toEqual({ length: 48, special: false });
    }
  });

  it("labels the namespace Pod Security restricted (enforce, audit, warn) and bounds it", () => {
    const ns = h.named(resources, "Namespace", "enclave-acme");
    for (const mode of ["enforce", "audit", "warn"]) {
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe("restricted");
    }
    const deny = h
      .byKind(resources, "NetworkPolicy")
      .find((p) => p.metadata.name === "default-deny" && p.metadata.namespace === "enclave-acme");
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [],
    });
    expect(h.named(resources, "ResourceQuota", "tenant-quota").spec.hard).toMatchObject({
      "limits.cpu": "40",
      "limits.memory": "96Gi",
      "services.loadbalancers": "1",
    });
    expect(h.named(resources, "LimitRange", "tenant-limits").spec.limits[0].max).toEqual({
      cpu: "4",
      memory: "16Gi",
    });
    const patch = h
      .kubernetesObjects(resources)
      .find((r) => r.type === "kubernetes:core/v1:ServiceAccountPatch")!;
    expect(h.plain(patch.inputs)).toMatchObject({
      metadata: { name: "default", namespace: "enclave-acme" },
      automountServiceAccountToken: false,
    });
  });

  it("installs cert-manager (typed objects, pinned images) in its own restricted namespace, denied by default", () => {
    expect(
      h.named(resources, "Namespace", "cert-manager").metadata.labels[
        "pod-security.kubernetes.io/enforce"
      ],
    ).toBe("restricted");
    const policies = h
      .byKind(resources, "NetworkPolicy")
      .filter((p) => p.metadata.namespace === "cert-manager");
    expect(Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]))).toEqual({
      "default-deny": {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [],
      },
      "cert-manager": {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { "kubernetes.io/metadata.name": "kube-system" },
                },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
          // The Platform's API server addresses only; with the self-signed issuer nothing
          // outside the cluster (no HTTPS to public addresses).
          {
            to: [{ ipBlock: { cidr: "10.42.97.0/24" } }],
            ports: [
              { protocol: "TCP", port: 443 },
              { protocol: "TCP", port: 6443 },
            ],
          },
        ],
      },
      "webhook-from-api-server": {
        podSelector: { matchLabels: { "app.kubernetes.io/component": "webhook" } },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ protocol: "TCP", port: 10250 }] }],
      },
    });
    // No Helm release: every object is a resource of its own, in cert-manager's namespace.
    expect(resources.filter((r) => r.type.startsWith("kubernetes:helm.sh/"))).toEqual([]);
    const inNs = (kind: string) =>
      h
        .byKind(resources, kind)
        .filter((o) => o.metadata.namespace === CM_NS)
        .map((o) => o.metadata.name)
        .sort();
    expect(inNs("Deployment")).toEqual([
      "cert-manager",
      "cert-manager-cainjector",
      "cert-manager-webhook",
    ]);
    expect(inNs("ServiceAccount")).toEqual(inNs("Deployment"));
    expect(inNs("Service")).toEqual(["cert-manager-webhook"]);
    expect(
      h
        .byKind(resources, "CustomResourceDefinition")
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual([
      "certificaterequests.cert-manager.io",
      "certificates.cert-manager.io",
      "challenges.acme.cert-manager.io",
      "clusterissuers.cert-manager.io",
      "issuers.cert-manager.io",
      "orders.acme.cert-manager.io",
    ]);
    // Leader election in cert-manager's namespace, as the kit set it for the chart.
    for (const name of ["cert-manager", "cert-manager-cainjector"]) {
      expect(
        h.named(resources, "Deployment", name).spec.template.spec.containers[0].args,
      ).toContain("--leader-election-namespace=cert-manager");
    }
    // The webhooks fail closed and call the webhook Service, CA injected from its own Secret.
    for (const kind of ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]) {
      const config = h.named(resources, kind, "cert-manager-webhook");
      expect(config.metadata.annotations).toEqual({
        "cert-manager.io/inject-ca-from-secret": "cert-manager/cert-manager-webhook-ca",
      });
      expect(config.webhooks[0]).toMatchObject({
        failurePolicy: "Fail",
        sideEffects: "None",
        clientConfig: { service: { name: "cert-manager-webhook", namespace: CM_NS } },
      });
    }
    // The webhook Service and the API server's NetworkPolicy select the webhook pods only.
    const webhookPods = h.named(resources, "Deployment", "cert-manager-webhook").spec.template
      .metadata.labels;
    expect(webhookPods).toMatchObject(
      h.named(resources, "Service", "cert-manager-webhook").spec.selector,
    );
    expect(webhookPods["app.kubernetes.io/component"]).toBe("webhook");
    expect(
      h.named(resources, "Deployment", "cert-manager").spec.template.metadata.labels[
        "app.kubernetes.io/component"
      ],
    ).toBe("controller");
  });

  it("gives the tenant operators a namespace role that cannot read Secrets or change pod templates", () => {
    const role = h.named(resources, "Role", "tenant-operator");
    const resourcesOf = (verb: string) =>
      role.rules.filter((r: Loose) => r.verbs.includes(verb)).flatMap((r: Loose) => r.resources);
    expect(role.rules.flatMap((r: Loose) => r.resources)).not.toContain("secrets");
    expect(resourcesOf("delete")).toEqual(["pods"]);
    expect(["create", "update", "patch", "*"].flatMap(resourcesOf)).toEqual([]);
    expect(
      h.byKind(resources, "RoleBinding").filter((b) => b.metadata.namespace !== CM_NS),
    ).toEqual([]);
  });

  it("runs Keycloak in production mode with a fixed hostname, proxy headers and the management port private", () => {
    const deployment = h.named(resources, "Deployment", "keycloak");
    expect(deployment.spec.replicas).toBe(2);
    const kc = deployment.spec.template.spec.containers[0];
    expect(kc.args).toEqual(["start", "--optimized", "--import-realm"]);
    const env = Object.fromEntries(kc.env.map((e: Loose) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      KC_HOSTNAME: "https://idp.annotate.acme.example.com",
      KC_HOSTNAME_STRICT: "true",
      KC_HTTP_ENABLED: "false",
      KC_PROXY_HEADERS: "xforwarded",
      KC_PROXY_TRUSTED_ADDRESSES: "10.42.0.0/16,172.20.0.0/16",
      KC_HEALTH_ENABLED: "true",
      KC_METRICS_ENABLED: "true",
      KC_HTTP_MANAGEMENT_PORT: "9000",
      KC_DB: "postgres",
      KC_DB_URL:
        "jdbc:postgresql://acme-dev.abc123.eu-west-1.rds.amazonaws.com:5432/keycloak_acme?sslmode=verify-full&sslrootcert=/etc/enclave/db-ca/ca.pem",
      KC_DB_USERNAME: { secretKeyRef: { name: "keycloak-db", key: "username" } },
      KC_DB_PASSWORD: { secretKeyRef: { name: "keycloak-db", key: "password" } },
    });
    for (const probe of [kc.startupProbe, kc.readinessProbe, kc.livenessProbe]) {
      expect(probe.httpGet).toMatchObject({ port: 9000, scheme: "HTTPS" });
    }
    const service = h.named(resources, "Service", "keycloak");
    expect(service.spec.ports).toEqual([
      { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
    ]);
    expect(h.named(resources, "PodDisruptionBudget", "keycloak").spec.minAvailable).toBe(1);
    const routed = Object.values(dynamicConfig(resources).http.services).flatMap((s: Loose) =>
      s.loadBalancer.servers.map((x: Loose) => /:(\d+)$/.exec(x.url)?.[1]),
    );
    expect(new Set(routed)).toEqual(new Set(["443"]));
  });

  it("sends database role passwords as SCRAM verifiers: the bootstrap inputs hold no clear password", () => {
    const script = h.named(resources, "ConfigMap", "database-bootstrap").data["bootstrap.py"];
    const lines: string[] = script.split("\n");
    const at = lines.findIndex((l) => l.includes(' ROLE {} WITH " + attributes'));
    expect(lines.filter((l) => / ROLE \{\} /.test(l))).toHaveLength(1);
    expect(lines.slice(at, at + 5).join("\n")).toContain("(scram_verifier(password),)");
    expect(script).not.toMatch(/\(password,\)/);
    // The Job gets the passwords only by reference, never as literal values.
    const job = podSpecs(resources).find((p) => p.owner === "Job/database-bootstrap")!;
    const env = job.spec.containers[0].env as Loose[];
    for (const e of env.filter((x) => /PASSWORD/.test(x.name))) {
      expect([e.name, e.value, e.valueFrom?.secretKeyRef?.key], e.name).toEqual([
        e.name,
        undefined,
        "password",
      ]);
    }
    const everything = JSON.stringify([script, job]);
    for (const secret of h.generatedSecrets) {
      expect(everything.includes(secret)).toBe(false);
    }
  });

  it("lets only Keycloak (first start) and its configure job read the bootstrap administrator's Secret", () => {
    const readers = tenantPods(resources)
      .filter((p) =>
        JSON.stringify([p.spec.volumes ?? [], containers(p.spec)]).includes(
          '"keycloak-bootstrap-admin"',
        ),
      )
      .map((p) => p.owner);
    expect(readers).toEqual(["Deployment/keycloak", "Job/keycloak-configure"]);
    // Keycloak bootstraps a service-account client only: no bootstrap user, no password.
    const keys = (owner: string) =>
      containers(podSpecs(resources).find((p) => p.owner === owner)!.spec)
        .flatMap((c) => (c.env ?? []) as Loose[])
        .filter((e) => e.valueFrom?.secretKeyRef?.name === "keycloak-bootstrap-admin")
        .map((e) => `${e.name}=${e.valueFrom.secretKeyRef.key}`);
    expect(keys("Deployment/keycloak")).toEqual([
      "KC_BOOTSTRAP_ADMIN_CLIENT_ID=client-id",
      "KC_BOOTSTRAP_ADMIN_CLIENT_SECRET=client-secret",
    ]);
    expect(keys("Job/keycloak-configure")).toEqual([
      "BOOTSTRAP_CLIENT_ID=client-id",
      "BOOTSTRAP_CLIENT_SECRET=client-secret",
      "BOOTSTRAP_USERNAME=username",
      "BOOTSTRAP_PASSWORD=password",
    ]);
    // And no role of the tenant can read Secrets at all. cert-manager's controller and cainjector
    // can, cluster-wide (upstream's RBAC: they write every certificate's Secret); the reference
    // stacks accept exactly those roles in the packs' allowedRoles.
    for (const role of h.byKind(resources, "Role").filter((r) => r.metadata.namespace !== CM_NS)) {
      expect(JSON.stringify(role.rules), role.metadata.name).not.toMatch(/"secrets"|"\*"/);
    }
  });

  it("imports the tenant realm generated by code, and gives Diffgram a master-realm account scoped to it", () => {
    const realmSecret = h.named(resources, "Secret", "keycloak-realm");
    const realm = JSON.parse(realmSecret.stringData["acme.json"]);
    expect(realm.realm).toBe("acme");
    expect(realm.clients[0].redirectUris).toEqual([
      "https://annotate.acme.example.com/user/oidc-login",
    ]);
    const script = h.named(resources, "ConfigMap", "keycloak-configure").data["configure.sh"];
    expect(script).toContain("--rolename create-realm");
    expect(script).toContain(
      '--cclientid "acme-realm" --rolename view-realm --rolename manage-users --rolename view-users --rolename query-users --rolename manage-clients --rolename view-clients --rolename query-clients',
    );
    const diffgramRoles = script
      .split("\n")
      .filter((l: string) => l.includes("add-roles") && l.includes("DIFFGRAM_USERNAME"));
    expect(diffgramRoles.join("\n")).not.toMatch(/realm-admin|manage-realm|--rolename admin\b/);
    // The named administrators of the config, and only they, get the admin role.
    expect(script).toContain("for entry in alice,alice@example.com; do");
    expect(script).toContain("-s bruteForceProtected=true");
    const job = podSpecs(resources).find((p) => p.owner === "Job/keycloak-configure")!;
    expect(job.spec.hostAliases).toEqual([
      { ip: h.CLUSTER_IP, hostnames: ["idp.annotate.acme.example.com"] },
    ]);
  });

  it("configures Diffgram per diffgram.md: OIDC, in-cluster walrus, telemetry nowhere, no self-registration, short signed URLs", () => {
    const env = (name: string) => {
      const d = h.named(resources, "Deployment", name).spec.template.spec.containers[0];
      return Object.fromEntries(d.env.map((e: Loose) => [e.name, e.value ?? e.valueFrom]));
    };
    const api = env("diffgram-default");
    expect(api).toMatchObject({
      DIFFGRAM_SYSTEM_MODE: "production",
      URL_BASE: "https://annotate.acme.example.com/",
      WALRUS_SERVICE_URL_BASE: "https://diffgram-walrus.enclave-acme.svc/",
      EVENTHUB_URL: "https://127.0.0.1:9/",
      ALLOW_EVENTHUB: "False",
      DISABLE_SELF_REGISTRATION: "True",
      SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID: "3600",
      SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID: "1800",
      USE_OAUTH2: "True",
      OAUTH2_PROVIDER_NAME: "keycloak",
      OAUTH2_PROVIDER_HOST: "https://idp.annotate.acme.example.com/",
      OAUTH2_PROVIDER_CLIENT_ID: "diffgram",
      KEYCLOAK_REALM: "acme",
      RABBITMQ_HOST: "127.0.0.1",
      RABBITMQ_USE_SSL: "False",
      RABBITMQ_PORT: "5672",
      DIFFGRAM_STATIC_STORAGE_PROVIDER: "aws",
      DIFFGRAM_S3_BUCKET_NAME: "enclave-acme-dev-data",
      AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: "regional",
      DATABASE_URL: { secretKeyRef: { name: "diffgram-database-url", key: "url" } },
      FERNET_KEY: { secretKeyRef: { name: "diffgram-app", key: "fernet-key" } },
      KEY_CLOAK_MASTER_PASSWORD: {
        secretKeyRef: { name: "diffgram-keycloak", key: "master-password" },
      },
    });
    // Workload identity: no access keys at all, so boto3 uses the IRSA token.
    expect(Object.keys(api).filter((k) => k.startsWith("DIFFGRAM_AWS_ACCESS"))).toEqual([]);
    const handlers = env("diffgram-eventhandlers");
    expect(handlers.USE_OAUTH2).toBe("False");
    expect(Object.keys(handlers).filter((k) => k.startsWith("KEY_CLOAK"))).toEqual([]);
    expect(h.named(resources, "Deployment", "diffgram-eventhandlers").spec).toMatchObject({
      replicas: 1,
      strategy: { type: "Recreate" },
    });
    const url = h.named(resources, "Secret", "diffgram-database-url").stringData.url;
    expect(url).toMatch(
      /^postgresql\+psycopg2:\/\/diffgram_acme:Mock[a-z0-9]+x+@acme-dev\.abc123\.eu-west-1\.rds\.amazonaws\.com:5432\/diffgram_acme\?sslmode=verify-full&sslrootcert=\/etc\/enclave\/db-ca\/ca\.pem$/,
    );
  });

  it("binds the storage-using service accounts (and the bootstrap job) to cloud identities", () => {
    expect(h.bindings).toEqual([
      {
        name: "database-bootstrap",
        serviceAccountName: "database-bootstrap",
        access: "database-bootstrap",
      },
      {
        name: "diffgram-default",
        serviceAccountName: "diffgram-default",
        access: "tenant-storage",
      },
      { name: "diffgram-walrus", serviceAccountName: "diffgram-walrus", access: "tenant-storage" },
      {
        name: "diffgram-eventhandlers",
        serviceAccountName: "diffgram-eventhandlers",
        access: "tenant-storage",
      },
    ]);
    expect(h.named(resources, "ServiceAccount", "diffgram-walrus").metadata.annotations).toEqual({
      "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/enclave-acme-diffgram-walrus",
    });
    expect(h.named(resources, "ServiceAccount", "diffgram-frontend").metadata.annotations).toEqual(
      {},
    );
  });

  it("runs RabbitMQ with TLS only and no management UI anywhere", () => {
    const conf = h.named(resources, "Secret", "rabbitmq-config").stringData["20-enclave.conf"];
    expect(conf).toContain("listeners.tcp = none\nlisteners.ssl.default = 5671\n");
    // Peers verified against the internal CA; a client without a certificate (Diffgram's pika
    // client never presents one) is admitted to the password login.
    expect(conf).toContain("ssl_options.verify = verify_peer\n");
    expect(conf).toContain("ssl_options.fail_if_no_peer_cert = false\n");
    expect(conf).toContain("ssl_options.cacertfile = /etc/rabbitmq/tls/ca.crt\n");
    expect(conf.match(/^ssl_options\.versions\.\d+ = (.*)$/gm)).toEqual([
      "ssl_options.versions.1 = tlsv1.3",
      "ssl_options.versions.2 = tlsv1.2",
    ]);
    expect(conf).not.toMatch(/verify_none|listeners\.tcp\.|management\./);
    for (const suite of conf.match(/^ssl_options\.ciphers\.\d+ = (.*)$/gm)!) {
      expect(suite).toMatch(/ = (TLS_|ECDHE-)[A-Z0-9_-]*(GCM|CHACHA20)/);
    }
    // Diffgram's client offers ECDHE-RSA suites only: the broker's certificate is RSA.
    expect(h.named(resources, "Certificate", "rabbitmq-tls").spec.privateKey).toEqual({
      algorithm: "RSA",
      size: 3072,
      rotationPolicy: "Always",
    });
    // No plugin (the image's own list enables rabbitmq_prometheus on 15692), read from outside conf.d.
    expect(h.named(resources, "ConfigMap", "rabbitmq-plugins").data).toEqual({
      enabled_plugins: "[].\n",
    });
    const broker = h.named(resources, "StatefulSet", "rabbitmq").spec.template.spec.containers[0];
    expect(broker.env).toContainEqual({
      name: "RABBITMQ_ENABLED_PLUGINS_FILE",
      value: "/etc/rabbitmq/plugins/enabled_plugins",
    });
    expect(conf).toMatch(/default_user = diffgram\ndefault_pass = Mock/);
    expect(images.upstreamReference("rabbitmq")).not.toContain("management");
    const ports = h
      .kubernetesObjects(resources)
      .flatMap((r) => h.strings(r.inputs))
      .filter((s) => s.value.includes("15672"));
    expect(ports).toEqual([]);
    expect(h.named(resources, "Service", "rabbitmq").spec.ports).toEqual([
      { name: "amqps", port: 5671, targetPort: 5671, protocol: "TCP" },
    ]);
  });

  it("serves every host with TLS, the app and realm to users, the admin plane to admins only", () => {
    const config = dynamicConfig(resources);
    const summary = Object.fromEntries(
      Object.entries(config.http.routers).map(([name, r]: [string, Loose]) => [
        name,
        `${r.entryPoints.join(",")} ${r.rule} -> ${r.service} [${r.middlewares.join(",")}] p${r.priority} tls=${JSON.stringify(r.tls)}`,
      ]),
    );
    const app = "annotate.acme.example.com";
    const idp = `idp.${app}`;
    const path = (p: string) => `(Path(\`${p}\`) || PathPrefix(\`${p}/\`))`;
    expect(summary).toEqual({
      "app-0": `websecure Host(\`${app}\`) && ${path("/api/walrus")} -> diffgram-walrus [allow-users,diffgram-oidc-redirect] p11 tls={}`,
      "app-1": `websecure Host(\`${app}\`) && ${path("/api")} -> diffgram-default [allow-users,diffgram-oidc-redirect] p4 tls={}`,
      "app-2": `websecure Host(\`${app}\`) && PathPrefix(\`/\`) -> diffgram-frontend [allow-users,diffgram-oidc-redirect] p1 tls={}`,
      "app-interservice": `websecure Host(\`${app}\`) && ${path("/api/walrus/v1/interservice")} -> diffgram-walrus [deny-all] p27 tls={}`,
      "idp-realm": `websecure Host(\`${idp}\`) && ${path("/realms/acme")} -> keycloak [allow-users,keycloak-openid-scope] p12 tls={}`,
      "idp-resources": `websecure Host(\`${idp}\`) && ${path("/resources")} -> keycloak [allow-clients] p10 tls={}`,
      "idp-admin-0": `websecure Host(\`${idp}\`) && ${path("/admin")} -> keycloak [allow-admins] p6 tls={}`,
      "idp-admin-1": `websecure Host(\`${idp}\`) && ${path("/realms/master")} -> keycloak [allow-admins] p14 tls={}`,
    });
    // Every middleware and service a router names is defined; each backend is its ClusterIP
    // Service over HTTPS, verified against the internal CA under its in-cluster name.
    for (const r of Object.values(config.http.routers) as Loose[]) {
      for (const m of r.middlewares) {
        expect(config.http.middlewares[m], m).toBeDefined();
      }
    }
    expect(config.http.services).toEqual(
      Object.fromEntries(
        ["diffgram-walrus", "diffgram-default", "diffgram-frontend", "keycloak"].map((b) => [
          b,
          {
            loadBalancer: {
              servers: [{ url: `https://${b}.enclave-acme.svc:443` }],
              serversTransport: b,
              passHostHeader: true,
            },
          },
        ]),
      ),
    );
    expect(config.http.serversTransports.keycloak).toEqual({
      serverName: "keycloak.enclave-acme.svc",
      rootCAs: ["/etc/traefik/internal-ca/ca.crt"],
    });
    for (const s of Object.keys(config.http.services)) {
      expect(h.named(resources, "Service", s).spec.ports[0].port, s).toBe(443);
    }
    expect(config.tls.certificates).toEqual([
      { certFile: "/etc/traefik/dynamic/tls.crt", keyFile: "/etc/traefik/dynamic/tls.key" },
    ]);
    expect(config.tls.options.default).toMatchObject({
      minVersion: "VersionTLS12",
      sniStrict: true,
    });
    const certificate = h
      .byKind(resources, "Certificate")
      .find((c) => c.metadata.name === "public-tls");
    expect(certificate.spec).toMatchObject({ secretName: "public-tls", dnsNames: [app, idp] });
  });

  it("puts the ingress behind a LoadBalancer limited to the allowlists, with client addresses preserved", () => {
    const service = h.named(resources, "Service", "traefik");
    expect(service.spec).toMatchObject({
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      loadBalancerSourceRanges: ["203.0.113.0/24", "2001:db8::/48", "198.51.100.0/24"],
    });
    expect(service.metadata.annotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    });
  });

  it("exports the URLs and the ingress address", async () => {
    expect(layer.appUrl).toBe("https://annotate.acme.example.com");
    expect(layer.adminConsoleUrl).toBe(
      "https://idp.annotate.acme.example.com/admin/master/console/",
    );
    expect(await h.resolve(layer.ingressAddress)).toBe(h.LB_ADDRESS);
    expect(await h.resolve(layer.namespace)).toBe("enclave-acme");
  });
});

describe("AppLayer (dev)", () => {
  it("runs single replicas without PodDisruptionBudgets", async () => {
    const { resources } = await renderLayer("dev");
    const replicas = Object.fromEntries(
      h.byKind(resources, "Deployment").map((d) => [d.metadata.name, d.spec.replicas]),
    );
    expect(replicas).toEqual({
      "cert-manager": 1,
      "cert-manager-cainjector": 1,
      "cert-manager-webhook": 1,
      traefik: 1,
      keycloak: 1,
      "diffgram-default": 1,
      "diffgram-walrus": 1,
      "diffgram-eventhandlers": 1,
      "diffgram-frontend": 1,
    });
    expect(h.byKind(resources, "PodDisruptionBudget")).toEqual([]);
  });

  it("copies operator Secrets into the tenant namespace as Pulumi secrets (store keys, database admin)", async () => {
    h.setExistingSecret("enclave-system/minio-acme", {
      accessKeyId: "AKIAEXAMPLE",
      secretAccessKey: "s3cr3t-from-operator",
    });
    h.setExistingSecret("enclave-system/pg-admin", {
      username: "postgres",
      password: "pg-admin-password",
      "ca.crt": h.DB_CA_PEM,
    });
    const { resources } = await renderLayer("dev", {
      storage: {
        provider: "minio",
        endpoint: "https://minio.example.com:9000",
        credentials: { secretName: "minio-acme", namespace: "enclave-system" },
        network: { cidrs: ["203.0.113.20/32"], port: 9000 },
      },
      database: {
        adminCredentials: {
          kind: "kubernetes-secret",
          secretName: "pg-admin",
          namespace: "enclave-system",
        },
      },
    });
    const reads = resources.filter((r) => r.read).map((r) => r.id);
    expect(reads.sort()).toEqual(["enclave-system/minio-acme", "enclave-system/pg-admin"]);
    const copies = h
      .kubernetesObjects(resources)
      .filter((r) => r.type === "kubernetes:core/v1:Secret" && r.inputs.data !== undefined);
    expect(copies.map((c) => h.plain(c.inputs).metadata.name).sort()).toEqual([
      "database-admin",
      "object-store-credentials",
    ]);
    for (const c of copies) {
      expect(h.isSecretEnvelope(c.inputs.data)).toBe(true);
    }
    expect(h.bindings).toEqual([]);
    const api = h.named(resources, "Deployment", "diffgram-default").spec.template.spec
      .containers[0];
    const env = Object.fromEntries(api.env.map((e: Loose) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      DIFFGRAM_STATIC_STORAGE_PROVIDER: "minio",
      DIFFGRAM_MINIO_ENDPOINT_URL: "https://minio.example.com:9000",
      DIFFGRAM_MINIO_DISABLED_SSL_VERIFY: "False",
      DIFFGRAM_MINIO_ACCESS_KEY_ID: {
        secretKeyRef: { name: "object-store-credentials", key: "accessKeyId" },
      },
      DIFFGRAM_MINIO_ACCESS_KEY_SECRET: {
        secretKeyRef: { name: "object-store-credentials", key: "secretAccessKey" },
      },
    });
    const bootstrap = podSpecs(resources).find((p) =>
      p.owner.startsWith("Job/database-bootstrap"),
    )!;
    const benv = Object.fromEntries(
      bootstrap.spec.containers[0].env.map((e: Loose) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(benv).toMatchObject({
      ADMIN_CREDENTIALS_KIND: "kubernetes-secret",
      ADMIN_PASSWORD: { secretKeyRef: { name: "database-admin", key: "password" } },
      PGSSLMODE: "verify-full",
      PGSSLROOTCERT: "/etc/enclave/db-ca/ca.pem",
    });
    expect(h.named(resources, "ConfigMap", "database-ca").data["ca.pem"]).toBe(h.DB_CA_PEM);
  });
});

describe("AppLayer reads the Platform's capabilities, not its cloud", () => {
  /** The cert-manager controllers the layer installs (by their Deployments' logical names). */
  const releases = (resources: h.Recorded[]) =>
    resources
      .filter((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name.endsWith("-controller"))
      .map((r) => r.name.replace(/-controller$/, ""));

  it("installs cert-manager where the Platform says it is absent, on any cloud", async () => {
    const { resources } = await renderLayer("dev", { ingress: { certManager: "install" } });
    expect(releases(resources)).toEqual(["enclave-certificates-cert-manager"]);
  });

  it("installs nothing where the Platform says cert-manager is present, on any cloud", async () => {
    const { resources } = await renderLayer("dev", { ingress: { certManager: "present" } });
    expect(releases(resources)).toEqual([]);
    expect(resources.some((r) => r.name === "cert-manager")).toBe(false);
  });

  it("binds the Platform's operator groups, with enclave:app.operators, to the tenant-operator Role", async () => {
    const { resources } = await renderLayer(
      "dev",
      { operatorGroups: ["enclave:tenant-operators"] },
      { operators: { groups: ["acme-ops", "enclave:tenant-operators"], users: ["carol"] } },
    );
    const binding = h.named(resources, "RoleBinding", "tenant-operator");
    expect(binding.metadata.namespace).toBe("enclave-acme");
    expect(binding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: "tenant-operator",
    });
    expect(binding.subjects).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "acme-ops" },
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "enclave:tenant-operators" },
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "carol" },
    ]);
  });

  it("lets the layer's tls.installCertManager override the Platform", async () => {
    const { resources } = await renderLayer(
      "dev",
      { ingress: { certManager: "present" } },
      { tls: { installCertManager: true } },
    );
    expect(releases(resources)).toEqual(["enclave-certificates-cert-manager"]);
  });
});

describe("AppLayer validation", () => {
  const settings = () =>
    resolveLayerSettings({ images: h.DIFFGRAM_IMAGES }, { tenant: "acme", environment: "dev" })
      .settings!;

  it("refuses Let's Encrypt without a DNS-01 solver, before creating any child", () => {
    const platform = h.fakePlatform(k8s, {
      ingress: { tls: { kind: "cert-manager", issuer: "letsencrypt" } },
    });
    const message =
      "the public certificate comes from Let's Encrypt (the platform's default issuer) but tls.acme is not set. Fix: set tls.acme to { email, dns01: <cert-manager DNS-01 solver> } (HTTP-01 cannot pass the allowlisted load balancer), or choose tls.issuer self-signed or { clusterIssuer }";
    expect(layerModule.validateLayer({ platform, settings: settings() })).toEqual([message]);
    expect(
      () => new layerModule.AppLayer("invalid-tls", { platform, settings: settings() }),
    ).toThrow(`App layer: ${message}`);
  });

  it("refuses GCS through workload identity, which Diffgram's client cannot use", () => {
    const platform = h.fakePlatform(k8s, {
      storage: { provider: "gcp", credentials: "workload-identity" },
    });
    expect(layerModule.validateLayer({ platform, settings: settings() })).toEqual([
      "Diffgram's GCS client always loads a JSON key (SERVICE_ACCOUNT_FULL_PATH), so Workload Identity alone cannot work. Fix: have the GCP target give storage.credentials a Secret with key.json",
    ]);
  });

  it("refuses a Platform that names no address for the store, the API server or the secret store", () => {
    const platform = h.fakePlatform(k8s, {
      storage: { network: { cidrs: [], port: 443 } },
      ingress: { kubernetesApiCidrs: [], cloudApiCidrs: [] },
    });
    expect(layerModule.validateLayer({ platform, settings: settings() })).toEqual([
      "platform.storage.network.cidrs is empty, so no pod could reach the object store. Fix: the target must name the store's addresses (e.g. the S3 interface endpoint's subnets)",
      "platform.ingress.kubernetesApiCidrs is empty, so the ingress controller could not reach the API server. Fix: the target must name the API server's addresses",
      "platform.ingress.cloudApiCidrs is empty, but the database administrator's secret is in the cloud's secret store (aws-secrets-manager). Fix: the target must name where that API is reached (e.g. the Secrets Manager interface endpoint's subnets)",
    ]);
  });

  it("refuses a Platform without cluster ranges (Keycloak would trust no proxy)", () => {
    const platform = h.fakePlatform(k8s, { ingress: { clusterCidrs: [] } });
    expect(layerModule.validateLayer({ platform, settings: settings() })).toEqual([
      "platform.ingress.clusterCidrs is empty, so Keycloak could trust no proxy. Fix: the target must list the pod and service ranges",
    ]);
  });

  it("uses a Let's Encrypt DNS-01 issuer when configured", async () => {
    const { resources } = await renderLayer(
      "dev",
      { ingress: { tls: { kind: "cert-manager", issuer: "letsencrypt" } } },
      { tls: { acme: { email: "pki@example.com", dns01: { route53: { region: "eu-west-1" } } } } },
    );
    const issuer = h.byKind(resources, "Issuer").find((i) => i.metadata.name === "letsencrypt");
    expect(issuer.spec.acme).toEqual({
      email: "pki@example.com",
      server: "https://acme-v02.api.letsencrypt.org/directory",
      privateKeySecretRef: { name: "letsencrypt-account" },
      solvers: [{ dns01: { route53: { region: "eu-west-1" } } }],
    });
    const cert = h.byKind(resources, "Certificate").find((c) => c.metadata.name === "public-tls");
    expect(cert.spec.issuerRef).toEqual({
      group: "cert-manager.io",
      kind: "Issuer",
      name: "letsencrypt",
    });
    // ACME and the DNS provider's API are on the internet: only then does cert-manager get HTTPS
    // to public addresses (cluster and metadata ranges cut out).
    const egress = h
      .byKind(resources, "NetworkPolicy")
      .find((p) => p.metadata.namespace === "cert-manager" && p.metadata.name === "cert-manager")
      .spec.egress;
    expect(egress.at(-1)).toEqual({
      to: [
        {
          ipBlock: {
            cidr: "0.0.0.0/0",
            except: ["10.42.0.0/16", "172.20.0.0/16", "169.254.169.254/32", "169.254.170.23/32"],
          },
        },
      ],
      ports: [{ protocol: "TCP", port: 443 }],
    });
  });
});
