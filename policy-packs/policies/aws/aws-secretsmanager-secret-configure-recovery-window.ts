import { resourcePolicy } from "../../lib/define";
import { num } from "../../lib/props";

interface Config {
  readonly minimumRecoveryWindowDays: number;
}

export default resourcePolicy<Config>({
  name: "aws-secretsmanager-secret-configure-recovery-window",
  description:
    "Deleted Secrets Manager secrets must stay recoverable for at least the configured number of days (7 by default). A recovery window of 0 deletes the secret at once, so a mistaken replacement or destroy takes credentials and keys with it for good.",
  severity: "low",
  remediation:
    "Leave recoveryWindowInDays unset (30 days) or set it between the configured minimum and 30.",
  controls: { nist: ["CP-9", "SI-12"] },
  concern: "data-protection",
  resourceTypes: ["aws:secretsmanager/secret:Secret"],
  configSchema: {
    properties: {
      minimumRecoveryWindowDays: {
        type: "integer",
        minimum: 7,
        maximum: 30,
        default: 7,
        description: "Shortest recovery window accepted, in days.",
      },
    },
  },
  check({ props }, report, config) {
    const min = num(config.minimumRecoveryWindowDays) ?? 7;
    const days = num(props.recoveryWindowInDays) ?? 30;
    if (days < min) {
      report(
        days === 0
          ? `recoveryWindowInDays is 0: deleting the secret destroys it immediately. Remove the setting or use at least ${min} days.`
          : `recoveryWindowInDays is ${days}, below ${min} days. Set it to at least ${min}.`,
      );
    }
  },
});
