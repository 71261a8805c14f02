import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformStorage } from "../../shared/platform";
import { fromSecret, literal } from "../pod";
import { RABBITMQ_PROXY_ADDRESS, RABBITMQ_PROXY_PORT } from "../rabbitmq/client-proxy";

type EnvVar = k8s.types.input.core.v1.EnvVar;

/** Secret with Diffgram's own keys (SECRET_KEY, USER_PASSWORDS_SECRET, INTER_SERVICE_SECRET, FERNET_KEY). */
export const DIFFGRAM_APP_SECRET = "diffgram-app";
/** Secret with DATABASE_URL (it embeds the password). */
export const DIFFGRAM_DATABASE_URL_SECRET = "diffgram-database-url";
/** Secret with the object store's access keys, when the Platform gives keys rather than an identity. */
export const STORAGE_CREDENTIALS_SECRET = "object-store-credentials";
/** The combined CA bundle (the image's certifi roots + the tenant's internal CA). */
export const TRUST_BUNDLE_PATH = "/etc/enclave/trust/ca-bundle.pem";
export const GCP_KEY_PATH = "/etc/enclave/gcp/key.json";

/** Where telemetry goes: a closed port on loopback (Diffgram posts install data unconditionally). */
export const EVENTHUB_NOWHERE = "https://127.0.0.1:9/";

export type DiffgramService = "default" | "walrus" | "eventhandlers" | "migrate";

export interface DiffgramEnvContext {
  readonly domain: string;
  readonly realm: string;
  readonly namespace: pulumi.Input<string>;
  readonly walrusUrl: pulumi.Input<string>;
  readonly rabbitmqSecret: string;
  readonly keycloakSecret: string;
  readonly signedUrlLifetimeSeconds: number;
  readonly storage: PlatformStorage;
  /** Secret (in the tenant namespace) with the store's keys; undefined with workload identity. */
  readonly storageSecretName?: string;
}

/** Which services log in to Keycloak: the two with HTTP sessions. */
export const USES_OIDC: Readonly<Record<DiffgramService, boolean>> = {
  default: true,
  walrus: true,
  eventhandlers: false,
  migrate: false,
};

/** Storage settings (DIFFGRAM_STATIC_STORAGE_PROVIDER and friends); keys only from Secrets. */
export function storageEnv(storage: PlatformStorage, secretName: string | undefined): EnvVar[] {
  const bucket = (name: string): EnvVar => ({ name, value: storage.bucketName });
  const region = (name: string): EnvVar => ({ name, value: storage.region });
  switch (storage.provider) {
    case "aws":
      return [
        literal("DIFFGRAM_STATIC_STORAGE_PROVIDER", "aws"),
        bucket("DIFFGRAM_S3_BUCKET_NAME"),
        bucket("ML__DIFFGRAM_S3_BUCKET_NAME"),
        region("DIFFGRAM_S3_BUCKET_REGION"),
        literal("IS_DIFFGRAM_S3_V4_SIGNATURE", "True"),
        // boto3 then uses s3.us-east-1.amazonaws.com, not the global s3.amazonaws.com, in us-east-1
        // too: the S3 interface endpoint's private DNS (the only S3 path the NetworkPolicies allow)
        // answers for the regional names only.
        literal("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "regional"),
        // With workload identity the keys stay unset, so boto3 uses the web-identity token.
        ...(secretName
          ? [
              fromSecret("DIFFGRAM_AWS_ACCESS_KEY_ID", secretName, "accessKeyId"),
              fromSecret("DIFFGRAM_AWS_ACCESS_KEY_SECRET", secretName, "secretAccessKey"),
            ]
          : []),
      ];
    case "minio":
      return [
        literal("DIFFGRAM_STATIC_STORAGE_PROVIDER", "minio"),
        { name: "DIFFGRAM_MINIO_ENDPOINT_URL", value: storage.endpoint },
        literal("DIFFGRAM_MINIO_DISABLED_SSL_VERIFY", "False"),
        bucket("DIFFGRAM_S3_BUCKET_NAME"),
        bucket("ML__DIFFGRAM_S3_BUCKET_NAME"),
        region("DIFFGRAM_S3_BUCKET_REGION"),
        fromSecret("DIFFGRAM_MINIO_ACCESS_KEY_ID", secretName!, "accessKeyId"),
        fromSecret("DIFFGRAM_MINIO_ACCESS_KEY_SECRET", secretName!, "secretAccessKey"),
      ];
    case "gcp":
      return [
        literal("DIFFGRAM_STATIC_STORAGE_PROVIDER", "gcp"),
        bucket("CLOUD_STORAGE_BUCKET"),
        bucket("ML__CLOUD_STORAGE_BUCKET"),
        literal("SERVICE_ACCOUNT_FULL_PATH", GCP_KEY_PATH),
        literal("GOOGLE_APPLICATION_CREDENTIALS", GCP_KEY_PATH),
      ];
  }
}

/**
 * The environment of one Diffgram service. Settings with an insecure built-in default are all set
 * explicitly; every secret comes from a Secret through secretKeyRef.
 */
export function diffgramEnv(service: DiffgramService, ctx: DiffgramEnvContext): EnvVar[] {
  const oidc = USES_OIDC[service];
  const lifetime = ctx.signedUrlLifetimeSeconds;
  return [
    literal("DIFFGRAM_SYSTEM_MODE", "production"),
    literal("DIFFGRAM_SERVICE_NAME", service),
    literal("DOCKER_CONTEXT", "True"),
    literal("URL_BASE", `https://${ctx.domain}/`),
    literal("WEBHOOKS_URL_BASE", `https://${ctx.domain}`),
    fromSecret("DATABASE_URL", DIFFGRAM_DATABASE_URL_SECRET, "url"),
    literal("DATABASE_CONNECTION_POOL_SIZE", "5"),
    fromSecret("SECRET_KEY", DIFFGRAM_APP_SECRET, "secret-key"),
    fromSecret("USER_PASSWORDS_SECRET", DIFFGRAM_APP_SECRET, "user-passwords-secret"),
    fromSecret("INTER_SERVICE_SECRET", DIFFGRAM_APP_SECRET, "inter-service-secret"),
    fromSecret("FERNET_KEY", DIFFGRAM_APP_SECRET, "fernet-key"),
    // default -> walrus stays inside the cluster (TLS, internal CA), never through the ingress.
    { name: "WALRUS_SERVICE_URL_BASE", value: ctx.walrusUrl },
    // RabbitMQ through the pod's own verifying TLS proxy (rabbitmq/client-proxy.ts): plain AMQP on
    // loopback only, never on the network. Diffgram's own TLS (RABBITMQ_USE_SSL) verifies nothing.
    literal("RABBITMQ_HOST", RABBITMQ_PROXY_ADDRESS),
    literal("RABBITMQ_PORT", String(RABBITMQ_PROXY_PORT)),
    literal("RABBITMQ_USE_SSL", "False"),
    literal("USE_RABBIT_MQ", "True"),
    fromSecret("RABBITMQ_DEFAULT_USER", ctx.rabbitmqSecret, "username"),
    fromSecret("RABBITMQ_DEFAULT_PASS", ctx.rabbitmqSecret, "password"),
    // Signed URLs: short lifetime (Diffgram re-signs on each request with this offset).
    literal("SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID", String(lifetime)),
    literal("SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID", String(Math.floor(lifetime / 2))),
    // Accounts: no self-registration; only super admins create projects.
    literal("DISABLE_SELF_REGISTRATION", "True"),
    literal("ONLY_SUPER_ADMINS_CREATE_PROJECTS", "True"),
    literal("EMAIL_VALIDATION", "False"),
    // Telemetry and billing pointed nowhere.
    literal("ALLOW_EVENTHUB", "False"),
    literal("EVENTHUB_URL", EVENTHUB_NOWHERE),
    literal("ALLOW_STRIPE_BILLING", "False"),
    literal("NEW_RELIC_MONITOR_MODE", "false"),
    literal("DIFFGRAM_ERROR_SEND_TRACES_IN_RESPONSE", "False"),
    literal("IS_OPEN_SOURCE", "True"),
    // OIDC with the tenant realm (only the services with browser sessions log in to Keycloak).
    literal("USE_OAUTH2", oidc ? "True" : "False"),
    ...(oidc
      ? [
          literal("OAUTH2_PROVIDER_NAME", "keycloak"),
          literal("OAUTH2_PROVIDER_HOST", `https://idp.${ctx.domain}/`),
          literal("OAUTH2_PROVIDER_CLIENT_ID", "diffgram"),
          literal("KEYCLOAK_REALM", ctx.realm),
          fromSecret("KEY_CLOAK_MASTER_USER", ctx.keycloakSecret, "master-username"),
          fromSecret("KEY_CLOAK_MASTER_PASSWORD", ctx.keycloakSecret, "master-password"),
          literal("KEY_CLOAK_DIFFGRAM_USER", "diffgram"),
          fromSecret("KEY_CLOAK_DIFFGRAM_PASSWORD", ctx.keycloakSecret, "realm-user-password"),
        ]
      : []),
    // Every service's requests calls (Keycloak, walrus, webhooks, model downloads) verify against
    // the image's public roots plus the internal CA: eventhandlers and the migration job run the
    // shared code that posts to walrus (internal CA) too.
    literal("REQUESTS_CA_BUNDLE", TRUST_BUNDLE_PATH),
    ...storageEnv(ctx.storage, ctx.storageSecretName),
    // Read-only root filesystem: Python caches and home in /tmp.
    literal("HOME", "/tmp"),
    literal("PYTHONDONTWRITEBYTECODE", "1"),
    literal("HF_HOME", "/tmp"),
    literal("TRANSFORMERS_CACHE", "/tmp"),
  ];
}
