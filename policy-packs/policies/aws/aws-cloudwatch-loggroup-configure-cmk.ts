import { resourcePolicy } from "../../lib/define";
import { customerKeyProblem } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-cloudwatch-loggroup-configure-cmk",
  description:
    "CloudWatch log groups must be encrypted with a customer-managed KMS key. Logs carry audit trails, request data and sometimes secrets; the key policy decides who may read them, and disabling the key cuts off a tenant's logs.",
  severity: "medium",
  remediation:
    "Set kmsKeyId: key.arn on the aws.cloudwatch.LogGroup and allow the logs.<region>.amazonaws.com service principal in the key policy (with an aws:SourceArn / kms:EncryptionContext condition).",
  controls: { nist: ["SC-28", "SC-28(1)", "AU-9"] },
  concern: "encryption",
  resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
  check({ props }, report) {
    const key = props.kmsKeyId;
    if (key === undefined || key === null || key === "") {
      report(
        "kmsKeyId is not set, so the log group has only CloudWatch's service-owned encryption. Name a customer-managed key.",
      );
      return;
    }
    const keyProblem = customerKeyProblem(key, "kmsKeyId");
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
