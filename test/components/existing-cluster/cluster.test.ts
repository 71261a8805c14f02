import { readFileSync } from "node:fs";
import { parse } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { RawConfig } from "../../../stacks/config";
import * as h from "../../helpers/app-layer";

type Loose = h.Loose;
let config: typeof import("../../../stacks/config");
let target: typeof import("../../../stacks/targets/existing-cluster");
let program: typeof import("../../../stacks/program");
let clusterModule: typeof import("../../../components/existing-cluster/cluster");

/** A stack file as Pulumi hands it to the program: structured values as JSON strings. */
function stackConfig(file: string): RawConfig {
  const doc = parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

const ONPREM = stackConfig("stacks/Pulumi.onprem-dev.yaml");
const CA = "-----BEGIN CERTIFICATE-----\nMIIBonpremCA\n-----END CERTIFICATE-----\n";

beforeAll(async () => {
  await h.setKubernetesMocks();
  config = await import("../../../stacks/config");
  target = await import("../../../stacks/targets/existing-cluster");
  program = await import("../../../stacks/program");
  clusterModule = await import("../../../components/existing-cluster/cluster");
});

describe("existing-cluster target", () => {
  it("reads the object store's port from its endpoint", () => {
    expect(target.endpointPort("https://minio.example.com:9000")).toBe(9000);
    expect(target.endpointPort("https://s3.example.com")).toBe(443);
  });

  it("builds the Platform from enclave:kubernetes, keeping credentials in the operator's Secrets", async () => {
    h.setExistingSecret("enclave-system/enclave-postgres", {
      username: "postgres",
      password: "operator-pw",
      "ca.crt": CA,
    });
    const parsed = config.parseStackConfig(ONPREM, { project: "enclave", stack: "onprem-dev" });
    const { result, resources } = await h.render(() => {
      const cluster = new clusterModule.ExistingCluster("enclave-cluster", {
        context: "onprem-admin",
        secretsNamespace: "enclave-system",
        databaseSecretName: "enclave-postgres",
      });
      return target.existingClusterPlatform(parsed, cluster);
    });
    const { kubernetesProvider, bindServiceAccount, database, ...rest } = result;
    expect(rest).toEqual({
      cloud: "kubernetes",
      environment: "dev",
      tenant: "acme",
      isolation: "dedicated",
      domain: "annotate.example.com",
      allowlist: { admin: ["198.51.100.0/26"], users: ["198.51.100.128/25"] },
      storage: {
        provider: "minio",
        bucketName: "diffgram-acme",
        region: "us-east-1",
        endpoint: "https://minio.example.com:9000",
        credentials: { secretName: "enclave-minio-acme", namespace: "enclave-system" },
        corsOrigins: ["https://annotate.example.com"],
        network: { cidrs: ["203.0.113.20/32"], port: 9000 },
      },
      ingress: {
        clusterCidrs: ["10.42.0.0/16", "10.43.0.0/16"],
        metadataCidrs: ["169.254.169.254/32"],
        loadBalancerAnnotations: { "metallb.io/address-pool": "enclave" },
        kubernetesApiCidrs: ["203.0.113.5/32"],
        tls: { kind: "cert-manager", issuer: "self-signed" },
        certManager: "present",
      },
      // The cluster's own authentication names the operators' groups (enclave:app.operators).
      operatorGroups: [],
    });
    const { caBundlePem, ...db } = database;
    expect(db).toEqual({
      engine: "postgres",
      host: "postgres.db.example.com",
      port: 5432,
      sslMode: "verify-full",
      cidrs: ["203.0.113.10/32"],
      adminCredentials: {
        kind: "kubernetes-secret",
        secretName: "enclave-postgres",
        namespace: "enclave-system",
      },
    });
    expect(await h.resolve(caBundlePem)).toBe(CA);
    expect(
      bindServiceAccount({
        name: "x",
        namespace: "n",
        serviceAccountName: "s",
        access: "tenant-storage",
      }),
    ).toEqual({
      serviceAccountAnnotations: {},
    });
    const provider = resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(provider.inputs).toMatchObject({
      context: "onprem-admin",
      enableServerSideApply: "true",
      deleteUnreachable: "false",
    });
    expect(resources.filter((r) => r.read).map((r) => r.id)).toEqual([
      "enclave-system/enclave-postgres",
    ]);
    expect(kubernetesProvider).toBeDefined();
  });

  it("client-hosted: the data goes to the client's store, with the keys the client issued", () => {
    const { objectStore: _operators, ...cluster } = JSON.parse(ONPREM["enclave:kubernetes"]!);
    const raw = {
      ...ONPREM,
      "enclave:isolation": "client-hosted",
      "enclave:kubernetes": JSON.stringify(cluster),
      "enclave:clientHosted": JSON.stringify({
        bucketName: "client-annotations",
        endpoint: "https://s3.client.example.com",
        region: "eu-west-1",
        cidrs: ["192.0.2.40/32"],
        credentialsSecretName: "client-acme-keys",
      }),
    };
    const parsed = config.parseStackConfig(raw, { project: "enclave", stack: "onprem-dev" });
    expect(target.existingClusterStorage(parsed)).toEqual({
      provider: "minio",
      bucketName: "client-annotations",
      region: "eu-west-1",
      endpoint: "https://s3.client.example.com",
      credentials: { secretName: "client-acme-keys", namespace: "enclave-system" },
      corsOrigins: ["https://annotate.example.com"],
      network: { cidrs: ["192.0.2.40/32"], port: 443 },
    });
    expect(target.notIsolated(parsed)).toHaveLength(2);
  });

  it("says at run time, and as an output, what dedicated does not isolate there", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    const parsed = config.parseStackConfig(ONPREM, { project: "enclave", stack: "onprem-dev" });
    const { result } = await h.render(() => target.buildExistingClusterTarget(parsed));
    expect(result.outputs.objectStoreOwner).toBe("operator");
    expect(result.outputs.notIsolated).toEqual(target.notIsolated(parsed));
    expect(warn.mock.calls.map((c) => c[0])).toEqual(
      target
        .notIsolated(parsed)
        .map((l) => `isolation dedicated on an existing cluster does not isolate ${l}`),
    );
    expect(warn.mock.calls[0]![0]).toMatch(
      /the bucket's encryption key: .*creates no per-tenant key/,
    );
    warn.mockRestore();
    expect(target.notIsolated({ ...parsed, isolation: "shared" })).toEqual([]);
  });

  it("leaves the database CA empty (TLS fails closed) when the operator's Secret has no ca.crt", async () => {
    h.setExistingSecret("enclave-system/no-ca", { username: "postgres", password: "pw" });
    const { result } = await h.render(
      () =>
        new clusterModule.ExistingCluster("c", {
          secretsNamespace: "enclave-system",
          databaseSecretName: "no-ca",
        }),
    );
    expect(await h.resolve(result.databaseCaPem)).toBe("");
  });
});

describe("the onprem-dev reference stack, end to end", () => {
  let resources: h.Recorded[];
  let outputs: Record<string, Loose>;
  beforeAll(async () => {
    h.setExistingSecret("enclave-system/enclave-postgres", {
      username: "postgres",
      password: "operator-pw",
      "ca.crt": CA,
    });
    h.setExistingSecret("enclave-system/enclave-minio-acme", {
      accessKeyId: "AKIA",
      secretAccessKey: "minio-secret",
    });
    const parsed = config.parseStackConfig(ONPREM, { project: "enclave", stack: "onprem-dev" });
    ({ result: outputs, resources } = await h.render(() => program.deploy(parsed)));
  });

  it("deploys the layer on the existing cluster with the stack's settings", async () => {
    expect(await h.resolve(outputs.namespace)).toBe("enclave-acme");
    expect(outputs.identityProviderUrl).toBe("https://idp.annotate.example.com/realms/acme");
    expect(outputs.keycloakAdminConsoleUrl).toBe(
      "https://idp.annotate.example.com/admin/master/console/",
    );
    expect(outputs.kubernetesContext).toBe("onprem-admin");
    // cert-manager is the operator's: no Helm release; images all from the internal mirror.
    expect(resources.filter((r) => r.type.startsWith("kubernetes:helm.sh"))).toEqual([]);
    const images = h
      .kubernetesObjects(resources)
      .map((r) => h.plain(r.inputs))
      .filter((o) => ["Deployment", "StatefulSet", "Job"].includes(o.kind))
      .flatMap((o) =>
        [...(o.spec.template.spec.initContainers ?? []), ...o.spec.template.spec.containers].map(
          (c: Loose) => c.image,
        ),
      );
    expect(images.every((i: string) => i.startsWith("registry.example.com/"))).toBe(true);
    expect(h.named(resources, "ConfigMap", "database-ca").data["ca.pem"]).toBe(CA);
    expect(h.named(resources, "Service", "traefik").metadata.annotations).toEqual({
      "metallb.io/address-pool": "enclave",
    });
    expect(h.named(resources, "RoleBinding", "tenant-operator").subjects).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "acme-operators" },
    ]);
    const realm = JSON.parse(
      h.named(resources, "Secret", "keycloak-realm").stringData["acme.json"],
    );
    expect(realm.clients[0].attributes).not.toHaveProperty("pkce.code.challenge.method");
  });

  it("states the realm's OTP scope on its Secret, matching the realm JSON inside", async () => {
    const { requiresSecondFactorOfAll } =
      await import("../../../policy-packs/lib/kubernetes/keycloak");
    const secret = h.named(resources, "Secret", "keycloak-realm");
    const realm = JSON.parse(secret.stringData["acme.json"]);
    expect(secret.metadata.annotations).toEqual({ "enclave.dev/realm-otp": "all" });
    expect(requiresSecondFactorOfAll(realm)).toBe(true);
    // The relaxed stack: the annotation and the JSON change together.
    const raw = {
      ...ONPREM,
      "enclave:app": JSON.stringify({
        ...JSON.parse(ONPREM["enclave:app"]!),
        keycloak: { requirePkce: false, otp: "administrators" },
      }),
    };
    const parsed = config.parseStackConfig(raw, { project: "enclave", stack: "onprem-dev" });
    const relaxed = (await h.render(() => program.deploy(parsed))).resources;
    const relaxedSecret = h.named(relaxed, "Secret", "keycloak-realm");
    expect(relaxedSecret.metadata.annotations).toEqual({
      "enclave.dev/realm-otp": "administrators",
    });
    expect(requiresSecondFactorOfAll(JSON.parse(relaxedSecret.stringData["acme.json"]))).toBe(
      false,
    );
  });

  it("never puts the operator's credentials in plain text", () => {
    for (const r of resources.filter((x) => x.type !== "kubernetes:core/v1:Secret")) {
      const leaked = h
        .strings(r.inputs)
        .filter((s) => ["operator-pw", "minio-secret"].some((v) => s.value.includes(v)));
      expect(leaked, `${r.type} ${r.name}`).toEqual([]);
    }
  });

  it("stops before creating anything when the Diffgram images are not pinned", () => {
    const raw = {
      ...ONPREM,
      "enclave:app": JSON.stringify({ tls: { installCertManager: false } }),
    };
    const parsed = config.parseStackConfig(raw, { project: "enclave", stack: "onprem-dev" });
    expect(() => program.deploy(parsed)).toThrow(
      /enclave:app\.images\.diffgramDefault = \(not set\): has no default/,
    );
  });
});
