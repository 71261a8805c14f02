/**
 * Account-level EBS encryption by default (per region): with aws.ebs.EncryptionByDefault enabled,
 * every new volume is encrypted, whatever the instance, template or snapshot says, and with
 * aws.ebs.DefaultKmsKey under that key instead of the AWS-managed aws/ebs key.
 */
import type { PolicyResource } from "@pulumi/policy";
import { bool } from "../props";
import { ofTypes, tryRead, UNKNOWN } from "../stack";

export const ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";

export interface EbsDefault {
  /** True when the stack turns account-level encryption by default on. */
  readonly encrypts: boolean;
  /**
   * The default key the stack sets (a key created by the stack is still unknown in a preview, so
   * stands for itself); undefined when it sets none (the AWS-managed key is used).
   */
  readonly keyArn?: string;
}

export function ebsDefault(resources: readonly PolicyResource[]): EbsDefault {
  const encrypts = ofTypes(resources, [ENCRYPTION_BY_DEFAULT]).some(
    (r) => tryRead(() => bool(r.props.enabled) ?? true) === true,
  );
  for (const key of ofTypes(resources, [DEFAULT_KMS_KEY])) {
    const arn = tryRead(() => key.props.keyArn);
    if (arn === UNKNOWN) {
      return { encrypts, keyArn: "a key of this stack (known after deployment)" };
    }
    if (typeof arn === "string" && arn !== "") {
      return { encrypts, keyArn: arn };
    }
  }
  return { encrypts };
}
