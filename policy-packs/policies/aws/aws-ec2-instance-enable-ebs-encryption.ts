import { resourcePolicy } from "../../lib/define";
import { arr, bool, get, isRecord } from "../../lib/props";
import { cmkConfigSchema, customerKeyProblem, type CmkConfig } from "../../lib/aws/common";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

export default resourcePolicy<CmkConfig>({
  name: "aws-ec2-instance-enable-ebs-encryption",
  description:
    "Every EBS volume an instance, launch template or launch configuration creates, root volume included, must be encrypted, with a customer-managed KMS key where the resource can name one. Unencrypted volumes and their snapshots expose node data, container images and cached secrets to anyone who can copy them.",
  severity: "high",
  remediation:
    'Set encrypted: true and kmsKeyId: key.arn on rootBlockDevice and every ebsBlockDevices entry (Instance), or on blockDeviceMappings[].ebs with encrypted: "true" (LaunchTemplate); declare the root device explicitly rather than inheriting the AMI\'s snapshot settings.',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  configSchema: cmkConfigSchema,
  check({ type, props }, report, config) {
    const wantKey = config.requireCustomerManagedKey !== false && type !== LAUNCH_CONFIGURATION;
    const judge = (device: unknown, where: string) => {
      if (bool(get(device, "encrypted")) !== true) {
        report(`${where}.encrypted is not true. Encrypt the volume.`);
        return;
      }
      const keyProblem = wantKey
        ? customerKeyProblem(get(device, "kmsKeyId"), `${where}.kmsKeyId`)
        : undefined;
      if (keyProblem) {
        report(`${keyProblem}. Name a customer-managed key.`);
      }
    };
    if (type === LAUNCH_TEMPLATE) {
      const withEbs = arr(props.blockDeviceMappings)
        .map((m, i) => [get(m, "ebs"), i] as const)
        .filter(([ebs]) => isRecord(ebs));
      if (withEbs.length === 0) {
        report(
          'No blockDeviceMappings entry declares an EBS volume, so the root volume follows the AMI snapshot. Declare it with encrypted: "true".',
        );
      }
      withEbs.forEach(([ebs, i]) => judge(ebs, `blockDeviceMappings[${i}].ebs`));
      return;
    }
    if (!isRecord(props.rootBlockDevice)) {
      report(
        "rootBlockDevice is not set, so the root volume follows the AMI snapshot. Declare it with encrypted: true.",
      );
    } else {
      judge(props.rootBlockDevice, "rootBlockDevice");
    }
    arr(props.ebsBlockDevices).forEach((d, i) => judge(d, `ebsBlockDevices[${i}]`));
  },
});
