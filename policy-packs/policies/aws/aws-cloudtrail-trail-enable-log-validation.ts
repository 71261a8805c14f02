import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-cloudtrail-trail-enable-log-validation",
  description:
    "CloudTrail trails must have log file integrity validation on. Without digest files nobody can prove that a log file was not changed or deleted after delivery, so the trail cannot serve as evidence of who accessed the data.",
  severity: "medium",
  remediation:
    "Set enableLogFileValidation: true on the aws.cloudtrail.Trail; verify with `aws cloudtrail validate-logs`.",
  controls: { nist: ["AU-9", "AU-10", "SI-7"], cis: cisAws("3.2") },
  concern: "data-protection",
  resourceTypes: ["aws:cloudtrail/trail:Trail"],
  check({ props }, report) {
    if (bool(props.enableLogFileValidation) !== true) {
      report(
        "enableLogFileValidation is not true, so tampering with delivered log files cannot be detected. Set enableLogFileValidation: true.",
      );
    }
  },
});
