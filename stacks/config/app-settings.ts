import type { Environment } from "../../components/shared/platform";
import {
  KEYCLOAK_DEFAULTS,
  RABBITMQ_MUTUAL_TLS,
  RABBITMQ_STORAGE_GI,
  SIGNED_URL_LIFETIME_SECONDS,
  defaultReplicas,
} from "../../components/app/defaults";
import {
  IMAGE_NAMES,
  UPSTREAM_IMAGES,
  upstreamReference,
  type ImageName,
} from "../../components/app/images";
import { namespaceOf, type LayerSettings, type TlsSettings } from "../../components/app/settings";
import * as pulumi from "@pulumi/pulumi";
import type { AppConfig } from "./app";
import { federationSettings } from "./federation-settings";
import type { ConfigIssue } from "./errors";

export interface SettingsContext {
  readonly tenant: string;
  readonly environment: Environment;
  /** enclave:brokerClientSecret / enclave:ldapBindCredential (validated by the key table). */
  readonly brokerClientSecret?: string;
  readonly ldapBindCredential?: string;
  /**
   * The stack's audit retention in days, where the target keeps audit logs (AWS: the trail and log
   * groups, enclave:aws.logRetentionDays): Keycloak's events default to it and may not be shorter.
   */
  readonly auditRetentionDays?: number;
}

/**
 * `enclave:app` -> the app layer's settings. Validates what the schema alone cannot (missing image pins, reserved names) and applies the
 * defaults. Pure: returns every problem at once, or the settings.
 */
export function resolveLayerSettings(
  app: AppConfig | undefined,
  ctx: SettingsContext,
): { settings: LayerSettings; problems: [] } | { settings?: undefined; problems: ConfigIssue[] } {
  const problems: ConfigIssue[] = [];
  if (ctx.tenant === "master") {
    problems.push({
      key: "enclave:tenant",
      value: ctx.tenant,
      problem:
        "is reserved: Keycloak's administration realm is called master, and each tenant gets a realm of its name",
      fix: "choose another tenant name",
    });
  }
  const idle = app?.keycloak?.ssoSessionIdleSeconds ?? KEYCLOAK_DEFAULTS.ssoSessionIdleSeconds;
  const max = app?.keycloak?.ssoSessionMaxSeconds ?? KEYCLOAK_DEFAULTS.ssoSessionMaxSeconds;
  if (idle > max) {
    problems.push({
      key: "enclave:app.keycloak.ssoSessionIdleSeconds",
      value: idle,
      problem: `is above the SSO maximum lifetime (${max} s)`,
      fix: "keep the idle timeout at or below enclave:app.keycloak.ssoSessionMaxSeconds",
    });
  }
  const admins = app?.keycloak?.admins ?? [];
  if (ctx.environment === "prod" && admins.length === 0) {
    problems.push({
      key: "enclave:app.keycloak.admins",
      value: app?.keycloak?.admins,
      problem:
        "names no administrator: in prod the bootstrap admin client would be the master realm's only administrator",
      fix: "list the named administrators, e.g. [{ username: alice, email: alice@example.com }] (each sets a password and enrols OTP at the first login)",
    });
  }
  const eventsRetentionDays =
    app?.keycloak?.eventsRetentionDays ??
    ctx.auditRetentionDays ??
    KEYCLOAK_DEFAULTS.eventsRetentionDays;
  if (ctx.auditRetentionDays !== undefined && eventsRetentionDays < ctx.auditRetentionDays) {
    problems.push({
      key: "enclave:app.keycloak.eventsRetentionDays",
      value: eventsRetentionDays,
      problem: `is shorter than the stack's audit retention (${ctx.auditRetentionDays} days, enclave:aws.logRetentionDays): logins and realm changes would be gone while the trail still shows their effects`,
      fix: `remove it (Keycloak's events then follow the audit retention) or set it to ${ctx.auditRetentionDays} or more`,
    });
  }
  const images = {} as Record<ImageName, string>;
  for (const name of IMAGE_NAMES) {
    const chosen = app?.images?.[name] ?? upstreamReference(name);
    if (chosen === undefined) {
      const upstream = UPSTREAM_IMAGES[name];
      problems.push({
        key: `enclave:app.images.${name}`,
        value: undefined,
        problem: `has no default: enclave ships no verified digest for ${upstream.repository}:${upstream.tag}`,
        fix: `pull and scan the image (or mirror it), then set its pinned reference, e.g. "${upstream.repository}:${upstream.tag}@sha256:<digest>" from \`crane digest ${upstream.repository}:${upstream.tag}\``,
      });
    } else {
      images[name] = chosen;
    }
  }
  if (problems.length > 0) {
    return { problems };
  }

  const tls = app?.tls;
  const tlsSettings: TlsSettings =
    tls?.mode === "existing" && tls.existingSecret !== undefined
      ? { mode: "existing", secret: tls.existingSecret, installCertManager: tls.installCertManager }
      : {
          mode: "cert-manager",
          issuer: tls?.issuer,
          acme: tls?.acme,
          installCertManager: tls?.installCertManager,
        };
  return {
    problems: [],
    settings: {
      namespace: namespaceOf(ctx.tenant),
      realm: ctx.tenant,
      images,
      replicas: { ...defaultReplicas(ctx.environment), ...app?.replicas },
      signedUrlLifetimeSeconds: app?.signedUrlLifetimeSeconds ?? SIGNED_URL_LIFETIME_SECONDS,
      tls: tlsSettings,
      keycloak: {
        accessTokenLifespanSeconds:
          app?.keycloak?.accessTokenLifespanSeconds ?? KEYCLOAK_DEFAULTS.accessTokenLifespanSeconds,
        ssoSessionIdleSeconds: idle,
        ssoSessionMaxSeconds: max,
        eventsRetentionDays,
        passwordMinLength: app?.keycloak?.passwordMinLength ?? KEYCLOAK_DEFAULTS.passwordMinLength,
        requirePkce: app?.keycloak?.requirePkce ?? KEYCLOAK_DEFAULTS.requirePkce,
        otp: app?.keycloak?.otp ?? KEYCLOAK_DEFAULTS.otp,
        admins,
        ...(app?.keycloak?.federation
          ? { federation: federationSettings(app.keycloak.federation) }
          : {}),
      },
      ...(ctx.brokerClientSecret !== undefined || ctx.ldapBindCredential !== undefined
        ? {
            federationCredentials: {
              ...(ctx.brokerClientSecret !== undefined
                ? { brokerClientSecret: pulumi.secret(ctx.brokerClientSecret) }
                : {}),
              ...(ctx.ldapBindCredential !== undefined
                ? { ldapBindCredential: pulumi.secret(ctx.ldapBindCredential) }
                : {}),
            },
          }
        : {}),
      operators: { groups: app?.operators?.groups ?? [], users: app?.operators?.users ?? [] },
      storageClassName: app?.storageClassName,
      rabbitmqStorageGi: app?.rabbitmqStorageGi ?? RABBITMQ_STORAGE_GI,
      rabbitmqMutualTls: app?.rabbitmqMutualTls ?? RABBITMQ_MUTUAL_TLS,
    },
  };
}
