import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { cisAws, cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";

export default resourcePolicy<CmkConfig>({
  name: "aws-ebs-volume-enable-encryption",
  description:
    "EBS volumes must be encrypted with a customer-managed KMS key. Volumes and the snapshots taken from them otherwise hold data in the clear for anyone who can copy or share a snapshot.",
  severity: "high",
  remediation: "Set encrypted: true and kmsKeyId: key.arn on the aws.ebs.Volume.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisAws("2.2.1") },
  concern: "encryption",
  resourceTypes: ["aws:ebs/volume:Volume"],
  configSchema: cmkConfigSchema,
  check({ props }, report, config) {
    if (bool(props.encrypted) !== true) {
      report("encrypted is not true. Set encrypted: true with a customer-managed kmsKeyId.");
      return;
    }
    const keyProblem =
      config.requireCustomerManagedKey !== false
        ? customerKeyProblem(props.kmsKeyId, "kmsKeyId")
        : undefined;
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
