/**
 * Type tokens of the `gcp` provider (@pulumi/gcp 9.x) that enclave's GCP policies judge. Policies
 * never import the provider SDK; these strings are its `__pulumiType`s.
 */
export const GCP = {
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
  bucket: "gcp:storage/bucket:Bucket",
  bucketIamMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
  bucketIamBinding: "gcp:storage/bucketIAMBinding:BucketIAMBinding",
  bucketIamPolicy: "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
  bucketAcl: "gcp:storage/bucketACL:BucketACL",
  bucketAccessControl: "gcp:storage/bucketAccessControl:BucketAccessControl",
  defaultObjectAcl: "gcp:storage/defaultObjectACL:DefaultObjectACL",
  defaultObjectAccessControl: "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
  objectAcl: "gcp:storage/objectACL:ObjectACL",
  objectAccessControl: "gcp:storage/objectAccessControl:ObjectAccessControl",
  cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
  cryptoKeyIamMember: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  cryptoKeyIamBinding: "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
  cryptoKeyIamPolicy: "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy",
  keyRingIamMember: "gcp:kms/keyRingIAMMember:KeyRingIAMMember",
  keyRingIamBinding: "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding",
  keyRingIamPolicy: "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy",
  firewall: "gcp:compute/firewall:Firewall",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  projectIamMember: "gcp:projects/iAMMember:IAMMember",
  projectIamBinding: "gcp:projects/iAMBinding:IAMBinding",
  projectIamPolicy: "gcp:projects/iAMPolicy:IAMPolicy",
  projectIamAuditConfig: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
  folderIamAuditConfig: "gcp:folder/iamAuditConfig:IamAuditConfig",
  organizationIamAuditConfig: "gcp:organizations/iamAuditConfig:IamAuditConfig",
  folderIamMember: "gcp:folder/iAMMember:IAMMember",
  folderIamBinding: "gcp:folder/iAMBinding:IAMBinding",
  folderIamPolicy: "gcp:folder/iAMPolicy:IAMPolicy",
  organizationIamMember: "gcp:organizations/iAMMember:IAMMember",
  organizationIamBinding: "gcp:organizations/iAMBinding:IAMBinding",
  organizationIamPolicy: "gcp:organizations/iAMPolicy:IAMPolicy",
  serviceAccountKey: "gcp:serviceaccount/key:Key",
  /** The token older provider versions used; @pulumi/gcp 9.x still aliases it. */
  serviceAccountKeyLegacy: "gcp:serviceAccount/key:Key",
} as const;

/** IAM grants at the resource-hierarchy levels (project, folder, organization), by type. */
export const HIERARCHY_IAM_TYPES: Readonly<Record<string, "project" | "folder" | "organization">> =
  {
    [GCP.projectIamMember]: "project",
    [GCP.projectIamBinding]: "project",
    [GCP.projectIamPolicy]: "project",
    [GCP.folderIamMember]: "folder",
    [GCP.folderIamBinding]: "folder",
    [GCP.folderIamPolicy]: "folder",
    [GCP.organizationIamMember]: "organization",
    [GCP.organizationIamBinding]: "organization",
    [GCP.organizationIamPolicy]: "organization",
  };
