import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";

const CTX = { project: "enclave", stack: "onprem-dev" };

const CLUSTER = {
  context: "onprem-admin",
  secretsNamespace: "enclave-system",
  clusterCidrs: ["10.42.0.0/16", "10.43.0.0/16"],
  apiServerCidrs: ["203.0.113.5/32"],
  database: {
    host: "postgres.db.example.com",
    cidrs: ["203.0.113.10/32"],
    adminSecretName: "enclave-postgres",
  },
  objectStore: {
    endpoint: "https://minio.example.com:9000",
    bucket: "diffgram-acme",
    cidrs: ["203.0.113.20/32"],
    credentialsSecretName: "enclave-minio-acme",
  },
};

const GOOD: RawConfig = {
  "enclave:cloud": "kubernetes",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["203.0.113.0/24"] }),
  "enclave:kubernetes": JSON.stringify(CLUSTER),
};

function problems(raw: RawConfig): string[] {
  try {
    parseStackConfig(raw, CTX);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

const with_ = (key: string, value: unknown): RawConfig => {
  const raw: Record<string, string> = { ...GOOD };
  if (value === undefined) {
    delete raw[key];
  } else {
    raw[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return raw;
};
const cluster = (patch: Record<string, unknown>) =>
  with_("enclave:kubernetes", { ...CLUSTER, ...patch });
const app = (value: unknown) => with_("enclave:app", value);

describe("enclave:kubernetes (existing-cluster target)", () => {
  it("parses into typed settings; enclave:app stays optional", () => {
    const config = parseStackConfig(GOOD, CTX);
    expect(config.kubernetes).toEqual(CLUSTER);
    expect(config.app).toBeUndefined();
  });

  it("is required with enclave:cloud kubernetes", () => {
    expect(problems(with_("enclave:kubernetes", undefined))).toEqual([
      "enclave:kubernetes = (not set): is required when enclave:cloud is kubernetes. Fix: set { context, secretsNamespace, clusterCidrs, apiServerCidrs, database, objectStore } for the existing cluster (docs/existing-cluster.md).",
    ]);
  });

  it("is refused with another cloud", () => {
    expect(
      problems({
        ...GOOD,
        "enclave:cloud": "gcp",
        "gcp:project": "acme-annotate-dev",
        "gcp:region": "europe-west1",
      }),
    ).toEqual([
      `enclave:kubernetes = ${JSON.stringify(CLUSTER).slice(0, 77)}...: is set but enclave:cloud is gcp. Fix: remove it; it configures the existing-cluster target only.`,
    ]);
  });

  it.each([
    [
      "a TLS mode that skips verification",
      cluster({ database: { ...CLUSTER.database, sslMode: "require" } }),
      'enclave:kubernetes.database.sslMode = "require": is not a verifying TLS mode. Fix: write verify-full (default; checks the certificate and the host name) or verify-ca; modes that skip verification are not supported.',
    ],
    [
      "a plain-HTTP object store",
      cluster({
        objectStore: { ...CLUSTER.objectStore, endpoint: "http://minio.example.com:9000" },
      }),
      'enclave:kubernetes.objectStore.endpoint = "http://minio.example.com:9000": is not an https:// URL of a host and optional port. Fix: write e.g. "https://minio.example.com:9000"; plain http and TLS without verification are not supported.',
    ],
    [
      "an object store URL with a path",
      cluster({
        objectStore: { ...CLUSTER.objectStore, endpoint: "https://minio.example.com/bucket" },
      }),
      'enclave:kubernetes.objectStore.endpoint = "https://minio.example.com/bucket": is not an https:// URL of a host and optional port. Fix: write e.g. "https://minio.example.com:9000"; plain http and TLS without verification are not supported.',
    ],
    [
      "no API server addresses (Traefik's egress would have no named destination)",
      cluster({ apiServerCidrs: undefined }),
      "enclave:kubernetes.apiServerCidrs = (not set): is not a list. Fix: write a YAML list of CIDR blocks (the addresses of the Kubernetes API server (kubectl get endpoints kubernetes -n default)).",
    ],
    [
      "no cluster ranges",
      cluster({ clusterCidrs: [] }),
      'enclave:kubernetes.clusterCidrs = []: is empty. Fix: list the cluster\'s pod and service ranges, e.g. ["203.0.113.10/32"].',
    ],
    [
      "a database range that is everything",
      cluster({ database: { ...CLUSTER.database, cidrs: ["0.0.0.0/0"] } }),
      'enclave:kubernetes.database.cidrs[0] = "0.0.0.0/0": admits every address. Fix: list only the networks meant, e.g. "203.0.113.10/32".',
    ],
    [
      "a database host that is a URL",
      cluster({ database: { ...CLUSTER.database, host: "postgres://db.example.com" } }),
      'enclave:kubernetes.database.host = "postgres://db.example.com": is not a host name. Fix: write the DNS name in the server certificate, e.g. "postgres.db.example.com" (verify-full checks it).',
    ],
    [
      "a port out of range",
      cluster({ database: { ...CLUSTER.database, port: 70000 } }),
      "enclave:kubernetes.database.port = 70000: is not a TCP port. Fix: use 1 to 65535.",
    ],
    [
      "an invalid namespace",
      cluster({ secretsNamespace: "Enclave_System" }),
      'enclave:kubernetes.secretsNamespace = "Enclave_System": is not a namespace name. Fix: use a DNS label such as "enclave-system".',
    ],
    [
      "a misspelt field",
      cluster({ kubeContext: "x" }),
      'enclave:kubernetes = ["kubeContext"]: has unknown field kubeContext. Fix: use only context, kubeconfigPath, secretsNamespace, clusterCidrs, apiServerCidrs, metadataCidrs, loadBalancerAnnotations, database, objectStore.',
    ],
  ])("refuses %s", (_label, raw, message) => {
    expect(problems(raw)).toEqual([message]);
  });
});

describe("enclave:app (app layer)", () => {
  const digest = "a".repeat(64);

  it("accepts every field within bounds", () => {
    const value = {
      images: { diffgramDefault: `registry.example.com/diffgram/default:1.25.3@sha256:${digest}` },
      replicas: { keycloak: 2, diffgramWalrus: 2 },
      signedUrlLifetimeSeconds: 900,
      tls: { issuer: { clusterIssuer: "corp-ca" }, installCertManager: false },
      keycloak: { accessTokenLifespanSeconds: 120, requirePkce: false },
      operators: { groups: ["acme-operators"] },
      storageClassName: "fast-ssd",
      rabbitmqStorageGi: 20,
      rabbitmqMutualTls: true,
    };
    expect(parseStackConfig(app(value), CTX).app).toEqual(value);
  });

  it.each([
    [
      "a signed-URL lifetime above one hour",
      { signedUrlLifetimeSeconds: 7200 },
      "enclave:app.signedUrlLifetimeSeconds = 7200: is above 3600. Fix: use 60 to 3600.",
    ],
    [
      "access tokens longer than five minutes",
      { keycloak: { accessTokenLifespanSeconds: 600 } },
      "enclave:app.keycloak.accessTokenLifespanSeconds = 600: is above 300. Fix: use 60 to 300.",
    ],
    [
      "an image without a digest",
      { images: { keycloak: "quay.io/keycloak/keycloak:26.7.3" } },
      'enclave:app.images.keycloak = "quay.io/keycloak/keycloak:26.7.3": is not an image pinned by digest. Fix: write <registry>/<repository>[:<tag>]@sha256:<64 hex>, e.g. "registry.example.com/diffgram/default:1.25.3@sha256:<digest>".',
    ],
    [
      "an unknown image name",
      { images: { postgres: `docker.io/library/postgres@sha256:${digest}` } },
      `enclave:app.images.postgres = ${JSON.stringify(`docker.io/library/postgres@sha256:${digest}`).slice(0, 77)}...: is not an image the layer runs. Fix: use one of keycloak, rabbitmq, rabbitmqProxy, traefik, diffgramDefault, diffgramWalrus, diffgramEventhandlers, diffgramFrontend, certManagerController, certManagerWebhook, certManagerCainjector, certManagerAcmesolver.`,
    ],
    [
      "an existing TLS mode without its Secret",
      { tls: { mode: "existing" } },
      "enclave:app.tls.existingSecret = (not set): is required when mode is existing. Fix: name the kubernetes.io/tls Secret covering the domain and idp.<domain>, as { name, namespace }.",
    ],
    [
      "Let's Encrypt without a DNS-01 solver",
      { tls: { issuer: "letsencrypt" } },
      "enclave:app.tls.acme = (not set): is required with the letsencrypt issuer. Fix: write { email, dns01: <cert-manager DNS-01 solver> }; HTTP-01 cannot pass the allowlisted load balancer.",
    ],
    [
      "an SSO idle timeout above the maximum",
      { keycloak: { ssoSessionIdleSeconds: 7200, ssoSessionMaxSeconds: 3600 } },
      "enclave:app.keycloak.ssoSessionIdleSeconds = 7200: is above ssoSessionMaxSeconds (3600). Fix: keep the idle timeout at or below the maximum lifetime.",
    ],
    [
      "an OTP scope it does not know",
      { keycloak: { otp: "none" } },
      'enclave:app.keycloak.otp = "none": is not an OTP scope. Fix: write all (every user, the default) or administrators (members of the administrator role only; flagged by the packs).',
    ],
    [
      "an administrator's user name with shell characters",
      { keycloak: { admins: [{ username: "alice;reboot", email: "alice@example.com" }] } },
      `enclave:app.keycloak.admins[0].username = "alice;reboot": is not a user name. Fix: use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. alice.`,
    ],
    [
      "an administrator's e-mail that is no address",
      { keycloak: { admins: [{ username: "alice", email: "alice$(id)@example.com" }] } },
      'enclave:app.keycloak.admins[0].email = "alice$(id)@example.com": is not an e-mail address. Fix: write name@domain with letters, digits and ._%+- only, e.g. alice@example.com.',
    ],
    [
      "an administrator listed twice",
      {
        keycloak: {
          admins: [
            { username: "alice", email: "alice@example.com" },
            { username: "alice", email: "a2@example.com" },
          ],
        },
      },
      'enclave:app.keycloak.admins[1].username = "alice": is listed twice. Fix: name each administrator once.',
    ],
    [
      "a password length below 12",
      { keycloak: { passwordMinLength: 8 } },
      "enclave:app.keycloak.passwordMinLength = 8: is below 12. Fix: use 12 to 128.",
    ],
    [
      "a RabbitMQ mutual-TLS switch that is not a boolean",
      { rabbitmqMutualTls: "on" },
      `enclave:app.rabbitmqMutualTls = "on": is not true or false. Fix: write true (Diffgram's pods present client certificates from the internal CA and RabbitMQ requires them) or false (the default: the broker is verified, clients log in by password only).`,
    ],
  ])("refuses %s", (_label, value, message) => {
    expect(problems(app(value))).toEqual([message]);
  });

  it("refuses a self-signed CA in prod", () => {
    expect(
      problems({ ...app({ tls: { issuer: "self-signed" } }), "enclave:environment": "prod" }),
    ).toEqual([
      "enclave:app.tls.issuer = \"self-signed\": is a throw-away CA that users' browsers do not trust, and enclave:environment is prod. Fix: use letsencrypt (with acme.dns01) or { clusterIssuer: <your organisation's ClusterIssuer> }.",
    ]);
  });

  it("requires a named issuer for an existing cluster in prod", () => {
    expect(problems({ ...GOOD, "enclave:environment": "prod" })).toEqual([
      "enclave:app.tls.issuer = (not set): is required in prod (the fallback is a throw-away CA that browsers do not trust). Fix: set { clusterIssuer: <your organisation's ClusterIssuer> }, letsencrypt with acme.dns01, or tls.mode: existing with existingSecret.",
    ]);
    expect(
      problems({
        ...app({ tls: { issuer: { clusterIssuer: "corp-ca" } } }),
        "enclave:environment": "prod",
      }),
    ).toEqual([]);
  });

  describe("client-hosted: the client's store, or exit 2 (never the operator's, never ignored)", () => {
    const { objectStore: _operators, ...withoutStore } = CLUSTER;
    const STORE = {
      bucketName: "client-annotations",
      endpoint: "https://s3.client.example.com",
      cidrs: ["192.0.2.40/32"],
      credentialsSecretName: "client-acme-keys",
    };
    const hosted = (clientHosted: unknown, kubernetes: unknown = withoutStore): RawConfig => ({
      ...GOOD,
      "enclave:isolation": "client-hosted",
      "enclave:kubernetes": JSON.stringify(kubernetes),
      ...(clientHosted === undefined
        ? {}
        : { "enclave:clientHosted": JSON.stringify(clientHosted) }),
    });

    it("accepts the client's store in place of the operator's", () => {
      const config = parseStackConfig(hosted(STORE), CTX);
      expect(config.clientHosted).toEqual(STORE);
      expect(config.kubernetes?.objectStore).toBeUndefined();
    });

    it("refuses client-hosted without the client's store, naming what to set", () => {
      expect(problems(hosted(undefined))).toEqual([
        "enclave:clientHosted = (not set): is required when enclave:isolation is client-hosted. Fix: set { bucketName, endpoint, cidrs, credentialsSecretName } to the store the client created for you.",
      ]);
    });

    it("refuses the operator's store with client-hosted (it used to be used silently)", () => {
      expect(problems(hosted(STORE, CLUSTER))).toEqual([
        `enclave:kubernetes.objectStore = ${JSON.stringify(CLUSTER.objectStore).slice(0, 77)}...: is set but enclave:isolation is client-hosted, whose data goes to the client's store (enclave:clientHosted), never the operator's. Fix: remove it, and give the client's store in enclave:clientHosted { bucketName, endpoint, cidrs, credentialsSecretName }.`,
      ]);
    });

    it("refuses the AWS shape: the store's address missing, the key it cannot honour", () => {
      const key = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      expect(problems(hosted({ bucketName: "client-annotations", kmsKeyArn: key }))).toEqual([
        'enclave:clientHosted.endpoint = (not set): is required on an existing cluster. Fix: write the client\'s store URL, e.g. "https://s3.client.example.com".',
        'enclave:clientHosted.cidrs = (not set): is required on an existing cluster. Fix: list the addresses the client\'s store listens on, e.g. ["192.0.2.40/32"].',
        "enclave:clientHosted.credentialsSecretName = (not set): is required on an existing cluster. Fix: name the Secret (in the secrets namespace) holding the accessKeyId and secretAccessKey the client issued.",
        `enclave:clientHosted.kmsKeyArn = "${key}": is not used on an existing cluster, so it would be silently ignored. Fix: remove it: with access keys the kit cannot choose or verify the key of the client's bucket; the client sets it as the bucket's default encryption (docs/security-model.md).`,
      ]);
    });

    it("checks the fields' formats as for the operator's store", () => {
      expect(
        problems(hosted({ ...STORE, endpoint: "http://s3.client.example.com", cidrs: [] })),
      ).toEqual([
        'enclave:clientHosted.endpoint = "http://s3.client.example.com": is not an https:// URL of a host and optional port. Fix: write e.g. "https://minio.example.com:9000"; plain http and TLS without verification are not supported.',
        'enclave:clientHosted.cidrs = []: is empty. Fix: list the addresses the client\'s store listens on, e.g. ["203.0.113.10/32"].',
      ]);
    });

    it("still requires the operator's store for shared and dedicated", () => {
      expect(problems(cluster({ objectStore: undefined }))).toEqual([
        "enclave:kubernetes.objectStore = (not set): is required when enclave:isolation is dedicated. Fix: set { endpoint, bucket, region, cidrs, credentialsSecretName } for the operator's S3-compatible store (docs/existing-cluster.md).",
      ]);
    });
  });
});
