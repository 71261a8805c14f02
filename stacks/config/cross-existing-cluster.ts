import type { CrossCheck } from "./cross";
import type { AppConfig } from "./app";

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
  noSelfSignedInProd,
  issuerNamedInProd,
];
