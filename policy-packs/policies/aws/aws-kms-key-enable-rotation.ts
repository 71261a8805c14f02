import { resourcePolicy } from "../../lib/define";
import { bool, num, str } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";

interface Config {
  readonly maximumRotationPeriodDays: number;
}

export default resourcePolicy<Config>({
  name: "aws-kms-key-enable-rotation",
  description:
    "Customer-managed symmetric KMS keys must rotate their key material automatically, at least as often as the configured period. Rotation limits how much data one version of the key material protects and how long a leaked version stays useful.",
  severity: "high",
  remediation:
    "Set enableKeyRotation: true on the aws.kms.Key, and leave rotationPeriodInDays unset (365 days) or set it no higher than the configured maximum. Asymmetric and HMAC keys cannot rotate and are not judged.",
  controls: { nist: ["SC-12", "SC-12(1)", "SC-28(1)"], cis: cisAws("3.6") },
  concern: "encryption",
  resourceTypes: ["aws:kms/key:Key"],
  configSchema: {
    properties: {
      maximumRotationPeriodDays: {
        type: "integer",
        minimum: 90,
        maximum: 2560,
        default: 365,
        description: "Longest rotation period accepted, in days (KMS allows 90 to 2560).",
      },
    },
  },
  check({ props }, report, config) {
    const spec = str(props.customerMasterKeySpec) ?? "SYMMETRIC_DEFAULT";
    const usage = str(props.keyUsage) ?? "ENCRYPT_DECRYPT";
    if (
      spec !== "SYMMETRIC_DEFAULT" ||
      usage !== "ENCRYPT_DECRYPT" ||
      str(props.customKeyStoreId)
    ) {
      return; // KMS cannot rotate asymmetric, HMAC or custom-key-store keys automatically
    }
    if (bool(props.enableKeyRotation) !== true) {
      report(
        "enableKeyRotation is not true: the key material never rotates. Set enableKeyRotation: true.",
      );
      return;
    }
    const period = num(props.rotationPeriodInDays);
    const max = num(config.maximumRotationPeriodDays) ?? 365;
    if (period !== undefined && period > max) {
      report(
        `rotationPeriodInDays is ${period}, longer than the allowed ${max} days. Lower it to ${max} or less.`,
      );
    }
  },
});
