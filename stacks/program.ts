import { AppLayer } from "../components/app";
import { resolveLayerSettings } from "./config/app-settings";
import { ConfigError, type EnclaveConfig } from "./config";
import { buildPlatform, type TargetResult } from "./targets";
import { auditRetentionDays } from "./config/aws-settings";
import { buildAwsPlatformStack } from "./targets/aws-platform";
import { buildAwsTenantTarget, readPlatformOutputs } from "./targets/aws-tenant";
import { buildGcpPlatformStack } from "./targets/gcp-platform";
import { buildGcpTenantTarget, readGcpPlatformOutputs } from "./targets/gcp-tenant";
import { listDataStores } from "./data-stores";

/** The app layer's settings, checked before the target creates anything. */
function layerSettingsOf(config: EnclaveConfig) {
  const layerSettings = resolveLayerSettings(config.app, {
    ...config,
    auditRetentionDays: auditRetentionDays(config),
  });
  if (layerSettings.problems.length > 0) {
    throw new ConfigError(config.stack, layerSettings.problems);
  }
  return layerSettings.settings!;
}

/** Target -> app layer -> stack outputs. */
function compose(
  config: EnclaveConfig,
  settings: ReturnType<typeof layerSettingsOf>,
  target: TargetResult,
): Record<string, unknown> {
  const layer = target.platform
    ? new AppLayer("enclave", { platform: target.platform, settings })
    : undefined;
  return {
    cloud: config.cloud,
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    appUrl: `https://${config.domain}`,
    identityProviderUrl: `https://idp.${config.domain}`,
    ...target.outputs,
    ...(layer
      ? {
          namespace: layer.namespace,
          identityProviderUrl: layer.identityProviderUrl,
          keycloakAdminConsoleUrl: layer.adminConsoleUrl,
          keycloakRealm: layer.realm,
          ingressAddress: layer.ingressAddress,
        }
      : {}),
    dataStores: listDataStores(config, target.dataStores, layer?.namespace),
  };
}

/**
 * The composition root of a tenant with its own cluster: target -> Platform -> app layer -> stack
 * outputs. No resource logic lives here; every resource belongs to a component.
 */
export function deploy(config: EnclaveConfig): Record<string, unknown> {
  const settings = layerSettingsOf(config);
  return compose(
    config,
    settings,
    buildPlatform(config, { images: Object.values(settings.images), now: new Date() }),
  );
}

/**
 * A tenant on a platform stack (enclave:platformStack): the platform's outputs are read first
 * (a StackReference), then the tenant's own resources and the app layer on the platform's cluster.
 */
export async function deployOnPlatform(config: EnclaveConfig): Promise<Record<string, unknown>> {
  const settings = layerSettingsOf(config);
  if (config.cloud === "gcp") {
    const values = await readGcpPlatformOutputs(config.platformStack!);
    const context = { images: Object.values(settings.images), now: new Date() };
    return compose(config, settings, buildGcpTenantTarget(config, values, context));
  }
  const values = await readPlatformOutputs(config.platformStack!);
  return compose(config, settings, buildAwsTenantTarget(config, values));
}

/** What the stack's role asks for: a platform, a tenant on a platform, or a tenant on its own. */
export function deployStack(
  config: EnclaveConfig,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  if (config.stackRole === "platform") {
    return config.cloud === "gcp" ? buildGcpPlatformStack(config) : buildAwsPlatformStack(config);
  }
  return config.platformStack !== undefined ? deployOnPlatform(config) : deploy(config);
}
