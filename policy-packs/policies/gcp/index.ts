import type { EnclavePolicy } from "../../lib/define";
import computeFirewallRestrictPublicIngress from "./gcp-compute-firewall-restrict-public-ingress";
import computeSubnetworkEnableFlowLogs from "./gcp-compute-subnetwork-enable-flow-logs";
import containerClusterDisallowClientCertificate from "./gcp-container-cluster-disallow-client-certificate";
import containerClusterDisallowLegacyAbac from "./gcp-container-cluster-disallow-legacy-abac";
import containerClusterEnableBinaryAuthorization from "./gcp-container-cluster-enable-binary-authorization";
import containerClusterEnableDeletionProtection from "./gcp-container-cluster-enable-deletion-protection";
import containerClusterEnableIntranodeVisibility from "./gcp-container-cluster-enable-intranode-visibility";
import containerClusterEnableLoggingMonitoring from "./gcp-container-cluster-enable-logging-monitoring";
import containerClusterEnableNetworkPolicy from "./gcp-container-cluster-enable-network-policy";
import containerClusterEnablePrivateNodes from "./gcp-container-cluster-enable-private-nodes";
import containerClusterEnableReleaseChannel from "./gcp-container-cluster-enable-release-channel";
import containerClusterEnableSecretsEncryption from "./gcp-container-cluster-enable-secrets-encryption";
import containerClusterEnableSecurityPosture from "./gcp-container-cluster-enable-security-posture";
import containerClusterEnableShieldedNodes from "./gcp-container-cluster-enable-shielded-nodes";
import containerClusterEnableWorkloadIdentity from "./gcp-container-cluster-enable-workload-identity";
import containerClusterRestrictControlPlaneAccess from "./gcp-container-cluster-restrict-control-plane-access";
import containerNodepoolDisallowDefaultServiceAccount from "./gcp-container-nodepool-disallow-default-service-account";
import containerNodepoolEnableAutoRepairUpgrade from "./gcp-container-nodepool-enable-auto-repair-upgrade";
import containerNodepoolEnableGkeMetadataServer from "./gcp-container-nodepool-enable-gke-metadata-server";
import containerNodepoolEnableShieldedInstance from "./gcp-container-nodepool-enable-shielded-instance";
import containerNodepoolEncryptBootDisk from "./gcp-container-nodepool-encrypt-boot-disk";
import containerNodepoolRequireCosContainerd from "./gcp-container-nodepool-require-cos-containerd";
import iamBindingDisallowBasicRoles from "./gcp-iam-binding-disallow-basic-roles";
import iamBindingDisallowDefaultComputeServiceAccount from "./gcp-iam-binding-disallow-default-compute-service-account";
import iamBindingDisallowServiceAccountAdminRoles from "./gcp-iam-binding-disallow-service-account-admin-roles";
import iamBindingDisallowServiceAccountImpersonation from "./gcp-iam-binding-disallow-service-account-impersonation";
import kmsCryptokeyConfigureDestroyDelay from "./gcp-kms-cryptokey-configure-destroy-delay";
import kmsCryptokeyDisallowPublicMembers from "./gcp-kms-cryptokey-disallow-public-members";
import kmsCryptokeyEnableRotation from "./gcp-kms-cryptokey-enable-rotation";
import serviceaccountKeyDisallowUserManaged from "./gcp-serviceaccount-key-disallow-user-managed";
import sqlDatabaseinstanceDisallowPublicIp from "./gcp-sql-databaseinstance-disallow-public-ip";
import sqlDatabaseinstanceEnableBackups from "./gcp-sql-databaseinstance-enable-backups";
import sqlDatabaseinstanceEnableConnectionLogging from "./gcp-sql-databaseinstance-enable-connection-logging";
import sqlDatabaseinstanceEnableDeletionProtection from "./gcp-sql-databaseinstance-enable-deletion-protection";
import sqlDatabaseinstanceEnableIamAuthentication from "./gcp-sql-databaseinstance-enable-iam-authentication";
import sqlDatabaseinstanceEnablePgaudit from "./gcp-sql-databaseinstance-enable-pgaudit";
import sqlDatabaseinstanceEncryptWithCmek from "./gcp-sql-databaseinstance-encrypt-with-cmek";
import sqlDatabaseinstanceRequireSsl from "./gcp-sql-databaseinstance-require-ssl";
import sqlDatabaseinstanceReviewStatementLogging from "./gcp-sql-databaseinstance-review-statement-logging";
import storageBucketDisallowForceDestroy from "./gcp-storage-bucket-disallow-force-destroy";
import storageBucketDisallowPublicMembers from "./gcp-storage-bucket-disallow-public-members";
import storageBucketEnableAccessLogging from "./gcp-storage-bucket-enable-access-logging";
import storageBucketEnableUniformAccess from "./gcp-storage-bucket-enable-uniform-access";
import storageBucketEnableVersioning from "./gcp-storage-bucket-enable-versioning";
import storageBucketEncryptWithCmek from "./gcp-storage-bucket-encrypt-with-cmek";
import storageBucketEnableLockedRetention from "./gcp-storage-bucket-enable-locked-retention";
import storageBucketRequireDataAccessLogs from "./gcp-storage-bucket-require-data-access-logs";
import storageBucketEnforcePublicAccessPrevention from "./gcp-storage-bucket-enforce-public-access-prevention";

/** Every gcp policy, one per file in this folder. */
export const gcpPolicies: EnclavePolicy[] = [
  computeFirewallRestrictPublicIngress,
  computeSubnetworkEnableFlowLogs,
  containerClusterDisallowClientCertificate,
  containerClusterDisallowLegacyAbac,
  containerClusterEnableBinaryAuthorization,
  containerClusterEnableDeletionProtection,
  containerClusterEnableIntranodeVisibility,
  containerClusterEnableLoggingMonitoring,
  containerClusterEnableNetworkPolicy,
  containerClusterEnablePrivateNodes,
  containerClusterEnableReleaseChannel,
  containerClusterEnableSecretsEncryption,
  containerClusterEnableSecurityPosture,
  containerClusterEnableShieldedNodes,
  containerClusterEnableWorkloadIdentity,
  containerClusterRestrictControlPlaneAccess,
  containerNodepoolDisallowDefaultServiceAccount,
  containerNodepoolEnableAutoRepairUpgrade,
  containerNodepoolEnableGkeMetadataServer,
  containerNodepoolEnableShieldedInstance,
  containerNodepoolEncryptBootDisk,
  containerNodepoolRequireCosContainerd,
  iamBindingDisallowBasicRoles,
  iamBindingDisallowDefaultComputeServiceAccount,
  iamBindingDisallowServiceAccountAdminRoles,
  iamBindingDisallowServiceAccountImpersonation,
  kmsCryptokeyConfigureDestroyDelay,
  kmsCryptokeyDisallowPublicMembers,
  kmsCryptokeyEnableRotation,
  serviceaccountKeyDisallowUserManaged,
  sqlDatabaseinstanceDisallowPublicIp,
  sqlDatabaseinstanceEnableBackups,
  sqlDatabaseinstanceEnableConnectionLogging,
  sqlDatabaseinstanceEnableDeletionProtection,
  sqlDatabaseinstanceEnableIamAuthentication,
  sqlDatabaseinstanceEnablePgaudit,
  sqlDatabaseinstanceEncryptWithCmek,
  sqlDatabaseinstanceRequireSsl,
  sqlDatabaseinstanceReviewStatementLogging,
  storageBucketDisallowForceDestroy,
  storageBucketDisallowPublicMembers,
  storageBucketEnableAccessLogging,
  storageBucketEnableUniformAccess,
  storageBucketEnableVersioning,
  storageBucketEncryptWithCmek,
  storageBucketEnforcePublicAccessPrevention,
  storageBucketRequireDataAccessLogs,
  storageBucketEnableLockedRetention,
];
