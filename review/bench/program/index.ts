import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

// The bench's synthetic program: per tenant, 13 resources across AWS and Kubernetes, with
// references between them (a key used by a bucket's encryption, a namespace named by its
// workloads). `bench:tenants` sets the size, so one program gives 100, 1,000 and 5,000 resources.
const tenants = new pulumi.Config("bench").requireNumber("tenants");
const IMAGE =
  "registry.k8s.io/pause@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097";

for (let i = 0; i < tenants; i++) {
  const key = new aws.kms.Key(
    `t${i}-storage`,
    { enableKeyRotation: true, deletionWindowInDays: 30 },
    { protect: true },
  );
  const bucket = new aws.s3.BucketV2(`t${i}-data`, {}, { protect: true });
  new aws.s3.BucketServerSideEncryptionConfigurationV2(`t${i}-data`, {
    bucket: bucket.id,
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
        bucketKeyEnabled: true,
      },
    ],
  });
  new aws.s3.BucketPublicAccessBlock(`t${i}-data`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketVersioningV2(`t${i}-data`, {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  const ns = new k8s.core.v1.Namespace(`t${i}`, {
    metadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
  });
  for (const app of ["api", "worker", "ui"]) {
    const labels = { app };
    new k8s.apps.v1.Deployment(`t${i}-${app}`, {
      metadata: { namespace: ns.metadata.name },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: app,
                image: IMAGE,
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                resources: { limits: { cpu: "100m", memory: "64Mi" } },
              },
            ],
          },
        },
      },
    });
    new k8s.core.v1.Service(`t${i}-${app}`, {
      metadata: { namespace: ns.metadata.name },
      spec: { selector: labels, ports: [{ port: 80 }] },
    });
  }
  new k8s.networking.v1.NetworkPolicy(`t${i}-default-deny`, {
    metadata: { namespace: ns.metadata.name },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
}
