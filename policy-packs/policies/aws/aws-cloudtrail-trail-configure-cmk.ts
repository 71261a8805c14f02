import { resourcePolicy } from "../../lib/define";
import { cisAws, customerKeyProblem } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-cloudtrail-trail-configure-cmk",
  description:
    "CloudTrail trails must encrypt their log files with a customer-managed KMS key (SSE-KMS). The trail records who read which object and who changed which key or policy; with SSE-S3 anyone who may read the log bucket reads the trail, and the key policy cannot restrict decryption to investigators.",
  severity: "medium",
  remediation:
    "Set kmsKeyId: key.arn on the aws.cloudtrail.Trail and allow cloudtrail.amazonaws.com kms:GenerateDataKey* in the key policy, conditioned on aws:SourceArn and kms:EncryptionContext:aws:cloudtrail:arn equal to the trail's ARN.",
  controls: { nist: ["AU-9", "SC-28", "SC-28(1)"], cis: cisAws("3.5") },
  concern: "encryption",
  resourceTypes: ["aws:cloudtrail/trail:Trail"],
  check({ props }, report) {
    const key = props.kmsKeyId;
    if (key === undefined || key === null || key === "") {
      report(
        "kmsKeyId is not set, so the trail's log files have only SSE-S3 encryption. Name a customer-managed key.",
      );
      return;
    }
    const keyProblem = customerKeyProblem(key, "kmsKeyId");
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
