import type { StackResourceInput } from "../../helpers/policy";

/**
 * Two dedicated tenants, acme and beta, as a platform sees them: each with its storage key, data
 * bucket and bucket policy, an IRSA role and its policy, a GCP bucket with an IAM member, its
 * namespace, a Secret, a NetworkPolicy and a RoleBinding, all marked as the kit marks them.
 */
export const ACCOUNT = "111122223333";
export const KEY_IDS = {
  acme: "7bae29aa-5776-41a4-aebc-58bfbbc2016e",
  beta: "41ed77ca-b66a-49b6-a09f-23f9aa9c3be0",
} as const;
export type Tenant = keyof typeof KEY_IDS;

export const keyArn = (t: Tenant) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_IDS[t]}`;
export const bucketName = (t: Tenant) => `enclave-${t}-dev-data-${ACCOUNT}`;
export const roleArn = (t: Tenant) => `arn:aws:iam::${ACCOUNT}:role/enclave-${t}-dev-app-1a2b3c4`;

const tags = (t: string) => ({
  "enclave:tenant": t,
  "enclave:environment": "dev",
  "enclave:stack": `aws-${t}`,
  "managed-by": "pulumi",
});
const labels = (t: string, name: string) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/instance": t,
  "app.kubernetes.io/part-of": "enclave",
  "app.kubernetes.io/managed-by": "pulumi",
});

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

export function tenantResources(t: Tenant): StackResourceInput[] {
  const ns = `enclave-${t}`;
  return [
    {
      type: "aws:kms/key:Key",
      name: `${t}-storage-key`,
      props: {
        arn: keyArn(t),
        tags: tags(t),
        policy: doc({
          Sid: "AccountUseViaS3",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: {
            StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
            ArnLike: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/enclave/${t}/dev/*`] },
          },
        }),
      },
    },
    {
      type: "aws:s3/bucket:Bucket",
      name: `${t}-data`,
      props: { bucket: bucketName(t), arn: `arn:aws:s3:::${bucketName(t)}`, tags: tags(t) },
    },
    {
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: `${t}-data-policy`,
      props: {
        bucket: bucketName(t),
        policy: doc({
          Sid: "DenyOutsidePerimeter",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${bucketName(t)}`, `arn:aws:s3:::${bucketName(t)}/*`],
          Condition: { ArnNotLike: { "aws:PrincipalArn": [roleArn(t)] } },
        }),
      },
      propertyDependencies: { bucket: [`${t}-data`] },
    },
    {
      type: "aws:iam/role:Role",
      name: `${t}-app`,
      props: {
        namePrefix: `enclave-${t}-dev-app-`,
        arn: roleArn(t),
        tags: tags(t),
        assumeRolePolicy: doc({
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.example/id/1` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { "oidc.eks.example/id/1:sub": `system:serviceaccount:${ns}:app` },
          },
        }),
      },
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: `${t}-app-policy`,
      props: {
        role: `enclave-${t}-dev-app-1a2b3c4`,
        policy: doc(
          {
            Sid: "TenantObjects",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: `arn:aws:s3:::${bucketName(t)}/*`,
          },
          {
            Sid: "TenantKeyThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keyArn(t),
          },
        ),
      },
      propertyDependencies: { role: [`${t}-app`] },
    },
    {
      type: "gcp:storage/bucket:Bucket",
      name: `${t}-gcs`,
      props: { name: `enclave-${t}-dev-data`, labels: { "enclave-tenant": t } },
    },
    {
      type: "gcp:storage/bucketIAMMember:BucketIAMMember",
      name: `${t}-gcs-app`,
      props: {
        bucket: `enclave-${t}-dev-data`,
        role: "roles/storage.objectUser",
        member: `serviceAccount:enclave-${t}-dev-app@proj.iam.gserviceaccount.com`,
      },
      propertyDependencies: { bucket: [`${t}-gcs`] },
    },
    {
      type: "kubernetes:core/v1:Namespace",
      name: `${t}-namespace`,
      props: { metadata: { name: ns, labels: labels(t, "baseline") } },
    },
    {
      type: "kubernetes:core/v1:Secret",
      name: `${t}-db-secret`,
      props: { metadata: { name: "diffgram-db", namespace: ns, labels: labels(t, "diffgram") } },
    },
    {
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name: `${t}-app-netpol`,
      props: {
        metadata: { name: "app", namespace: ns, labels: labels(t, "network-policy") },
        spec: {
          podSelector: { matchLabels: { "app.kubernetes.io/name": "app" } },
          ingress: [
            { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } } }] },
          ],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { "kubernetes.io/metadata.name": "kube-system" },
                  },
                },
              ],
            },
          ],
        },
      },
    },
    {
      type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
      name: `${t}-operator-binding`,
      props: {
        metadata: { name: "tenant-operator", namespace: ns, labels: labels(t, "baseline") },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "tenant-operator" },
        subjects: [
          { kind: "Group", name: `${t}-operators`, apiGroup: "rbac.authorization.k8s.io" },
          { kind: "ServiceAccount", name: "app", namespace: ns },
        ],
      },
    },
  ];
}

/** Both tenants; `change` edits the named resource's props (one property per failing case). */
export function twoTenants(
  change: Record<string, (props: Record<string, any>) => void> = {},
): StackResourceInput[] {
  return [...tenantResources("acme"), ...tenantResources("beta")].map((r) => {
    const edit = change[r.name];
    if (!edit) {
      return r;
    }
    const props = structuredClone(r.props) as Record<string, any>;
    edit(props);
    return { ...r, props };
  });
}
