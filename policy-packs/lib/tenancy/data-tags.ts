/**
 * The data tags every stateful resource carries, per provider: its classification, owner, tenant
 * and environment (components/aws/shared/tags.ts, components/gcp/shared/labels.ts; Kubernetes
 * objects with the `enclave/` label prefix and the kit's tenant label).
 */
import type { Provider } from "./tenant";

export type DataTag = "classification" | "owner" | "tenant" | "environment";
export const DATA_TAGS: readonly DataTag[] = ["classification", "owner", "tenant", "environment"];

export const DATA_TAG_KEYS: Readonly<Record<Exclude<Provider, "other">, Record<DataTag, string>>> =
  {
    aws: {
      classification: "enclave:classification",
      owner: "enclave:owner",
      tenant: "enclave:tenant",
      environment: "enclave:environment",
    },
    gcp: {
      classification: "enclave-classification",
      owner: "enclave-owner",
      tenant: "enclave-tenant",
      environment: "enclave-environment",
    },
    kubernetes: {
      classification: "enclave/classification",
      owner: "enclave/owner",
      tenant: "app.kubernetes.io/instance",
      environment: "enclave/environment",
    },
  };

export const DEFAULT_ALLOWED_CLASSIFICATIONS = ["internal", "confidential", "restricted"];
export const DEFAULT_ALLOWED_ENVIRONMENTS = ["dev", "staging", "prod"];
