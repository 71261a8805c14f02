import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { customerKeyProblem } from "../../lib/aws/common";
import { DB_CLUSTER, DB_CLUSTER_INSTANCE, DB_INSTANCE } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-enable-performance-insights-encryption",
  description:
    "When Performance Insights is on, its data must be encrypted with a customer-managed KMS key. Performance Insights stores query text, which often carries the very values the database protects.",
  severity: "medium",
  remediation:
    "Set performanceInsightsKmsKeyId: key.arn wherever performanceInsightsEnabled is true (the key cannot be changed afterwards), or turn Performance Insights off.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER, DB_CLUSTER_INSTANCE],
  check({ props }, report) {
    if (bool(props.performanceInsightsEnabled) !== true) {
      return;
    }
    const keyProblem = customerKeyProblem(
      props.performanceInsightsKmsKeyId,
      "performanceInsightsKmsKeyId",
    );
    if (keyProblem) {
      report(`Performance Insights is on and ${keyProblem}. Name a customer-managed key.`);
    }
  },
});
