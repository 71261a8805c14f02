import { resourcePolicy } from "../../lib/define";
import { days, durationSeconds, SECONDS_PER_DAY } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { num, str } from "../../lib/props";

interface Config {
  readonly minimumDestroyDelayDays: number;
}

/** Cloud KMS waits 30 days before destroying a key version when destroyScheduledDuration is unset. */
const DEFAULT_DAYS = 30;

export default resourcePolicy<Config>({
  name: "gcp-kms-cryptokey-configure-destroy-delay",
  description:
    "Cloud KMS keys must keep key versions scheduled for destruction restorable for at least the configured number of days (30 by default). Data encrypted under a destroyed version is lost for good; the delay is the only way back from a mistaken or malicious destruction, including the one Pulumi performs when it deletes a crypto key.",
  severity: "medium",
  remediation:
    'Leave destroyScheduledDuration unset (Cloud KMS waits 30 days) or set it to at least the configured minimum, in seconds (e.g. "2592000s").',
  controls: { nist: ["SC-12", "CP-9", "SI-12"] },
  concern: "data-protection",
  resourceTypes: [GCP.cryptoKey],
  configSchema: {
    properties: {
      minimumDestroyDelayDays: {
        type: "integer",
        minimum: 1,
        maximum: 120,
        default: DEFAULT_DAYS,
        description:
          "Shortest destroy-scheduled duration accepted, in days (Cloud KMS allows 1 to 120; 30 when unset).",
      },
    },
  },
  check({ props }, report, config) {
    const minimumDays = num(config.minimumDestroyDelayDays) ?? DEFAULT_DAYS;
    const value = str(props.destroyScheduledDuration);
    const unset = value === undefined || value.trim() === "";
    const seconds = unset ? DEFAULT_DAYS * SECONDS_PER_DAY : durationSeconds(value);
    if (seconds === undefined) {
      report(
        `destroyScheduledDuration ${JSON.stringify(value)} is not a duration in seconds. Write it as "${minimumDays * SECONDS_PER_DAY}s".`,
      );
    } else if (seconds < minimumDays * SECONDS_PER_DAY) {
      const shownValue = unset
        ? `not set (${DEFAULT_DAYS} days)`
        : `${JSON.stringify(value)} (${days(seconds)})`;
      report(
        `destroyScheduledDuration is ${shownValue}, shorter than ${minimumDays} days. Set it to at least ${minimumDays * SECONDS_PER_DAY}s.`,
      );
    }
  },
});
