import { stackPolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { forEachKnown, ofTypes } from "../../lib/stack";
import { cisAws, cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";
import { ebsDefault } from "../../lib/aws/ebs-default";

const VOLUME = "aws:ebs/volume:Volume";

export default stackPolicy<CmkConfig>({
  name: "aws-ebs-volume-enable-encryption",
  description:
    "EBS volumes must be encrypted with a customer-managed KMS key. Volumes and the snapshots taken from them otherwise hold data in the clear for anyone who can copy or share a snapshot. Account-level encryption by default (aws.ebs.EncryptionByDefault, with aws.ebs.DefaultKmsKey naming a customer-managed key) in the stack counts.",
  severity: "high",
  remediation:
    "Set encrypted: true and kmsKeyId: key.arn on the aws.ebs.Volume, or turn on aws.ebs.EncryptionByDefault with an aws.ebs.DefaultKmsKey naming a customer-managed key.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisAws("2.2.1") },
  concern: "encryption",
  resourceTypes: [VOLUME],
  configSchema: cmkConfigSchema,
  check(resources, report, config) {
    const account = ebsDefault(resources);
    forEachKnown(ofTypes(resources, [VOLUME]), (volume) => {
      const props = volume.props;
      if (bool(props.encrypted) !== true && !account.encrypts) {
        report(
          "encrypted is not true. Set encrypted: true with a customer-managed kmsKeyId.",
          volume.urn,
        );
        return;
      }
      const [key, prop] =
        props.kmsKeyId === undefined && account.keyArn !== undefined
          ? [account.keyArn, "aws.ebs.DefaultKmsKey keyArn"]
          : [props.kmsKeyId, "kmsKeyId"];
      const keyProblem =
        config.requireCustomerManagedKey !== false ? customerKeyProblem(key, prop) : undefined;
      if (keyProblem) {
        report(`${keyProblem}. Name a customer-managed key.`, volume.urn);
      }
    });
  },
});
