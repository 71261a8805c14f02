import { describe, expect, it } from "vitest";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

const ingress = (): Record<string, any> => ({
  metadata: { name: "app", namespace: "enclave" },
  spec: {
    ingressClassName: "nginx",
    tls: [{ hosts: ["app.example.com", "*.idp.example.com"], secretName: "app-tls" }],
    rules: [
      {
        host: "app.example.com",
        http: {
          paths: [
            {
              path: "/",
              pathType: "Prefix",
              backend: { service: { name: "app", port: { number: 80 } } },
            },
          ],
        },
      },
      { host: "auth.idp.example.com", http: { paths: [] } },
    ],
  },
});

describe("kubernetes-networking-ingress-require-tls", () => {
  const policy = resourcePolicyNamed("kubernetes-networking-ingress-require-tls");
  const run = (props: Record<string, unknown>, type = INGRESS) =>
    runResourcePolicy(policy, { type, props });
  it("passes the compliant Ingress (exact and wildcard hosts)", () =>
    expect(run(ingress()).violations).toEqual([]));
  it("flags an Ingress without TLS", () => {
    const i = ingress();
    delete i.spec.tls;
    expect(run(i).violations).toEqual(["Ingress has no spec.tls, so it serves plain HTTP"]);
  });
  it("flags hosts the TLS section does not cover", () => {
    const i = ingress();
    i.spec.rules.push(
      { host: "admin.example.com" },
      { host: "a.b.idp.example.com" },
      { http: { paths: [] } },
    );
    expect(run(i).violations).toEqual([
      'Ingress routes hosts that spec.tls does not cover: "admin.example.com", "a.b.idp.example.com", rule 4 (no host)',
    ]);
  });
  it("treats a TLS entry without hosts as the default certificate", () => {
    const i = ingress();
    i.spec.tls.push({ secretName: "default" });
    i.spec.rules.push({ host: "admin.example.com" }, { http: { paths: [] } });
    expect(run(i).violations).toEqual([]);
  });
  it("does not require spec.tls on a patch that does not touch it", () => {
    const i = ingress();
    delete i.spec.tls;
    expect(run(i, "kubernetes:networking.k8s.io/v1:IngressPatch").violations).toEqual([]);
  });
});

describe("kubernetes-core-configmap-disallow-secrets", () => {
  const policy = resourcePolicyNamed("kubernetes-core-configmap-disallow-secrets");
  const configMap = (): Record<string, any> => ({
    metadata: { name: "app", namespace: "enclave" },
    data: {
      LOG_LEVEL: "info",
      KEYCLOAK_URL: "https://idp.example.com",
      SECRET_NAME: "app-db",
      ACCESS_TOKEN_LIFESPAN: "300",
      DB_PASSWORD: "",
    },
  });
  const run = (props: Record<string, unknown>) =>
    runResourcePolicy(policy, { type: CONFIG_MAP, props });
  it("passes the compliant ConfigMap (settings about secrets, empty values)", () =>
    expect(run(configMap()).violations).toEqual([]));
  it("flags secret-looking keys in data", () => {
    const cm = configMap();
    Object.assign(cm.data, { DB_PASSWORD: "postgres", FERNET_KEY: "abc", "tls.key": "-----BEGIN" });
    expect(run(cm).violations).toEqual([
      'ConfigMap holds secret-looking keys with values: "DB_PASSWORD", "FERNET_KEY", "tls.key"',
    ]);
  });
  it("stays silent on KMS, S3 and cache keys and key identifiers, flags a key file", () => {
    const cm = configMap();
    Object.assign(cm.data, {
      KMS_KEY: "alias/tenant-a",
      S3_KEY: "exports/",
      CACHE_KEY: "v2",
      LOGS_KEY_ARN: "arn:aws:kms:eu-west-1:111122223333:key/abcd",
      DATA_KEY_ID: "abcd",
    });
    expect(run(cm).violations).toEqual([]);
    cm.data["key.json"] = '{"type":"service_account"}';
    expect(run(cm).violations).toEqual([
      'ConfigMap holds secret-looking keys with values: "key.json"',
    ]);
  });
  it("flags a value behind a leading secret word, not settings about the secret", () => {
    const cm = configMap();
    Object.assign(cm.data, {
      SECRET_PATH: "vault/data/app",
      TOKEN_TTL: "300",
      SECRETS_DIR: "/run",
    });
    expect(run(cm).violations).toEqual([]);
    cm.data.SECRET_BLAH = "squirrels";
    expect(run(cm).violations).toEqual([
      'ConfigMap holds secret-looking keys with values: "SECRET_BLAH"',
    ]);
  });
  it("flags secret-looking keys in binaryData", () => {
    const cm = configMap();
    cm.binaryData = { signingSecret: "c2VjcmV0" };
    expect(run(cm).violations).toEqual([
      'ConfigMap holds secret-looking keys with values: "signingSecret"',
    ]);
  });
});
