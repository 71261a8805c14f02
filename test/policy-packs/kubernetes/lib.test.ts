import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  isFromAllowedRegistry,
  isPinnedByDigest,
  parseImage,
} from "../../../policy-packs/lib/kubernetes/images";
import { podOf } from "../../../policy-packs/lib/kubernetes/pod";
import {
  isSecretLookingEntry,
  isSecretLookingName,
} from "../../../policy-packs/lib/kubernetes/secrets";
import * as types from "../../../policy-packs/lib/kubernetes/types";
import { POD_OWNER_TOKENS, typeToken } from "../../../policy-packs/lib/kubernetes/types";
import { asKind, compliantPodSpec, POD_KINDS } from "../../helpers/kubernetes-policy";

describe("typeToken", () => {
  it("maps manifests to @pulumi/kubernetes type tokens", () => {
    expect(typeToken("v1", "Pod")).toBe("kubernetes:core/v1:Pod");
    expect(typeToken("apps/v1", "Deployment")).toBe("kubernetes:apps/v1:Deployment");
    expect(typeToken("batch/v1", "CronJob")).toBe("kubernetes:batch/v1:CronJob");
  });

  /** Every resource token the installed @pulumi/kubernetes registers (`case "<token>":` in each group's index). */
  function providerTokens(): string[] {
    const root = path.resolve(__dirname, "../../../node_modules/@pulumi/kubernetes");
    const found = new Set<string>();
    for (const group of fs.readdirSync(root)) {
      const dir = path.join(root, group);
      if (!fs.statSync(dir).isDirectory()) {
        continue;
      }
      for (const version of fs.readdirSync(dir)) {
        const index = path.join(dir, version, "index.js");
        if (fs.existsSync(index)) {
          for (const m of fs.readFileSync(index, "utf8").matchAll(/case "(kubernetes:[^"]+)":/g)) {
            found.add(m[1]!);
          }
        }
      }
    }
    return [...found];
  }
  const ofKinds = (all: string[], kinds: string[]) =>
    all.filter((t) => kinds.includes(t.split(":")[2]!.replace(/Patch$/, ""))).sort();

  it("covers every kind it judges in every apiVersion the provider exposes, with patches", () => {
    const all = providerTokens();
    expect(all.length).toBeGreaterThan(100);
    const owners = [
      "Pod",
      "PodTemplate",
      "ReplicationController",
      "Deployment",
      "StatefulSet",
      "DaemonSet",
      "ReplicaSet",
      "Job",
      "CronJob",
    ];
    expect([...POD_OWNER_TOKENS].sort()).toEqual(ofKinds(all, owners));
    expect([...types.ROLE_TOKENS].sort()).toEqual(ofKinds(all, ["Role", "ClusterRole"]));
    expect([...types.BINDING_TOKENS].sort()).toEqual(
      ofKinds(all, ["RoleBinding", "ClusterRoleBinding"]),
    );
    expect([...types.SERVICE_TOKENS].sort()).toEqual(ofKinds(all, ["Service"]));
    expect([...types.SERVICE_ACCOUNT_TOKENS].sort()).toEqual(ofKinds(all, ["ServiceAccount"]));
    expect([...types.CONFIG_MAP_TOKENS].sort()).toEqual(ofKinds(all, ["ConfigMap"]));
    expect([...types.NAMESPACE_TOKENS].sort()).toEqual(ofKinds(all, ["Namespace"]));
    expect([...types.INGRESS_TOKENS].sort()).toEqual(ofKinds(all, ["Ingress"]));
    expect([...types.NETWORK_POLICY_TOKENS].sort()).toEqual(ofKinds(all, ["NetworkPolicy"]));
  });
});

describe("podOf", () => {
  for (const [kind, type] of POD_KINDS) {
    it(`finds the pod spec of a ${kind}`, () => {
      const pod = podOf(type, asKind(kind, compliantPodSpec()));
      expect(pod?.kind).toBe(kind);
      expect(pod?.containers.map((c) => `${c.list}/${c.name}`)).toEqual([
        "initContainers/migrate",
        "containers/app",
      ]);
    });
  }
  it("returns undefined without a pod spec or for other types", () => {
    expect(podOf("kubernetes:apps/v1:Deployment", { spec: { replicas: 1 } })).toBeUndefined();
    expect(podOf("kubernetes:core/v1:Service", { spec: {} })).toBeUndefined();
  });
  it("names unnamed containers by position", () => {
    const pod = podOf("kubernetes:core/v1:Pod", {
      spec: { containers: [{}], ephemeralContainers: ["x"] },
    });
    expect(pod?.containers.map((c) => c.name)).toEqual(["containers[0]", "ephemeralContainers[0]"]);
  });
});

describe("parseImage", () => {
  it("reads registries, Docker Hub short names, ports, tags and digests", () => {
    expect(parseImage("nginx")).toEqual({ registry: "docker.io", path: "library/nginx" });
    expect(parseImage("index.docker.io/bitnami/redis:7")).toEqual({
      registry: "docker.io",
      path: "bitnami/redis",
      tag: "7",
    });
    expect(parseImage("localhost:5000/app:1@sha256:abc")).toEqual({
      registry: "localhost:5000",
      path: "app",
      tag: "1",
      digest: "sha256:abc",
    });
    expect(parseImage(" ")).toBeUndefined();
  });
  it("accepts only well-formed digests", () => {
    expect(isPinnedByDigest(parseImage(`a@sha256:${"0".repeat(64)}`)!)).toBe(true);
    expect(isPinnedByDigest(parseImage(`a@sha256:${"0".repeat(63)}`)!)).toBe(false);
    expect(isPinnedByDigest(parseImage("a:sha256")!)).toBe(false);
  });
  it("matches registries, path prefixes and wildcards by whole components", () => {
    const ref = parseImage("123.dkr.ecr.eu-west-1.amazonaws.com/team/app:1")!;
    expect(isFromAllowedRegistry(ref, ["*.dkr.ecr.*.amazonaws.com"])).toBe(true);
    expect(isFromAllowedRegistry(ref, ["123.dkr.ecr.eu-west-1.amazonaws.com/team"])).toBe(true);
    expect(isFromAllowedRegistry(ref, ["123.dkr.ecr.eu-west-1.amazonaws.com/tea"])).toBe(false);
    expect(isFromAllowedRegistry(parseImage("ghcr.io.evil.com/x")!, ["ghcr.io"])).toBe(false);
    expect(isFromAllowedRegistry(parseImage("redis")!, ["index.docker.io/library"])).toBe(true);
  });
});

describe("isSecretLookingName", () => {
  it("flags names whose words name a secret value", () => {
    for (const n of [
      "DB_PASSWORD",
      "dbPassword",
      "FERNET_KEY",
      "tls.key",
      "INTER_SERVICE_SECRET",
      "api-token",
      "AWS_SECRET_ACCESS_KEY",
      "apikey",
      "API_KEY",
      "SECRET_KEY",
      "PRIVATE_KEY",
      "privateKey",
      "PASSWORD",
      "TOKEN",
      "SECRET_KEY_BASE",
      "S3_SECRET_KEY",
      "KMS_SECRET_KEY",
      "ENCRYPTION_KEY",
      "key.json",
      "key.pem",
      "PASSWORD_VALUE",
    ]) {
      expect({ n, secret: isSecretLookingName(n) }).toEqual({ n, secret: true });
    }
  });
  it("keeps settings about secrets out", () => {
    for (const n of [
      "TOKEN_LIFESPAN",
      "SECRET_NAME",
      "PASSWORD_FILE",
      "KEYCLOAK_URL",
      "AWS_ACCESS_KEY_ID",
      "PUBLIC_KEY",
      "monkey",
      "",
      "KMS_KEY",
      "kmsKey",
      "S3_KEY",
      "CACHE_KEY",
      "STORAGE_KMS_KEY_ARN",
      "KMS_KEY_ARN",
      "DATA_KEY_ID",
      "SIGNING_KEY_ID",
      "SECRET_KEY_ID",
      "TOKEN_SECRET_NAME",
      "PARTITION_KEY",
      "value",
    ]) {
      expect({ n, secret: isSecretLookingName(n) }).toEqual({ n, secret: false });
    }
  });
});

describe("isSecretLookingEntry", () => {
  it("reads every secret-looking name, whatever the value", () => {
    expect(isSecretLookingEntry("DB_PASSWORD", "300")).toBe(true);
    expect(isSecretLookingEntry("TOKEN_LIFESPAN", "squirrels")).toBe(false);
  });
  it("reads an absolute file path as where a secret is mounted, even under a secret name", () => {
    expect(
      isSecretLookingEntry("GOOGLE_APPLICATION_CREDENTIALS", "/etc/enclave/gcp/key.json"),
    ).toBe(false);
    expect(isSecretLookingEntry("DB_PASSWORD", "/run/secrets/db-password")).toBe(false);
    expect(isSecretLookingEntry("GOOGLE_APPLICATION_CREDENTIALS", '{"type": "x"}')).toBe(true);
    expect(isSecretLookingEntry("DB_PASSWORD", "/not a path")).toBe(true);
  });
  it("flags a name led by a secret word with a qualifier and a literal value", () => {
    for (const n of [
      "SECRET_BLAH",
      "PASSWORD_ADMIN",
      "TOKEN_GITHUB",
      "secretsProd",
      "apikey.stripe",
    ]) {
      expect({ n, secret: isSecretLookingEntry(n, "squirrels") }).toEqual({ n, secret: true });
    }
  });
  it("keeps settings about the secret and setting-shaped values out", () => {
    const cases: [string, string][] = [
      ["SECRET_PATH", "vault/data/app"],
      ["TOKEN_TTL", "squirrels"],
      ["PASSWORD_MIN_LENGTH", "x"],
      ["SECRET_KEY_ID", "k1"],
      ["KEY_ALIAS", "squirrels"],
      ["PWD_HOME", "squirrels"],
      ["SECRET_BLAH", "300"],
      ["SECRET_BLAH", "true"],
      ["SECRET_BLAH", "30s"],
      ["SECRET_BLAH", "512Mi"],
      ["SECRET_BLAH", "/run/secrets/app"],
      ["SECRET_BLAH", "https://vault.example.com"],
      ["SECRETARY_EMAIL", "squirrels"],
      ["TOKEN_AUTH_METHOD", "oauth"],
      ["PASSWORD_HASHER", "argon2"],
      ["SECRET_ENGINE", "kv"],
      ["TOKEN_CACHE", "redis"],
      ["PASSWORD_COMPLEXITY", "high"],
    ];
    for (const [n, v] of cases) {
      expect({ n, v, secret: isSecretLookingEntry(n, v) }).toEqual({ n, v, secret: false });
    }
    expect(isSecretLookingEntry("SECRET_BLAH", "https://user:pw@db.example.com")).toBe(true);
  });
});
