import { describe, expect, it } from "vitest";
import { credentialsIn } from "../../../policy-packs/lib/kubernetes/credentials";
import { resourcePolicyNamed, runOnPod } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

// Credential-shaped test values, built at run time so that no scanner mistakes this file for a leak.
const B64 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
const PEM = (kind = "") =>
  `-----BEGIN ${kind}PRIVATE KEY-----\n${B64}\n${B64}\n-----END ${kind}PRIVATE KEY-----\n`;
const AWS_KEY_ID = ["AKIA", "Z7QWERTY2345ABCD"].join("");
const AWS_TEMP_KEY_ID = ["ASIA", "Z7QWERTY2345ABCD"].join("");
const GITHUB = ["ghp", "_", "x".repeat(20), "Y".repeat(16)].join("");
const GITHUB_FINE = ["github", "_pat_", "A".repeat(22), "_", "b".repeat(59)].join("");
const SLACK = ["xoxb", "1234567890", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-");
const SLACK_HOOK = `https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/${"aB3".repeat(8)}`;
const GCP_KEY = JSON.stringify(
  {
    type: "service_account",
    project_id: "acme",
    private_key_id: "0123",
    private_key: PEM(),
    client_email: "app@acme.iam.gserviceaccount.com",
  },
  null,
  2,
);

describe("credentials by their published formats", () => {
  const found: Array<[string, string, string[]]> = [
    [
      "a database URL with a password",
      "postgresql://app:s3cr3t-Pw@db.internal:5432/app",
      ["a URL with a password"],
    ],
    [
      "a URL with a password and no user",
      "redis://:hunter22@redis:6379/0",
      ["a URL with a password"],
    ],
    ["a URL inside a flag", "--broker=amqps://app:pa%24%24@mq:5671", ["a URL with a password"]],
    ["a PKCS#8 private key", PEM(), ["a PEM private key"]],
    ["an RSA private key", PEM("RSA "), ["a PEM private key"]],
    ["an OpenSSH private key", PEM("OPENSSH "), ["a PEM private key"]],
    [
      "an encrypted legacy key with headers",
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011\n\n${B64}\n-----END RSA PRIVATE KEY-----`,
      ["a PEM private key"],
    ],
    ["an AWS access key id", AWS_KEY_ID, ["an AWS access key id"]],
    [
      "a temporary AWS access key id in a line",
      `aws_access_key_id=${AWS_TEMP_KEY_ID}`,
      ["an AWS access key id"],
    ],
    ["a Google service account key file", GCP_KEY, ["a Google service account key"]],
    ["a GitHub token", GITHUB, ["a GitHub token"]],
    ["a fine-grained GitHub token", GITHUB_FINE, ["a GitHub token"]],
    ["a Slack bot token", SLACK, ["a Slack token"]],
    ["a Slack webhook URL", SLACK_HOOK, ["a Slack token"]],
  ];
  for (const [what, value, kinds] of found) {
    it(`finds ${what}`, () => expect(credentialsIn(value)).toEqual(kinds));
  }

  const silent: Array<[string, unknown]> = [
    ["a URL whose password is $(VAR)", "postgresql://app:$(DB_PASSWORD)@db:5432/app"],
    ["a URL whose password is ${VAR}", "amqps://app:${RABBITMQ_PASSWORD}@mq:5671"],
    ["a URL whose password is a template", "redis://:{{ .Values.redis.password }}@redis"],
    ["a URL whose password is $VAR", "postgres://app:$PGPASSWORD@db/app"],
    ["a URL whose password is masked", "postgres://app:****@db/app"],
    ["a URL with a user only", "postgresql://app@db:5432/app?sslmode=verify-full"],
    ["a URL with an @ in its path", "https://registry.example.com/v2/app@sha256:abcd"],
    ["an e-mail address", "mailto:ops@example.com"],
    ["a certificate", `-----BEGIN CERTIFICATE-----\n${B64}\n-----END CERTIFICATE-----`],
    ["a public key", `-----BEGIN PUBLIC KEY-----\n${B64}\n-----END PUBLIC KEY-----`],
    [
      "a private key header around a placeholder",
      "-----BEGIN PRIVATE KEY-----\n$(KEY)\n-----END PRIVATE KEY-----",
    ],
    ["AWS's documentation key id", "AKIAIOSFODNN7EXAMPLE"],
    ["a longer word that contains a key id", `X${AWS_KEY_ID}`],
    [
      "a service account file without its key",
      '{"type": "service_account", "private_key": "${KEY}"}',
    ],
    ["a GitHub prefix with too few characters", GITHUB.slice(0, -1)],
    ["a Slack placeholder", "xoxb-your-token-here"],
    [
      "Slack's documented webhook",
      "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ],
    ["a number", 42],
  ];
  for (const [what, value] of silent) {
    it(`leaves alone ${what}`, () => expect(credentialsIn(value)).toEqual([]));
  }
});

describe("kubernetes-core-pod-disallow-credential-values", () => {
  const name = "kubernetes-core-pod-disallow-credential-values";
  const app = (spec: Record<string, any>) => spec.containers[0];
  it("passes the compliant pod, and a URL completed from a Secret with $(VAR)", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const out = runOnPod(name, (s) =>
      app(s).env.push({ name: "DATABASE_URL", value: "postgresql://app:$(DB_PASSWORD)@db/app" }),
    );
    expect(out.violations).toEqual([]);
  });
  it("flags a database URL with a password in an env value, whatever its name", () => {
    const out = runOnPod(name, (s) =>
      app(s).env.push({ name: "CONN", value: "postgresql://app:s3cr3t@db/app" }),
    );
    expect(out.violations).toEqual([
      'literal values hold credentials: container "app": env CONN (a URL with a password)',
    ]);
  });
  it("flags a private key in an init container's env", () => {
    const out = runOnPod(name, (s) => (s.initContainers[0].env = [{ name: "TLS", value: PEM() }]));
    expect(out.violations).toEqual([
      'literal values hold credentials: init container "migrate": env TLS (a PEM private key)',
    ]);
  });
  it("flags credentials in command and args", () => {
    const out = runOnPod(name, (s) => {
      app(s).command = ["/bin/app"];
      app(s).args = ["--verbose", `--github-token=${GITHUB}`];
    });
    expect(out.violations).toEqual([
      'literal values hold credentials: container "app": args[1] (a GitHub token)',
    ]);
  });
  it("flags an AWS access key id on a CronJob", () => {
    const out = runOnPod(
      name,
      (s) => app(s).env.push({ name: "AWS_ACCESS_KEY_ID", value: AWS_KEY_ID }),
      { kind: "CronJob" },
    );
    expect(out.violations).toEqual([
      'literal values hold credentials: container "app": env AWS_ACCESS_KEY_ID (an AWS access key id)',
    ]);
  });
  it("reads an env entry without a name or value", () => {
    const out = runOnPod(name, (s) => app(s).env.push({ value: SLACK }, {}, null));
    expect(out.violations).toEqual([
      'literal values hold credentials: container "app": env (unnamed) (a Slack token)',
    ]);
  });
});

describe("kubernetes-core-configmap-disallow-secrets, by value", () => {
  const policy = resourcePolicyNamed("kubernetes-core-configmap-disallow-secrets");
  const configMap = (): Record<string, any> => ({
    metadata: { name: "app", namespace: "enclave" },
    data: {
      LOG_LEVEL: "info",
      "ca.crt": `-----BEGIN CERTIFICATE-----\n${B64}\n-----END CERTIFICATE-----`,
    },
  });
  const run = (props: Record<string, unknown>) =>
    runResourcePolicy(policy, { type: CONFIG_MAP, props }).violations;
  it("passes the compliant ConfigMap (a CA certificate, settings)", () =>
    expect(run(configMap())).toEqual([]));
  it("flags a database URL with a password under a neutral key", () => {
    const cm = configMap();
    cm.data.DATABASE_URL = "postgresql://app:s3cr3t@db/app";
    expect(run(cm)).toEqual([
      'ConfigMap values hold credentials: "DATABASE_URL" (a URL with a password)',
    ]);
  });
  it("flags a private key file, whatever it is named", () => {
    const cm = configMap();
    cm.data["server.pem"] = PEM("EC ");
    expect(run(cm)).toEqual([
      'ConfigMap values hold credentials: "server.pem" (a PEM private key)',
    ]);
  });
  it("flags a service account key file in binaryData", () => {
    const cm = configMap();
    cm.binaryData = { "gcp.json": Buffer.from(GCP_KEY).toString("base64") };
    expect(run(cm)).toEqual([
      'ConfigMap values hold credentials: "gcp.json" (a Google service account key)',
    ]);
  });
  it("names a key once: a secret-looking name is reported as such", () => {
    const cm = configMap();
    cm.data.DB_PASSWORD_URL = "x";
    cm.data["tls.key"] = PEM();
    expect(run(cm)).toEqual(['ConfigMap holds secret-looking keys with values: "tls.key"']);
  });
});

describe("kubernetes-core-secret-disallow-service-account-token", () => {
  const policy = resourcePolicyNamed("kubernetes-core-secret-disallow-service-account-token");
  const SECRET = "kubernetes:core/v1:Secret";
  const secret = (): Record<string, any> => ({
    metadata: { name: "app-db", namespace: "enclave" },
    type: "Opaque",
    stringData: { password: "generated" },
  });
  const run = (props: Record<string, unknown>, type = SECRET) =>
    runResourcePolicy(policy, { type, props }).violations;
  it("passes Opaque and TLS Secrets, and a Secret without a type", () => {
    expect(run(secret())).toEqual([]);
    expect(run({ ...secret(), type: "kubernetes.io/tls" })).toEqual([]);
    const untyped = secret();
    delete untyped.type;
    expect(run(untyped)).toEqual([]);
  });
  it("flags a service-account-token Secret, naming its account", () => {
    const s = secret();
    s.type = "kubernetes.io/service-account-token";
    s.metadata.annotations = { "kubernetes.io/service-account.name": "ci" };
    delete s.stringData;
    expect(run(s)).toEqual([
      'is a long-lived API token of service account "ci" (type kubernetes.io/service-account-token)',
    ]);
  });
  it("flags one without the annotation, and on a SecretPatch", () => {
    const s = { type: "kubernetes.io/service-account-token" };
    expect(run(s)).toEqual([
      "is a long-lived service account API token (type kubernetes.io/service-account-token)",
    ]);
    expect(run(s, "kubernetes:core/v1:SecretPatch")).toHaveLength(1);
  });
});
