import { resourcePolicy } from "../../lib/define";
import { cisGcp, days, durationSeconds, SECONDS_PER_DAY } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { num, str } from "../../lib/props";

interface Config {
  readonly maximumRotationDays: number;
}

export default resourcePolicy<Config>({
  name: "gcp-kms-cryptokey-enable-rotation",
  description:
    "Symmetric Cloud KMS keys must rotate automatically, at least every 90 days by default. Rotation limits how much data one key version protects and how long a leaked version stays useful. Asymmetric and MAC keys are exempt: Cloud KMS cannot rotate them automatically.",
  severity: "high",
  remediation:
    'Set rotationPeriod to at most the configured maximum, written in seconds (e.g. "7776000s" for 90 days).',
  controls: { nist: ["SC-12", "SC-12(1)"], cis: cisGcp("1.10") },
  concern: "encryption",
  resourceTypes: [GCP.cryptoKey],
  configSchema: {
    properties: {
      maximumRotationDays: {
        type: "integer",
        minimum: 1,
        default: 90,
        description: "Longest rotation period accepted, in days.",
      },
    },
  },
  check({ props }, report, config) {
    const purpose = str(props.purpose)?.trim().toUpperCase() ?? "ENCRYPT_DECRYPT";
    if (purpose !== "ENCRYPT_DECRYPT") {
      return;
    }
    const maximumDays = num(config.maximumRotationDays) ?? 90;
    const period = str(props.rotationPeriod);
    if (period === undefined || period.trim() === "") {
      report(
        `rotationPeriod is not set, so the key is never rotated. Set it to at most ${maximumDays * SECONDS_PER_DAY}s (${maximumDays} days).`,
      );
      return;
    }
    const seconds = durationSeconds(period);
    if (seconds === undefined) {
      report(
        `rotationPeriod ${JSON.stringify(period)} is not a duration in seconds. Write it as "7776000s".`,
      );
    } else if (seconds > maximumDays * SECONDS_PER_DAY) {
      report(
        `rotationPeriod is ${JSON.stringify(period)} (${days(seconds)}), longer than ${maximumDays} days. Set it to at most ${maximumDays * SECONDS_PER_DAY}s.`,
      );
    }
  },
});
