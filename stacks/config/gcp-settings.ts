import {
  GCP_COMMON_DEFAULTS,
  GCP_ENVIRONMENT_DEFAULTS,
  type GcpSettings,
} from "../../components/gcp/settings";
import type { Environment } from "../../components/shared/platform";
import type { GcpConfig } from "./gcp";

/**
 * `enclave:gcp` -> the GCP target's settings: every field left unset takes the default of
 * components/gcp/settings.ts (the bucket retention depends on enclave:environment).
 */
export function resolveGcpSettings(environment: Environment, gcp: GcpConfig): GcpSettings {
  const d = GCP_COMMON_DEFAULTS;
  const retention =
    gcp.bucketRetention === false
      ? undefined
      : (gcp.bucketRetention ?? GCP_ENVIRONMENT_DEFAULTS[environment].bucketRetention);
  return {
    ranges: {
      subnetCidr: gcp.subnetCidr ?? d.ranges.subnetCidr,
      podsCidr: gcp.podsCidr ?? d.ranges.podsCidr,
      servicesCidr: gcp.servicesCidr ?? d.ranges.servicesCidr,
      controlPlaneCidr: gcp.controlPlaneCidr ?? d.ranges.controlPlaneCidr,
    },
    airGapped: gcp.airGapped ?? d.airGapped,
    publicEndpoint: gcp.publicEndpoint ?? d.publicEndpoint,
    keyProtectionLevel: gcp.keyProtectionLevel ?? d.keyProtectionLevel,
    logRetentionDays: gcp.logRetentionDays ?? d.logRetentionDays,
    noncurrentVersionRetentionDays:
      gcp.noncurrentVersionRetentionDays ?? d.noncurrentVersionRetentionDays,
    ...(retention !== undefined ? { bucketRetention: retention } : {}),
    keyRotationDays: gcp.keyRotationDays ?? d.keyRotationDays,
    databaseRangeCidr: gcp.databaseRangeCidr ?? d.databaseRangeCidr,
    database: GCP_ENVIRONMENT_DEFAULTS[environment].database,
    releaseChannel: gcp.releaseChannel ?? d.releaseChannel,
    securityPosture: gcp.securityPosture ?? d.securityPosture,
    nodes: { ...GCP_ENVIRONMENT_DEFAULTS[environment].nodes, ...gcp.nodes },
  };
}
