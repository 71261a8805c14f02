import { resourcePolicy } from "../../lib/define";
import { get, strings } from "../../lib/props";
import { cisEks, customerKeyProblem } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-eks-cluster-enable-secrets-encryption",
  description:
    "An EKS cluster must envelope-encrypt Kubernetes Secrets with a customer-managed KMS key. Without it, Secrets in etcd and its backups are protected only by the platform's default encryption, and the stack cannot revoke or audit access to them through the key.",
  severity: "high",
  remediation:
    'Set encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } } on the aws.eks.Cluster, with a rotated customer-managed key.',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisEks("5.3.1") },
  concern: "encryption",
  resourceTypes: ["aws:eks/cluster:Cluster"],
  check({ props }, report) {
    const config = props.encryptionConfig;
    if (!strings(get(config, "resources")).includes("secrets")) {
      report(
        'encryptionConfig does not cover "secrets": Kubernetes Secrets are not envelope-encrypted. Add encryptionConfig with resources ["secrets"] and a KMS key.',
      );
      return;
    }
    const keyProblem = customerKeyProblem(
      get(config, "provider.keyArn"),
      "encryptionConfig.provider.keyArn",
    );
    if (keyProblem) {
      report(`${keyProblem}. Name a customer-managed key.`);
    }
  },
});
