import type { Platform } from "../../components/shared/platform";
import type { EnclaveConfig } from "../config";
import { buildAwsTarget } from "./aws";
import { buildKubernetesTarget } from "./kubernetes";

/** What a target hands back: the Platform for the Kubernetes layer, and its own stack outputs. */
export interface TargetResult {
  readonly platform?: Platform;
  readonly outputs: Record<string, unknown>;
}

export function buildPlatform(config: EnclaveConfig): TargetResult {
  switch (config.cloud) {
    case "aws":
      return buildAwsTarget(config);
    case "kubernetes":
      return buildKubernetesTarget(config);
    case "gcp":
      throw new Error(
        `enclave:cloud = "${config.cloud}": this target is not built yet. Fix: none in this version.`,
      );
  }
}
