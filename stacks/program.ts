import { AppLayer } from "../components/app";
import { resolveLayerSettings } from "./config/app-settings";
import { ConfigError, type EnclaveConfig } from "./config";
import { buildPlatform } from "./targets";
import { auditRetentionDays } from "./config/aws-settings";
import { listDataStores } from "./data-stores";

/**
 * The composition root: target -> Platform -> app layer -> stack outputs. No resource
 * logic lives here; every resource belongs to a component.
 */
export function deploy(config: EnclaveConfig): Record<string, unknown> {
  // The app layer's settings are checked before the target creates anything.
  const layerSettings = resolveLayerSettings(config.app, {
    ...config,
    auditRetentionDays: auditRetentionDays(config),
  });
  if (layerSettings.problems.length > 0) {
    throw new ConfigError(config.stack, layerSettings.problems);
  }
  const target = buildPlatform(config);
  const layer = target.platform
    ? new AppLayer("enclave", {
        platform: target.platform,
        settings: layerSettings.settings!,
      })
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
