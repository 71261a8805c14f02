import { resourcePolicy } from "../../lib/define";
import { num } from "../../lib/props";

interface Config {
  readonly minimumRetentionDays: number;
}

export default resourcePolicy<Config>({
  name: "aws-cloudwatch-loggroup-configure-retention",
  description:
    "CloudWatch log groups must keep their events for at least the configured number of days (365 by default), or forever. Breaches are typically found months after they start, and audit logs that have already expired cannot show what happened.",
  severity: "medium",
  remediation:
    "Set retentionInDays to at least the configured minimum (e.g. 365 or 400), or leave it unset to keep events indefinitely; archive to S3 if cost matters.",
  controls: { nist: ["AU-11", "AU-4", "SI-12"] },
  concern: "data-protection",
  resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
  configSchema: {
    properties: {
      minimumRetentionDays: {
        type: "integer",
        minimum: 1,
        default: 365,
        description: "Shortest retention accepted, in days (0 or unset means events never expire).",
      },
    },
  },
  check({ props }, report, config) {
    const min = num(config.minimumRetentionDays) ?? 365;
    const days = num(props.retentionInDays);
    if (days !== undefined && days > 0 && days < min) {
      report(`retentionInDays is ${days}, below ${min} days. Set it to at least ${min}.`);
    }
  },
});
