import { resourcePolicy } from "../../lib/define";
import { arr, get, str } from "../../lib/props";
import { cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";

export default resourcePolicy<CmkConfig>({
  name: "aws-ecr-repository-configure-cmk",
  description:
    "ECR repositories must encrypt image layers with KMS under a customer-managed key instead of the default AES-256 service encryption. Images hold application code and sometimes embedded credentials; the key policy then decides who can pull them even with registry access.",
  severity: "medium",
  remediation:
    'Set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] on the aws.ecr.Repository (encryption settings can only be chosen at creation).',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: ["aws:ecr/repository:Repository"],
  configSchema: cmkConfigSchema,
  check({ props }, report, config) {
    const encryption = arr(props.encryptionConfigurations)[0];
    const type = str(get(encryption, "encryptionType")) ?? "AES256";
    if (type !== "KMS" && type !== "KMS_DSSE") {
      report(
        `encryptionConfigurations[0].encryptionType is "${type}", not KMS. Use KMS with a customer-managed key.`,
      );
      return;
    }
    const keyProblem =
      config.requireCustomerManagedKey !== false
        ? customerKeyProblem(get(encryption, "kmsKey"), "encryptionConfigurations[0].kmsKey")
        : undefined;
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
