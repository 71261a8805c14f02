import type { EnclaveConfig } from "./config";
import { buildPlatform } from "./targets";

/**
 * The composition root: target -> Platform -> Kubernetes layer -> stack outputs. No resource
 * logic lives here; every resource belongs to a component.
 */
export function deploy(config: EnclaveConfig): Record<string, unknown> {
  const target = buildPlatform(config);
  return {
    cloud: config.cloud,
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    appUrl: `https://${config.domain}`,
    identityProviderUrl: `https://idp.${config.domain}`,
    ...target.outputs,
  };
}
