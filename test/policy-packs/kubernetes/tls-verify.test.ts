import { describe, expect, it } from "vitest";
import { resourcePolicyNamed, runOnPod } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";
import { tlsVerifyOff } from "../../../policy-packs/lib/kubernetes/tls-verify";
import { rabbitmqProxyConf } from "../../../components/app/rabbitmq/client-proxy";

type Env = { name: string; value?: string; valueFrom?: unknown };

/** Client settings that verify (Diffgram's own among them), as the kit's app layer sets them. */
const VERIFYING_ENV: Env[] = [
  { name: "PGSSLMODE", value: "verify-full" },
  { name: "PGSSLROOTCERT", value: "/etc/enclave/db-ca/ca.pem" },
  {
    name: "KC_DB_URL",
    value: "jdbc:postgresql://db.internal:5432/keycloak?sslmode=verify-full&sslrootcert=/x.pem",
  },
  // Diffgram: "disabled ssl verify = False" means verification is on.
  { name: "DIFFGRAM_MINIO_DISABLED_SSL_VERIFY", value: "False" },
  { name: "REQUESTS_CA_BUNDLE", value: "/etc/enclave/trust/ca-bundle.pem" },
  { name: "CURL_CA_BUNDLE", value: "/etc/enclave/trust/ca-bundle.pem" },
  { name: "RABBITMQ_USE_SSL", value: "True" },
  { name: "EMAIL_VALIDATION", value: "False" },
  { name: "NODE_TLS_REJECT_UNAUTHORIZED", value: "1" },
  { name: "PYTHONHTTPSVERIFY", value: "1" },
  { name: "S3_TLS_VERIFY", value: "true" },
  { name: "KC_SPI_TRUSTSTORE_FILE_HOSTNAME_VERIFICATION_POLICY", value: "STRICT" },
  // A URL from a Secret is not visible, so not judged.
  { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "db-url", key: "url" } } },
];

const POD = "kubernetes-core-pod-disallow-tls-verify-off";
const withEnv = (change: (env: Env[]) => void) =>
  runOnPod(POD, (spec) => {
    const env: Env[] = VERIFYING_ENV.map((e) => ({ ...e }));
    change(env);
    spec.containers[0].env = env;
  });
const set = (name: string, value: string) => (env: Env[]) => {
  const existing = env.find((e) => e.name === name);
  if (existing) {
    existing.value = value;
  } else {
    env.push({ name, value });
  }
};
const flagged = (setting: string, why: string) => [
  `TLS certificate verification is turned off: container "app" sets ${setting} (${why})`,
];

describe(POD, () => {
  it("passes the compliant pod: verify-full, CA bundles, Diffgram's DISABLED_SSL_VERIFY=False", () =>
    expect(withEnv(() => undefined).violations).toEqual([]));

  it("passes verify-ca (chain verified; the Platform contract admits it on existing clusters)", () =>
    expect(withEnv(set("PGSSLMODE", "verify-ca")).violations).toEqual([]));

  it.each([
    ["disable", "no TLS at all"],
    ["allow", "TLS only if the server insists, no certificate verified"],
    ["prefer", "TLS if offered, no certificate verified"],
    ["require", "encrypts but verifies no certificate"],
  ])("flags PGSSLMODE=%s", (mode, why) =>
    expect(withEnv(set("PGSSLMODE", mode)).violations).toEqual(
      flagged(`PGSSLMODE=${mode}`, `sslmode ${mode}: ${why}`),
    ),
  );

  it("flags sslmode=require in a DATABASE_URL-like literal value", () =>
    expect(
      withEnv(set("DATABASE_URL", "postgresql+psycopg2://app@db:5432/app?sslmode=require"))
        .violations,
    ).toEqual(flagged("sslmode=require", "sslmode require: encrypts but verifies no certificate")));

  it("flags the JDBC NonValidatingFactory", () =>
    expect(
      withEnv(
        set(
          "KC_DB_URL",
          "jdbc:postgresql://db:5432/kc?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory",
        ),
      ).violations,
    ).toEqual(
      flagged(
        "sslfactory=org.postgresql.ssl.NonValidatingFactory",
        "NonValidatingFactory accepts any server certificate",
      ),
    ));

  it("flags NODE_TLS_REJECT_UNAUTHORIZED=0", () =>
    expect(withEnv(set("NODE_TLS_REJECT_UNAUTHORIZED", "0")).violations).toEqual(
      flagged("NODE_TLS_REJECT_UNAUTHORIZED=0", "Node.js then accepts any server certificate"),
    ));

  it.each([
    ["MINIO_SSL_VERIFY", "false"],
    ["S3_TLS_VERIFY", "0"],
    ["WEBHOOK_TLS_VERIFY", "none"],
    ["PYTHONHTTPSVERIFY", "0"],
    ["RABBITMQ_SSL_VERIFY", "verify_none"],
  ])("flags %s=%s", (name, value) =>
    expect(withEnv(set(name, value)).violations).toEqual(
      flagged(`${name}=${value}`, "certificate verification switched off"),
    ),
  );

  it("reads negated switches by their polarity: DIFFGRAM_MINIO_DISABLED_SSL_VERIFY=True, GIT_SSL_NO_VERIFY=1", () => {
    const why = "the switch names verification off and is on";
    expect(withEnv(set("DIFFGRAM_MINIO_DISABLED_SSL_VERIFY", "True")).violations).toEqual(
      flagged("DIFFGRAM_MINIO_DISABLED_SSL_VERIFY=True", why),
    );
    expect(withEnv(set("GIT_SSL_NO_VERIFY", "1")).violations).toEqual(
      flagged("GIT_SSL_NO_VERIFY=1", why),
    );
  });

  it("flags an empty CURL_CA_BUNDLE, not an empty REQUESTS_CA_BUNDLE (requests then falls back to verifying)", () => {
    expect(withEnv(set("CURL_CA_BUNDLE", "")).violations).toEqual(
      flagged("CURL_CA_BUNDLE=", "an empty CA bundle turns verification off in requests < 2.28"),
    );
    expect(withEnv(set("REQUESTS_CA_BUNDLE", "")).violations).toEqual([]);
  });

  it("flags Keycloak ssl-required none and hostname verifier ANY", () => {
    expect(withEnv(set("KC_SSL_REQUIRED", "none")).violations).toEqual(
      flagged("KC_SSL_REQUIRED=none", "Keycloak then accepts plain HTTP"),
    );
    expect(withEnv(set("KC_TLS_HOSTNAME_VERIFIER", "ANY")).violations).toEqual(
      flagged("KC_TLS_HOSTNAME_VERIFIER=ANY", "any host name is accepted"),
    );
    expect(
      withEnv(set("KC_SPI_TRUSTSTORE_FILE_HOSTNAME_VERIFICATION_POLICY", "ANY")).violations,
    ).toEqual(
      flagged(
        "KC_SPI_TRUSTSTORE_FILE_HOSTNAME_VERIFICATION_POLICY=ANY",
        "any host name is accepted",
      ),
    );
  });

  it("names every container at fault, init containers included", () => {
    const outcome = runOnPod(POD, (spec) => {
      spec.initContainers[0].env = [{ name: "PGSSLMODE", value: "require" }];
      spec.containers[0].env = [
        { name: "NODE_TLS_REJECT_UNAUTHORIZED", value: "0" },
        { name: "PGSSLMODE", value: "disable" },
      ];
    });
    expect(outcome.violations).toEqual([
      'TLS certificate verification is turned off: init container "migrate" sets PGSSLMODE=require (sslmode require: encrypts but verifies no certificate); container "app" sets NODE_TLS_REJECT_UNAUTHORIZED=0 (Node.js then accepts any server certificate), PGSSLMODE=disable (sslmode disable: no TLS at all)',
    ]);
  });

  it("judges every pod-owner kind (a Job)", () =>
    expect(
      runOnPod(POD, (s) => (s.containers[0].env = [{ name: "PGSSLMODE", value: "prefer" }]), {
        kind: "Job",
      }).violations,
    ).toHaveLength(1));
});

const CM = "kubernetes-core-configmap-disallow-tls-verify-off";
const RABBITMQ_CONF = [
  "listeners.tcp = none",
  "listeners.ssl.default = 5671",
  "ssl_options.cacertfile = /etc/rabbitmq/tls/ca.crt",
  "ssl_options.verify = verify_peer",
  "ssl_options.fail_if_no_peer_cert = false",
  "",
].join("\n");
const configMap = (): Record<string, any> => ({
  metadata: { name: "app", namespace: "enclave" },
  data: {
    PGSSLMODE: "verify-full",
    DIFFGRAM_MINIO_DISABLED_SSL_VERIFY: "False",
    "rabbitmq.conf": RABBITMQ_CONF,
    "keycloak.json": JSON.stringify({ realm: "acme", "ssl-required": "all" }),
    "app.env": "REQUESTS_CA_BUNDLE=/etc/ca.pem\nPGSSLMODE=verify-full\n",
  },
});

describe(CM, () => {
  const policy = resourcePolicyNamed(CM);
  const run = (props: Record<string, unknown>) =>
    runResourcePolicy(policy, { type: "kubernetes:core/v1:ConfigMap", props });
  const change = (key: string, value: string) => {
    const cm = configMap();
    cm.data[key] = value;
    return run(cm).violations;
  };

  it("passes the compliant ConfigMap: verify_peer, verify-full, ssl-required all, DISABLED_SSL_VERIFY=False", () =>
    expect(run(configMap()).violations).toEqual([]));

  it("flags a weak sslmode given as a key (envFrom)", () =>
    expect(change("PGSSLMODE", "require")).toEqual([
      'ConfigMap turns TLS certificate verification off: "PGSSLMODE": PGSSLMODE=require (sslmode require: encrypts but verifies no certificate)',
    ]));

  it("flags rabbitmq.conf ssl_options.verify = verify_none", () =>
    expect(change("rabbitmq.conf", RABBITMQ_CONF.replace("verify_peer", "verify_none"))).toEqual([
      'ConfigMap turns TLS certificate verification off: "rabbitmq.conf": ssl_options.verify=verify_none (certificate verification switched off)',
    ]));

  it("flags RabbitMQ's advanced.config {verify, verify_none}", () =>
    expect(
      change("advanced.config", "[{rabbit, [{ssl_options, [{verify, verify_none}]}]}]."),
    ).toEqual([
      `ConfigMap turns TLS certificate verification off: "advanced.config": {verify, verify_none} (the peer's certificate is not verified)`,
    ]));

  it("flags a Keycloak adapter or realm with ssl-required none and a disabled trust manager", () =>
    expect(
      change(
        "keycloak.json",
        JSON.stringify({ realm: "acme", "ssl-required": "none", "disable-trust-manager": true }),
      ),
    ).toEqual([
      'ConfigMap turns TLS certificate verification off: "keycloak.json": ssl-required=none (Keycloak then accepts plain HTTP), disable-trust-manager=true (the Keycloak adapter then accepts any certificate or host name)',
    ]));

  it("flags settings inside an env file and a connection URL", () =>
    expect(
      change(
        "app.env",
        "NODE_TLS_REJECT_UNAUTHORIZED=0\nDATABASE_URL=postgresql://db/app?sslmode=prefer\n",
      ),
    ).toEqual([
      'ConfigMap turns TLS certificate verification off: "app.env": NODE_TLS_REJECT_UNAUTHORIZED=0 (Node.js then accepts any server certificate), sslmode=prefer (sslmode prefer: TLS if offered, no certificate verified)',
    ]));

  it("flags a negated switch turned on in YAML (insecureSkipVerify: true)", () =>
    expect(
      change("dynamic.yml", "serversTransports:\n  x:\n    insecureSkipVerify: true\n"),
    ).toEqual([
      'ConfigMap turns TLS certificate verification off: "dynamic.yml": insecureSkipVerify=true (the switch names verification off and is on)',
    ]));

  it("passes the kit's RabbitMQ proxy (nginx stream, proxy_ssl_verify on) and flags nginx left unverifying", () => {
    const kit = rabbitmqProxyConf({ serverName: "rabbitmq.enclave.svc", mutualTls: false });
    expect(change("nginx.conf", kit)).toEqual([]);
    expect(
      change("nginx.conf", kit.replace("proxy_ssl_verify on;", "proxy_ssl_verify off;")),
    ).toEqual([
      'ConfigMap turns TLS certificate verification off: "nginx.conf": proxy_ssl_verify off (nginx accepts any certificate from the upstream)',
    ]);
    // nginx's default is off: a TLS upstream without the directive verifies nothing.
    expect(change("nginx.conf", kit.replace(/^.*proxy_ssl_verify on;\n/m, ""))).toEqual([
      'ConfigMap turns TLS certificate verification off: "nginx.conf": proxy_ssl on without proxy_ssl_verify on (nginx verifies no upstream certificate unless told to)',
    ]);
    expect(change("default.conf", "server { location / { proxy_pass https://api; } }")).toEqual([
      'ConfigMap turns TLS certificate verification off: "default.conf": proxy_pass https:// without proxy_ssl_verify on (nginx verifies no upstream certificate unless told to)',
    ]);
    // Plain proxying and serving TLS are not client verification.
    expect(
      change("default.conf", "server { listen 8443 ssl; location / { proxy_pass http://api; } }"),
    ).toEqual([]);
  });

  it("flags Diffgram's MinIO switch only when it turns verification off", () =>
    expect(change("DIFFGRAM_MINIO_DISABLED_SSL_VERIFY", "True")).toEqual([
      'ConfigMap turns TLS certificate verification off: "DIFFGRAM_MINIO_DISABLED_SSL_VERIFY": DIFFGRAM_MINIO_DISABLED_SSL_VERIFY=True (the switch names verification off and is on)',
    ]));
});

describe("tlsVerifyOff", () => {
  it.each([
    ["EMAIL_VALIDATION", "False"],
    ["VERIFY_EMAIL", "false"],
    ["RABBITMQ_USE_SSL", "True"],
    ["SSL_OPTIONS_FAIL_IF_NO_PEER_CERT", "false"],
    ["KEYCLOAK_SSL_REQUIRED", "external"],
    ["ssl_options.verify", "verify_peer"],
    ["PGSSLMODE", "verify-full"],
  ])("stays silent on %s=%s", (name, value) => expect(tlsVerifyOff(name, value)).toBeUndefined());
});

const SECRET = "kubernetes-core-secret-disallow-tls-verify-off";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const secret = (): Record<string, any> => ({
  metadata: { name: "app-config", namespace: "enclave" },
  type: "Opaque",
  stringData: {
    "20-enclave.conf": `${RABBITMQ_CONF}default_pass = s3cr3t\n`,
    url: "postgresql+psycopg2://app:pw@db:5432/app?sslmode=verify-full&sslrootcert=/etc/ca.pem",
  },
  data: { "acme.json": b64(JSON.stringify({ realm: "acme", sslRequired: "all" })) },
});

describe(SECRET, () => {
  const policy = resourcePolicyNamed(SECRET);
  const run = (props: Record<string, unknown>) =>
    runResourcePolicy(policy, { type: "kubernetes:core/v1:Secret", props });

  it("passes the compliant Secret: rabbitmq.conf verify_peer, URL verify-full, realm sslRequired all", () =>
    expect(run(secret()).violations).toEqual([]));

  it("flags rabbitmq.conf ssl_options.verify = verify_none in stringData", () => {
    const s = secret();
    s.stringData["20-enclave.conf"] = s.stringData["20-enclave.conf"].replace(
      "verify_peer",
      "verify_none",
    );
    expect(run(s).violations).toEqual([
      'Secret turns TLS certificate verification off: "20-enclave.conf": ssl_options.verify=verify_none (certificate verification switched off)',
    ]);
  });

  it("flags a connection URL with sslmode=require", () => {
    const s = secret();
    s.stringData.url = s.stringData.url.replace("verify-full", "require");
    expect(run(s).violations).toEqual([
      'Secret turns TLS certificate verification off: "url": sslmode=require (sslmode require: encrypts but verifies no certificate)',
    ]);
  });

  it("flags a realm import with sslRequired none in base64 data", () => {
    const s = secret();
    s.data["acme.json"] = b64(JSON.stringify({ realm: "acme", sslRequired: "none" }));
    expect(run(s).violations).toEqual([
      'Secret turns TLS certificate verification off: "acme.json": sslRequired=none (Keycloak then accepts plain HTTP)',
    ]);
  });
});
