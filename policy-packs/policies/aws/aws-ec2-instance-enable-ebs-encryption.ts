import { stackPolicy } from "../../lib/define";
import { arr, bool, get, isRecord } from "../../lib/props";
import { forEachKnown, ofTypes } from "../../lib/stack";
import { cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";
import { ebsDefault } from "../../lib/aws/ebs-default";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

export default stackPolicy<CmkConfig>({
  name: "aws-ec2-instance-enable-ebs-encryption",
  description:
    "Every EBS volume an instance, launch template or launch configuration creates, root volume included, must be encrypted, with a customer-managed KMS key where the resource can name one. Unencrypted volumes and their snapshots expose node data, container images and cached secrets to anyone who can copy them. Account-level encryption by default (aws.ebs.EncryptionByDefault, with aws.ebs.DefaultKmsKey naming a customer-managed key) in the stack counts.",
  severity: "high",
  remediation:
    'Set encrypted: true and kmsKeyId: key.arn on rootBlockDevice and every ebsBlockDevices entry (Instance), or on blockDeviceMappings[].ebs with encrypted: "true" (LaunchTemplate); declare the root device explicitly rather than inheriting the AMI\'s snapshot settings. Or turn on aws.ebs.EncryptionByDefault with an aws.ebs.DefaultKmsKey naming a customer-managed key.',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  configSchema: cmkConfigSchema,
  check(resources, report, config) {
    const account = ebsDefault(resources);
    const types = [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];
    forEachKnown(ofTypes(resources, types), (resource) => {
      const { type, props } = resource;
      const problem = (message: string) => report(message, resource.urn);
      const wantKey = config.requireCustomerManagedKey !== false && type !== LAUNCH_CONFIGURATION;
      const judge = (device: unknown, where: string) => {
        if (bool(get(device, "encrypted")) !== true && !account.encrypts) {
          problem(`${where}.encrypted is not true. Encrypt the volume.`);
          return;
        }
        const own = get(device, "kmsKeyId");
        const [key, prop] =
          own === undefined && account.keyArn !== undefined
            ? [account.keyArn, "aws.ebs.DefaultKmsKey keyArn"]
            : [own, where === "" ? "aws.ebs.DefaultKmsKey" : `${where}.kmsKeyId`];
        const keyProblem = wantKey ? customerKeyProblem(key, prop) : undefined;
        if (keyProblem) {
          problem(`${keyProblem}. Name a customer-managed key.`);
        }
      };
      // With encryption by default, a volume the resource does not declare is encrypted under
      // the account's default key.
      const undeclared = (message: string) => (account.encrypts ? judge({}, "") : problem(message));
      if (type === LAUNCH_TEMPLATE) {
        const withEbs = arr(props.blockDeviceMappings)
          .map((m, i) => [get(m, "ebs"), i] as const)
          .filter(([ebs]) => isRecord(ebs));
        if (withEbs.length === 0) {
          undeclared(
            'No blockDeviceMappings entry declares an EBS volume, so the root volume follows the AMI snapshot. Declare it with encrypted: "true".',
          );
        }
        withEbs.forEach(([ebs, i]) => judge(ebs, `blockDeviceMappings[${i}].ebs`));
        return;
      }
      if (!isRecord(props.rootBlockDevice)) {
        undeclared(
          "rootBlockDevice is not set, so the root volume follows the AMI snapshot. Declare it with encrypted: true.",
        );
      } else {
        judge(props.rootBlockDevice, "rootBlockDevice");
      }
      arr(props.ebsBlockDevices).forEach((d, i) => judge(d, `ebsBlockDevices[${i}]`));
    });
  },
});
