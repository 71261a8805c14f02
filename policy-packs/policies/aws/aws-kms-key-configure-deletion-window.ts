import { resourcePolicy } from "../../lib/define";
import { num } from "../../lib/props";

interface Config {
  readonly minimumDeletionWindowDays: number;
}

export default resourcePolicy<Config>({
  name: "aws-kms-key-configure-deletion-window",
  description:
    "KMS keys must wait at least the configured number of days between a deletion request and the destruction of the key material. Data encrypted under a destroyed key is lost for good; the waiting period is the only way back from a mistaken or malicious deletion.",
  severity: "medium",
  remediation:
    "Leave deletionWindowInDays unset (KMS waits 30 days) or set it to at least the configured minimum, up to 30.",
  controls: { nist: ["SC-12", "CP-9", "SI-12"] },
  concern: "data-protection",
  resourceTypes: ["aws:kms/key:Key"],
  configSchema: {
    properties: {
      minimumDeletionWindowDays: {
        type: "integer",
        minimum: 7,
        maximum: 30,
        default: 30,
        description:
          "Shortest deletion window accepted, in days (KMS allows 7 to 30; 30 when unset).",
      },
    },
  },
  check({ props }, report, config) {
    const min = num(config.minimumDeletionWindowDays) ?? 30;
    const window = num(props.deletionWindowInDays) ?? 30;
    if (window < min) {
      report(
        `deletionWindowInDays is ${window}, shorter than the required ${min} days. Set it to at least ${min}.`,
      );
    }
  },
});
