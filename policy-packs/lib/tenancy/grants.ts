/**
 * The resources that grant or admit access (IAM, key and bucket policies, GCP IAM bindings,
 * Kubernetes role bindings and NetworkPolicies), the properties that hold what they grant, and
 * the property that names the resource they attach to (whose tenant they belong to).
 */
export interface GrantType {
  /** Properties whose strings (JSON documents parsed) name principals, resources or namespaces. */
  readonly scan: readonly string[];
  /** The property naming the resource the grant attaches to (a role, a bucket, a key). */
  readonly attach?: string;
}

const AWS_GRANTS: Readonly<Record<string, GrantType>> = {
  "aws:iam/policy:Policy": { scan: ["policy"] },
  "aws:iam/role:Role": { scan: ["assumeRolePolicy", "inlinePolicies", "managedPolicyArns"] },
  "aws:iam/rolePolicy:RolePolicy": { scan: ["policy"], attach: "role" },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { scan: ["policyArn"], attach: "role" },
  "aws:iam/userPolicy:UserPolicy": { scan: ["policy"], attach: "user" },
  "aws:iam/groupPolicy:GroupPolicy": { scan: ["policy"], attach: "group" },
  "aws:kms/key:Key": { scan: ["policy"] },
  "aws:kms/keyPolicy:KeyPolicy": { scan: ["policy"], attach: "keyId" },
  "aws:kms/grant:Grant": { scan: ["granteePrincipal", "retiringPrincipal"], attach: "keyId" },
  "aws:s3/bucketPolicy:BucketPolicy": { scan: ["policy"], attach: "bucket" },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    scan: ["roleArn", "namespace"],
    attach: "clusterName",
  },
};

const GCP_MEMBER_SCAN = ["member", "members", "policyData"];
const gcpIam = (attach: string): GrantType => ({ scan: GCP_MEMBER_SCAN, attach });

const GCP_GRANTS: Readonly<Record<string, GrantType>> = {
  "gcp:storage/bucketIAMMember:BucketIAMMember": gcpIam("bucket"),
  "gcp:storage/bucketIAMBinding:BucketIAMBinding": gcpIam("bucket"),
  "gcp:storage/bucketIAMPolicy:BucketIAMPolicy": gcpIam("bucket"),
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": gcpIam("cryptoKeyId"),
  "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding": gcpIam("cryptoKeyId"),
  "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy": gcpIam("cryptoKeyId"),
  "gcp:kms/keyRingIAMMember:KeyRingIAMMember": gcpIam("keyRingId"),
  "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding": gcpIam("keyRingId"),
  "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy": gcpIam("keyRingId"),
  "gcp:serviceaccount/iAMMember:IAMMember": gcpIam("serviceAccountId"),
  "gcp:serviceaccount/iAMBinding:IAMBinding": gcpIam("serviceAccountId"),
  "gcp:serviceaccount/iAMPolicy:IAMPolicy": gcpIam("serviceAccountId"),
  "gcp:secretmanager/secretIamMember:SecretIamMember": gcpIam("secretId"),
  "gcp:secretmanager/secretIamBinding:SecretIamBinding": gcpIam("secretId"),
  "gcp:projects/iAMMember:IAMMember": { scan: ["member", "condition"] },
  "gcp:projects/iAMBinding:IAMBinding": { scan: ["members", "condition"] },
};

/** Grant types by token; Kubernetes bindings and NetworkPolicies are judged by kubernetes.ts. */
export const GRANT_TYPES: Readonly<Record<string, GrantType>> = { ...AWS_GRANTS, ...GCP_GRANTS };

export const GRANT_TOKENS: readonly string[] = Object.keys(GRANT_TYPES);
