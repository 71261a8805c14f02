import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "aws-kms-key-disallow-bypass-lockout-check",
  description:
    "KMS keys and key policies must not bypass the policy lockout safety check. Without the check, a key policy can be applied that no principal is allowed to change, leaving the key and everything it encrypts unmanageable.",
  severity: "high",
  remediation:
    "Remove bypassPolicyLockoutSafetyCheck from the aws.kms.Key or aws.kms.KeyPolicy (or set it to false), and make sure the key policy keeps an administrator statement for the account.",
  controls: { nist: ["SC-12", "AC-6", "CP-9"] },
  concern: "encryption",
  resourceTypes: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
  check({ props }, report) {
    if (bool(props.bypassPolicyLockoutSafetyCheck) === true) {
      report(
        "bypassPolicyLockoutSafetyCheck is true: KMS will accept a key policy that locks every administrator out. Remove it.",
      );
    }
  },
});
