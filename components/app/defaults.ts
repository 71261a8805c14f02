import type { Environment } from "../shared/platform";
import type { Sizing } from "./pod";

/**
 * Secure defaults of the app layer, in one place. Each can be changed through
 * `enclave:app` within the bounds its schema enforces (stacks/config/app.ts); none can be
 * loosened beyond them.
 */

/** Signed URLs to annotation data live one hour at most (Diffgram's own default is 6 days). */
export const SIGNED_URL_LIFETIME_SECONDS = 3600;

/** Tenant realm token and session lifetimes, and its other security settings. */
export const KEYCLOAK_DEFAULTS = {
  /** Access tokens are short-lived; the refresh token is revoked on use. */
  accessTokenLifespanSeconds: 300,
  /** An idle browser session ends after 30 minutes... */
  ssoSessionIdleSeconds: 1800,
  /** ...and any session after 10 hours (a working day), limiting a stolen Diffgram cookie. */
  ssoSessionMaxSeconds: 36000,
  /** Login and admin events are kept 90 days. */
  eventsRetentionDays: 90,
  /** NIST SP 800-63B length-based policy; no composition rules. */
  passwordMinLength: 14,
  /**
   * Who must use OTP in the tenant realm: `all` (every user, enrolment forced at first login) in
   * every environment. dev and staging too: they are tried with real samples, enrolment costs one
   * authenticator app, and a default that differs by environment would go unnoticed until prod.
   * `administrators` (the kit's earlier behaviour) is an explicit opt-out that the packs flag.
   */
  otp: "all",
  /** The app's client must send PKCE S256 (Diffgram 1.25.3 sends none: docs/security-model.md). */
  requirePkce: true,
  /** Brute-force detection: 5 failures, then waits growing by 1 min up to 15 min. */
  failureFactor: 5,
  waitIncrementSeconds: 60,
  maxFailureWaitSeconds: 900,
  /** Realm role whose members must use OTP at every login. */
  administratorRole: "administrator",
} as const;

/** Corporate identity (enclave:app.keycloak.federation): defaults of the optional fields. */
export const FEDERATION_DEFAULTS = {
  /** The login page's button for the upstream identity provider. */
  displayName: "Corporate sign-in",
  oidcScopes: "openid email profile",
  /** A stable, opaque identifier: an e-mail NameID changes when the address does. */
  samlNameIdFormat: "persistent",
  ldap: {
    ad: {
      usernameAttribute: "sAMAccountName",
      userObjectClasses: ["person", "organizationalPerson", "user"],
    },
    other: {
      usernameAttribute: "uid",
      userObjectClasses: ["inetOrgPerson", "organizationalPerson"],
    },
  },
  ldapSearchScope: "subtree",
  /** Keycloak never writes to the directory. */
  ldapEditMode: "READ_ONLY",
  /** Periodic sync off: users are imported at their first login (and checked at every login). */
  syncPeriodSeconds: -1,
} as const;

/** Replicas per environment: prod runs two of everything that can scale (and a PDB). */
export function defaultReplicas(environment: Environment) {
  const ha = environment === "prod" ? 2 : 1;
  return {
    keycloak: ha,
    diffgramDefault: ha,
    diffgramWalrus: 1,
    diffgramFrontend: ha,
    traefik: ha,
  };
}

/** Volume of the RabbitMQ queue store. */
export const RABBITMQ_STORAGE_GI = 8;

/**
 * Mutual TLS to RabbitMQ is off by default: each Diffgram pod's proxy verifies the broker either
 * way; with it on, cert-manager also issues a client certificate per Diffgram workload and the
 * broker refuses clients without one (docs/security-model.md, "Mutual TLS").
 */
export const RABBITMQ_MUTUAL_TLS = false;

/** In-cluster certificates (internal CA): one year, renewed 30 days before expiry. */
export const INTERNAL_CERT_DURATION = "8760h";
export const INTERNAL_CERT_RENEW_BEFORE = "720h";
/** The tenant's internal CA: five years. */
export const INTERNAL_CA_DURATION = "43800h";

/** The ACME directory used with `issuer: letsencrypt` unless `acme.server` says otherwise. */
export const LETSENCRYPT_SERVER = "https://acme-v02.api.letsencrypt.org/directory";

/**
 * cert-manager, when the layer installs it: typed objects (components/app/cert-manager), written
 * from the upstream v1.19.1 chart's templates and default values (images pinned in images.ts).
 */
export const CERT_MANAGER = {
  version: "v1.19.1",
  namespace: "cert-manager",
  /** Log verbosity of the three components (the chart's global.logLevel). */
  logLevel: 2,
  /** The chart's maxConcurrentChallenges. */
  maxConcurrentChallenges: 60,
  /** The webhook's TLS port (the chart's webhook.securePort; unprivileged, PSS restricted). */
  webhookPort: 10250,
  /** The webhook's admission timeout (the chart's webhook.timeoutSeconds). */
  webhookTimeoutSeconds: 30,
  /** Where the webhook keeps the CA of its self-issued serving certificate (dynamic serving). */
  webhookCaSecret: "cert-manager-webhook-ca",
  /** The UID of cert-manager's images (USER 1000 in their Containerfile). */
  uid: 1000,
} as const;

/** Requests and limits of cert-manager's containers (the chart sets none; these are the kit's). */
export const CERT_MANAGER_SIZING = {
  controller: { cpuRequest: "10m", memoryRequest: "64Mi", cpuLimit: "500m", memoryLimit: "256Mi" },
  webhook: { cpuRequest: "10m", memoryRequest: "32Mi", cpuLimit: "250m", memoryLimit: "128Mi" },
  cainjector: { cpuRequest: "10m", memoryRequest: "64Mi", cpuLimit: "250m", memoryLimit: "256Mi" },
} as const;

/** Container sizing; walrus (media processing) is the heavy one (Diffgram's production sizing). */
export type SizingName =
  | "traefik"
  | "keycloak"
  | "keycloakPrepare"
  | "rabbitmq"
  | "diffgramDefault"
  | "diffgramWalrus"
  | "diffgramEventhandlers"
  | "diffgramFrontend"
  | "trustBundle"
  | "rabbitmqProxy"
  | "job";

export function sizing(environment: Environment): Readonly<Record<SizingName, Sizing>> {
  const prod = environment === "prod";
  return {
    traefik: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" },
    keycloak: {
      cpuRequest: prod ? "500m" : "250m",
      memoryRequest: "1Gi",
      cpuLimit: "2",
      memoryLimit: "2Gi",
    },
    keycloakPrepare: {
      cpuRequest: "250m",
      memoryRequest: "512Mi",
      cpuLimit: "2",
      memoryLimit: "1536Mi",
    },
    rabbitmq: { cpuRequest: "250m", memoryRequest: "512Mi", cpuLimit: "1", memoryLimit: "1Gi" },
    diffgramDefault: {
      cpuRequest: "500m",
      memoryRequest: "1Gi",
      cpuLimit: "2",
      memoryLimit: "2Gi",
    },
    diffgramWalrus: prod
      ? { cpuRequest: "1", memoryRequest: "6Gi", cpuLimit: "2", memoryLimit: "12Gi" }
      : { cpuRequest: "500m", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" },
    diffgramEventhandlers: {
      cpuRequest: "500m",
      memoryRequest: "1Gi",
      cpuLimit: "1",
      memoryLimit: "2Gi",
    },
    diffgramFrontend: {
      cpuRequest: "50m",
      memoryRequest: "64Mi",
      cpuLimit: "500m",
      memoryLimit: "256Mi",
    },
    trustBundle: {
      cpuRequest: "50m",
      memoryRequest: "64Mi",
      cpuLimit: "250m",
      memoryLimit: "128Mi",
    },
    // The TLS client proxy beside each Diffgram pod: one nginx worker carrying a few AMQP streams.
    rabbitmqProxy: {
      cpuRequest: "10m",
      memoryRequest: "16Mi",
      cpuLimit: "250m",
      memoryLimit: "64Mi",
    },
    job: { cpuRequest: "100m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "1Gi" },
  };
}

/** Namespace ResourceQuota: room for every workload, one rolling update and the Jobs, no more. */
export function quota(environment: Environment): Record<string, string> {
  const prod = environment === "prod";
  return {
    "requests.cpu": prod ? "20" : "10",
    "requests.memory": prod ? "48Gi" : "24Gi",
    "limits.cpu": prod ? "40" : "24",
    "limits.memory": prod ? "96Gi" : "40Gi",
    pods: "40",
    persistentvolumeclaims: "4",
    "requests.storage": "200Gi",
    "services.loadbalancers": "1",
  };
}

/** LimitRange: defaults for any container without limits, and a per-container ceiling. */
export const LIMIT_RANGE = {
  default: { cpu: "500m", memory: "512Mi" },
  defaultRequest: { cpu: "100m", memory: "128Mi" },
  max: { cpu: "4", memory: "16Gi" },
} as const;

/** UIDs the containers run as (none is root; the images' own users where they have one). */
export const UIDS = {
  traefik: 65532,
  keycloak: 1000,
  rabbitmq: 999,
  diffgram: 10001,
  /** The nginx user of nginx:alpine, which Diffgram's frontend image is built on. */
  nginx: 101,
} as const;
