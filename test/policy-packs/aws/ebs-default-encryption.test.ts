/**
 * Account-level EBS encryption by default, with a customer-managed default key, encrypts every
 * new volume: volumes, instances and launch templates that leave encryption to it stay silent;
 * without the default key, or with the AWS-managed one, the key is still flagged.
 */
import { describe, expect, it } from "vitest";
import volumeEncryption from "../../../policy-packs/policies/aws/aws-ebs-volume-enable-encryption";
import instanceEbs from "../../../policy-packs/policies/aws/aws-ec2-instance-enable-ebs-encryption";
import type { StackResourceInput } from "../../helpers/policy";
import { KEY_ARN, stackViolationsOf, UNKNOWN_STRING } from "../../helpers/aws-policies";

const VOLUME = "aws:ebs/volume:Volume";
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const DEFAULT_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";

const account = (keyArn: unknown = KEY_ARN): StackResourceInput[] => [
  { type: BY_DEFAULT, name: "ebs-default", props: { enabled: true } },
  { type: DEFAULT_KEY, name: "ebs-key", props: { keyArn } },
];
/** Resources that leave encryption to the account default. */
const relying: StackResourceInput[] = [
  { type: VOLUME, name: "data", props: { availabilityZone: "eu-west-1a", size: 20 } },
  { type: INSTANCE, name: "node", props: { ami: "ami-1", instanceType: "t3.small" } },
  { type: LAUNCH_TEMPLATE, name: "nodes", props: { imageId: "ami-1" } },
];
const messages = (stack: StackResourceInput[]) =>
  [volumeEncryption, instanceEbs].flatMap((p) =>
    stackViolationsOf(p, stack).map((v) => `${v.urn?.split("::").pop()}: ${v.message}`),
  );

describe("account EBS encryption by default", () => {
  it("stays silent on volumes, instances and templates under a customer-managed default key", () => {
    expect(messages([...account(), ...relying])).toEqual([]);
    // The key created by the stack is unknown during a preview.
    expect(messages([...account(UNKNOWN_STRING), ...relying])).toEqual([]);
  });

  it("flags the same resources without encryption by default", () => {
    expect(messages(relying)).toEqual([
      "data: encrypted is not true. Set encrypted: true with a customer-managed kmsKeyId.",
      "node: rootBlockDevice is not set, so the root volume follows the AMI snapshot. Declare it with encrypted: true.",
      'nodes: No blockDeviceMappings entry declares an EBS volume, so the root volume follows the AMI snapshot. Declare it with encrypted: "true".',
    ]);
    const disabled = [{ ...account()[0]!, props: { enabled: false } }, account()[1]!, ...relying];
    expect(messages(disabled)).toHaveLength(3);
  });

  it("flags the AWS-managed key when no default key or aws/ebs is the default", () => {
    expect(messages([account()[0]!, ...relying])).toEqual([
      "data: kmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
      "node: aws.ebs.DefaultKmsKey is not set, so the AWS-managed key is used. Name a customer-managed key.",
      "nodes: aws.ebs.DefaultKmsKey is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
    expect(messages([...account("alias/aws/ebs"), ...relying])).toEqual([
      'data: aws.ebs.DefaultKmsKey keyArn is "alias/aws/ebs", an AWS-managed key. Name a customer-managed key.',
      'node: aws.ebs.DefaultKmsKey keyArn is "alias/aws/ebs", an AWS-managed key. Name a customer-managed key.',
      'nodes: aws.ebs.DefaultKmsKey keyArn is "alias/aws/ebs", an AWS-managed key. Name a customer-managed key.',
    ]);
  });

  it("still judges a key a resource names itself", () => {
    const own: StackResourceInput = {
      type: VOLUME,
      name: "own",
      props: { encrypted: true, kmsKeyId: "alias/aws/ebs" },
    };
    expect(messages([...account(), own])).toEqual([
      'own: kmsKeyId is "alias/aws/ebs", an AWS-managed key. Name a customer-managed key.',
    ]);
  });
});
