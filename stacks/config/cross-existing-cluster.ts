import type { CrossCheck } from "./cross";
import type { AppConfig } from "./app";
import type { ExistingClusterConfig } from "./existing-cluster";

/** `enclave:kubernetes` describes the existing cluster: required with that target, wrong elsewhere. */
const kubernetesMatchesCloud: CrossCheck = (config, raw) => {
  const set = raw["enclave:kubernetes"] !== undefined;
  if (config["cloud"] === "kubernetes" && !set) {
    return [
      {
        key: "enclave:kubernetes",
        value: undefined,
        problem: "is required when enclave:cloud is kubernetes",
        fix: "set { context, secretsNamespace, clusterCidrs, apiServerCidrs, database, objectStore } for the existing cluster (docs/existing-cluster.md)",
      },
    ];
  }
  if (config["cloud"] !== "kubernetes" && set) {
    return [
      {
        key: "enclave:kubernetes",
        value: config["kubernetes"],
        problem: `is set but enclave:cloud is ${String(config["cloud"])}`,
        fix: "remove it; it configures the existing-cluster target only",
      },
    ];
  }
  return [];
};

/**
 * On an existing cluster the data goes to exactly one store: the operator's
 * (`enclave:kubernetes.objectStore`), or with isolation client-hosted the client's
 * (`enclave:clientHosted`, whose fields the tenancy rule checks). Never both, never neither.
 */
const oneObjectStore: CrossCheck = (config) => {
  const cluster = config["kubernetes"] as ExistingClusterConfig | undefined;
  if (config["cloud"] !== "kubernetes" || cluster === undefined) {
    return [];
  }
  const hosted = config["isolation"] === "client-hosted";
  if (hosted && cluster.objectStore !== undefined) {
    return [
      {
        key: "enclave:kubernetes.objectStore",
        value: cluster.objectStore,
        problem:
          "is set but enclave:isolation is client-hosted, whose data goes to the client's store (enclave:clientHosted), never the operator's",
        fix: "remove it, and give the client's store in enclave:clientHosted { bucketName, endpoint, cidrs, credentialsSecretName }",
      },
    ];
  }
  if (!hosted && cluster.objectStore === undefined) {
    return [
      {
        key: "enclave:kubernetes.objectStore",
        value: undefined,
        problem: `is required when enclave:isolation is ${String(config["isolation"])}`,
        fix: "set { endpoint, bucket, region, cidrs, credentialsSecretName } for the operator's S3-compatible store (docs/existing-cluster.md)",
      },
    ];
  }
  return [];
};

/** A self-signed CA is for trying the kit out; production users get a certificate they can verify. */
const noSelfSignedInProd: CrossCheck = (config) => {
  const app = config["app"] as AppConfig | undefined;
  return config["environment"] === "prod" && app?.tls?.issuer === "self-signed"
    ? [
        {
          key: "enclave:app.tls.issuer",
          value: "self-signed",
          problem:
            "is a throw-away CA that users' browsers do not trust, and enclave:environment is prod",
          fix: "use letsencrypt (with acme.dns01) or { clusterIssuer: <your organisation's ClusterIssuer> }",
        },
      ]
    : [];
};

/**
 * No target has a public issuer the kit can assume (Let's Encrypt needs a DNS-01 solver, HTTP-01
 * cannot pass the allowlisted load balancer); outside prod the layer falls back to a throw-away
 * CA, in prod the operator names the organisation's issuer or certificate.
 */
const issuerNamedInProd: CrossCheck = (config) => {
  const app = config["app"] as AppConfig | undefined;
  const named = app?.tls?.issuer !== undefined || app?.tls?.mode === "existing";
  return config["environment"] === "prod" && !named
    ? [
        {
          key: "enclave:app.tls.issuer",
          value: undefined,
          problem:
            "is required in prod (the fallback is a throw-away CA that browsers do not trust)",
          fix: "set { clusterIssuer: <your organisation's ClusterIssuer> }, letsencrypt with acme.dns01, or tls.mode: existing with existingSecret",
        },
      ]
    : [];
};

export const EXISTING_CLUSTER_CROSS_CHECKS: CrossCheck[] = [
  kubernetesMatchesCloud,
  oneObjectStore,
  noSelfSignedInProd,
  issuerNamedInProd,
];
