import { beforeAll, describe, expect, it } from "vitest";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";

/**
 * PlatformDatabase.bootstrap: on a shared server the bootstrap Job runs in the platform's
 * namespace with the platform's service account; the tenant namespace keeps only the CA and the
 * apps' own logins, and nothing there names the administrator's credentials.
 */
type Loose = h.Loose;
let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let adminModule: typeof import("../../../components/app/database/admin-namespace");

const MASTER = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-0000-AbCdEf";
const PLACEMENT = { namespace: "database-admin", serviceAccountName: "database-admin" };

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  adminModule = await import("../../../components/app/database/admin-namespace");
});

async function renderLayer(database: h.FakePlatformOptions["database"]) {
  const resolved = resolveLayerSettings(
    { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS } },
    { tenant: "acme", environment: "dev" },
  );
  expect(resolved.problems).toEqual([]);
  return h.render(
    () =>
      new layerModule.AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { database }),
        settings: resolved.settings!,
      }),
  );
}

const objects = (resources: h.Recorded[]) =>
  h.kubernetesObjects(resources).map((r) => h.plain(r.inputs) as Loose);

describe("the app layer on a shared server (PlatformDatabase.bootstrap)", () => {
  it("runs the bootstrap Job in the platform's namespace as its service account, asking the target for no identity", async () => {
    const { resources } = await renderLayer({ bootstrap: PLACEMENT });
    expect(h.bindings.map((b) => b.access)).not.toContain("database-bootstrap");
    const jobs = h
      .byKind(resources, "Job")
      .filter((j) => j.metadata.labels["app.kubernetes.io/name"] === "database-bootstrap");
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(job.metadata.namespace).toBe("database-admin");
    const pod = job.spec.template.spec;
    expect(pod.serviceAccountName).toBe("database-admin");
    const env = Object.fromEntries(
      pod.containers[0].env.map((e: Loose) => [e.name, e.value ?? e.valueFrom.secretKeyRef.name]),
    );
    expect(env).toMatchObject({
      ADMIN_CREDENTIALS_KIND: "aws-secrets-manager",
      ADMIN_SECRET_ID: MASTER,
      KEYCLOAK_DB_PASSWORD: "acme-keycloak-db",
      DIFFGRAM_DB_PASSWORD: "acme-diffgram-db",
    });
    expect(pod.volumes.map((v: Loose) => v.configMap?.name).filter(Boolean)).toEqual([
      "database-bootstrap-acme",
      "database-ca-acme",
    ]);
    // Its inputs sit next to it, named for the tenant.
    const adminObjects = objects(resources)
      .filter((o) => o.metadata.namespace === "database-admin")
      .map((o) => `${o.kind} ${o.metadata.name ?? "(generated)"}`)
      .sort();
    expect(adminObjects).toEqual([
      "ConfigMap database-bootstrap-acme",
      "ConfigMap database-ca-acme",
      "Job (generated)",
      "Secret acme-diffgram-db",
      "Secret acme-keycloak-db",
    ]);
  });

  it("leaves the tenant namespace the CA and the apps' logins, with no reference to the administrator", async () => {
    const { resources } = await renderLayer({ bootstrap: PLACEMENT });
    const tenant = objects(resources).filter((o) => o.metadata.namespace === "enclave-acme");
    expect(tenant.length).toBeGreaterThan(10);
    for (const o of tenant) {
      const text = JSON.stringify(o);
      expect(text, `${o.kind} ${o.metadata.name}`).not.toContain(MASTER);
      expect(text, `${o.kind} ${o.metadata.name}`).not.toContain("ADMIN_SECRET_ID");
      expect(text, `${o.kind} ${o.metadata.name}`).not.toContain("ADMIN_CREDENTIALS_KIND");
    }
    const names = (kind: string) =>
      tenant.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names("ConfigMap")).toContain("database-ca");
    expect(names("Secret")).toEqual(expect.arrayContaining(["keycloak-db", "diffgram-db"]));
    expect(names("ServiceAccount")).not.toContain("database-bootstrap");
    // No pod of the tenant's reaches the cloud's secret store.
    const policy = h
      .byKind(resources, "NetworkPolicy")
      .find((p) => p.metadata.name === "database-bootstrap");
    expect(JSON.stringify(policy.spec.egress)).not.toContain("10.42.98.0/24");
  });

  it("renders as before without a placement: the Job, its service account and identity in the tenant namespace", async () => {
    const { resources } = await renderLayer({});
    expect(h.bindings.map((b) => b.access)).toContain("database-bootstrap");
    const job = h
      .byKind(resources, "Job")
      .find((j) => j.metadata.labels["app.kubernetes.io/name"] === "database-bootstrap");
    expect(job.metadata.namespace).toBe("enclave-acme");
    expect(job.spec.template.spec.serviceAccountName).toBe("database-bootstrap");
    const policy = h
      .byKind(resources, "NetworkPolicy")
      .find((p) => p.metadata.name === "database-bootstrap");
    expect(JSON.stringify(policy.spec.egress)).toContain("10.42.98.0/24");
  });
});

describe("DatabaseAdminNamespace", () => {
  it("is restricted, denies everything but DNS, the server and the cloud APIs, and holds the one service account", async () => {
    const { resources } = await h.render(
      () =>
        new adminModule.DatabaseAdminNamespace(
          "admin",
          {
            platform: "platform",
            serviceAccountAnnotations: {
              "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/admin",
            },
            database: { cidrs: ["10.50.128.0/24", "10.50.129.0/24"], port: 5432 },
            cloudApiCidrs: ["10.50.0.0/19"],
            metadataCidrs: ["169.254.169.254/32"],
          },
          { provider: new k8s.Provider("cluster", {}) },
        ),
    );
    const ns = h.named(resources, "Namespace", "database-admin");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const deny = h.named(resources, "NetworkPolicy", "default-deny");
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [],
    });
    const allow = h.named(resources, "NetworkPolicy", "database-bootstrap");
    expect(allow.spec.ingress).toEqual([]);
    expect(allow.spec.egress.slice(1)).toEqual([
      {
        to: [{ ipBlock: { cidr: "10.50.128.0/24" } }, { ipBlock: { cidr: "10.50.129.0/24" } }],
        ports: [{ protocol: "TCP", port: 5432 }],
      },
      { to: [{ ipBlock: { cidr: "10.50.0.0/19" } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
    expect(allow.spec.egress[0].to[0].namespaceSelector.matchLabels).toEqual({
      "kubernetes.io/metadata.name": "kube-system",
    });
    const sa = h.named(resources, "ServiceAccount", "database-admin");
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::111122223333:role/admin",
    );
  });
});
