import { resourcePolicy } from "../../lib/define";
import { num, str } from "../../lib/props";
import { DB_CLUSTER_INSTANCE, DB_INSTANCE } from "../../lib/aws/rds";

interface Config {
  readonly maxIntervalSeconds: number;
}

export default resourcePolicy<Config>({
  name: "aws-rds-database-enable-enhanced-monitoring",
  description:
    "RDS instances (and Aurora cluster instances) must turn on Enhanced Monitoring with a role RDS can publish through (AWS FSBP RDS.6). Without it the operating system's view of the database host (CPU steal, memory, file system, processes) is not recorded, and an incident cannot be reconstructed from CloudWatch alone.",
  severity: "low",
  remediation:
    "Set monitoringInterval to 60 or less (1, 5, 10, 15, 30 or 60) and monitoringRoleArn to a role trusted by monitoring.rds.amazonaws.com with the AWS managed policy service-role/AmazonRDSEnhancedMonitoringRole.",
  controls: { nist: ["SI-4", "AU-12", "CA-7"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER_INSTANCE],
  configSchema: {
    properties: {
      maxIntervalSeconds: {
        type: "number",
        default: 60,
        description: "Longest monitoring interval accepted, in seconds.",
      },
    },
  },
  check({ props }, report, config) {
    const interval = num(props.monitoringInterval) ?? 0;
    const max = typeof config.maxIntervalSeconds === "number" ? config.maxIntervalSeconds : 60;
    if (interval <= 0) {
      report(
        "monitoringInterval is 0 or unset, so Enhanced Monitoring is off. Set it to 60 or less.",
      );
      return;
    }
    if (interval > max) {
      report(`monitoringInterval ${interval} is longer than ${max} seconds. Lower it.`);
    }
    const role = str(props.monitoringRoleArn);
    if (role === undefined || role === "") {
      report(
        "monitoringRoleArn is not set, so RDS cannot publish the metrics. Give a role trusted by monitoring.rds.amazonaws.com.",
      );
    }
  },
});
