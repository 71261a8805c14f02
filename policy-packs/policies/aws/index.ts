import type { EnclavePolicy } from "../../lib/define";
import backupVaultEnableLock from "./aws-backup-vault-enable-lock";
import cloudtrailTrailConfigureCmk from "./aws-cloudtrail-trail-configure-cmk";
import cloudtrailTrailEnableLogValidation from "./aws-cloudtrail-trail-enable-log-validation";
import cloudtrailTrailRequireLockedBucket from "./aws-cloudtrail-trail-require-locked-bucket";
import cloudwatchLoggroupConfigureCmk from "./aws-cloudwatch-loggroup-configure-cmk";
import cloudwatchLoggroupConfigureRetention from "./aws-cloudwatch-loggroup-configure-retention";
import ebsVolumeEnableEncryption from "./aws-ebs-volume-enable-encryption";
import ec2DefaultsecuritygroupDisallowRules from "./aws-ec2-defaultsecuritygroup-disallow-rules";
import ec2InstanceDisallowPublicIp from "./aws-ec2-instance-disallow-public-ip";
import ec2InstanceEnableEbsEncryption from "./aws-ec2-instance-enable-ebs-encryption";
import ec2InstanceEnforceImdsv2 from "./aws-ec2-instance-enforce-imdsv2";
import ec2SecuritygroupDisallowPublicIngress from "./aws-ec2-securitygroup-disallow-public-ingress";
import ec2SecuritygroupDisallowUnrestrictedEgress from "./aws-ec2-securitygroup-disallow-unrestricted-egress";
import ec2SubnetDisallowPublicIpOnLaunch from "./aws-ec2-subnet-disallow-public-ip-on-launch";
import ec2VpcEnableFlowLogs from "./aws-ec2-vpc-enable-flow-logs";
import ec2VpcendpointRequirePolicy from "./aws-ec2-vpcendpoint-require-policy";
import ec2VpcendpointRestrictS3BucketOwner from "./aws-ec2-vpcendpoint-restrict-s3-bucket-owner";
import ecrRepositoryConfigureCmk from "./aws-ecr-repository-configure-cmk";
import ecrRepositoryConfigureLifecyclePolicy from "./aws-ecr-repository-configure-lifecycle-policy";
import ecrRepositoryDisallowMutableTags from "./aws-ecr-repository-disallow-mutable-tags";
import ecrRepositoryEnableScanOnPush from "./aws-ecr-repository-enable-scan-on-push";
import ecrRepositorypolicyDisallowPublicPrincipal from "./aws-ecr-repositorypolicy-disallow-public-principal";
import eksAccesspolicyassociationRestrictClusterAdmin from "./aws-eks-accesspolicyassociation-restrict-cluster-admin";
import eksClusterDisallowPublicEndpoint from "./aws-eks-cluster-disallow-public-endpoint";
import eksClusterEnableControlPlaneLogging from "./aws-eks-cluster-enable-control-plane-logging";
import eksClusterEnableSecretsEncryption from "./aws-eks-cluster-enable-secrets-encryption";
import eksClusterEnforceAccessEntries from "./aws-eks-cluster-enforce-access-entries";
import eksClusterEnforceNetworkPolicy from "./aws-eks-cluster-enforce-network-policy";
import eksClusterRequireLogShipping from "./aws-eks-cluster-require-log-shipping";
import eksNodegroupDisallowRemoteAccess from "./aws-eks-nodegroup-disallow-remote-access";
import eksNodegroupRequireLaunchTemplate from "./aws-eks-nodegroup-require-launch-template";
import guarddutyDetectorEnableProtection from "./aws-guardduty-detector-enable-protection";
import guarddutyDetectorRequireEnabled from "./aws-guardduty-detector-require-enabled";
import iamAccesskeyDisallowLongLivedKeys from "./aws-iam-accesskey-disallow-long-lived-keys";
import iamAttachmentDisallowAdminPolicies from "./aws-iam-attachment-disallow-admin-policies";
import iamPolicyDisallowAdmin from "./aws-iam-policy-disallow-admin";
import iamPolicyDisallowWildcardActions from "./aws-iam-policy-disallow-wildcard-actions";
import iamPolicyDisallowWildcardResources from "./aws-iam-policy-disallow-wildcard-resources";
import iamRoleConfigureOidcSubject from "./aws-iam-role-configure-oidc-subject";
import iamRoleDisallowPublicTrust from "./aws-iam-role-disallow-public-trust";
import iamRoleDisallowUnconditionalRootTrust from "./aws-iam-role-disallow-unconditional-root-trust";
import iamUserDisallowDirectPolicies from "./aws-iam-user-disallow-direct-policies";
import kmsKeyConfigureDeletionWindow from "./aws-kms-key-configure-deletion-window";
import kmsKeyDisallowBypassLockoutCheck from "./aws-kms-key-disallow-bypass-lockout-check";
import kmsKeyDisallowPublicPrincipal from "./aws-kms-key-disallow-public-principal";
import kmsKeyEnableRotation from "./aws-kms-key-enable-rotation";
import lbListenerConfigureModernTls from "./aws-lb-listener-configure-modern-tls";
import lbListenerDisallowPlainHttp from "./aws-lb-listener-disallow-plain-http";
import lbListenerruleDisallowPlainHttp from "./aws-lb-listenerrule-disallow-plain-http";
import lbLoadbalancerConfigureDesyncMitigation from "./aws-lb-loadbalancer-configure-desync-mitigation";
import lbLoadbalancerConfigureWaf from "./aws-lb-loadbalancer-configure-waf";
import lbLoadbalancerEnableAccessLogs from "./aws-lb-loadbalancer-enable-access-logs";
import lbLoadbalancerEnableDeletionProtection from "./aws-lb-loadbalancer-enable-deletion-protection";
import lbLoadbalancerEnableDropInvalidHeaders from "./aws-lb-loadbalancer-enable-drop-invalid-headers";
import rdsDatabaseConfigureBackupRetention from "./aws-rds-database-configure-backup-retention";
import rdsDatabaseConfigureMasterSecretCmk from "./aws-rds-database-configure-master-secret-cmk";
import rdsDatabaseDisallowPlaintextPassword from "./aws-rds-database-disallow-plaintext-password";
import rdsDatabaseDisallowPublicAccess from "./aws-rds-database-disallow-public-access";
import rdsDatabaseEnableAuditLogging from "./aws-rds-database-enable-audit-logging";
import rdsDatabaseEnableDeletionProtection from "./aws-rds-database-enable-deletion-protection";
import rdsDatabaseEnableMultiAz from "./aws-rds-database-enable-multi-az";
import rdsDatabaseEnableEnhancedMonitoring from "./aws-rds-database-enable-enhanced-monitoring";
import rdsDatabaseEnableIamAuthentication from "./aws-rds-database-enable-iam-authentication";
import rdsDatabaseEnablePerformanceInsightsEncryption from "./aws-rds-database-enable-performance-insights-encryption";
import rdsDatabaseRequireBackupPlan from "./aws-rds-database-require-backup-plan";
import rdsDatabaseEnableStorageEncryption from "./aws-rds-database-enable-storage-encryption";
import rdsDatabaseRequireTlsParameterGroup from "./aws-rds-database-require-tls-parameter-group";
import rdsParametergroupEnablePgaudit from "./aws-rds-parametergroup-enable-pgaudit";
import rdsParametergroupEnforceTls from "./aws-rds-parametergroup-enforce-tls";
import rdsParametergroupReviewStatementLogging from "./aws-rds-parametergroup-review-statement-logging";
import s3BucketDisableAcls from "./aws-s3-bucket-disable-acls";
import s3BucketDisallowPublicAcl from "./aws-s3-bucket-disallow-public-acl";
import s3BucketEnableAccessLogging from "./aws-s3-bucket-enable-access-logging";
import s3BucketEnableKmsEncryption from "./aws-s3-bucket-enable-kms-encryption";
import s3BucketEnablePublicAccessBlock from "./aws-s3-bucket-enable-public-access-block";
import s3BucketEnableVersioning from "./aws-s3-bucket-enable-versioning";
import s3BucketEnableObjectLockCompliance from "./aws-s3-bucket-enable-object-lock-compliance";
import s3BucketRequireTrailDataEvents from "./aws-s3-bucket-require-trail-data-events";
import s3BucketEnforcePrincipalPerimeter from "./aws-s3-bucket-enforce-principal-perimeter";
import s3BucketEnforceSecureTransport from "./aws-s3-bucket-enforce-secure-transport";
import s3BucketpolicyDisallowPublicPrincipal from "./aws-s3-bucketpolicy-disallow-public-principal";
import secretsmanagerSecretConfigureCmk from "./aws-secretsmanager-secret-configure-cmk";
import secretsmanagerSecretConfigureRecoveryWindow from "./aws-secretsmanager-secret-configure-recovery-window";
import secretsmanagerSecretEnableRotation from "./aws-secretsmanager-secret-enable-rotation";
import secretsmanagerSecretpolicyDisallowPublicPrincipal from "./aws-secretsmanager-secretpolicy-disallow-public-principal";

/** Every aws policy, one per file in this folder. */
export const awsPolicies: EnclavePolicy[] = [
  backupVaultEnableLock,
  cloudtrailTrailConfigureCmk,
  cloudtrailTrailEnableLogValidation,
  cloudtrailTrailRequireLockedBucket,
  cloudwatchLoggroupConfigureCmk,
  cloudwatchLoggroupConfigureRetention,
  ebsVolumeEnableEncryption,
  ec2DefaultsecuritygroupDisallowRules,
  ec2InstanceDisallowPublicIp,
  ec2InstanceEnableEbsEncryption,
  ec2InstanceEnforceImdsv2,
  ec2SecuritygroupDisallowPublicIngress,
  ec2SecuritygroupDisallowUnrestrictedEgress,
  ec2SubnetDisallowPublicIpOnLaunch,
  ec2VpcEnableFlowLogs,
  ec2VpcendpointRequirePolicy,
  ec2VpcendpointRestrictS3BucketOwner,
  ecrRepositoryConfigureCmk,
  ecrRepositoryConfigureLifecyclePolicy,
  ecrRepositoryDisallowMutableTags,
  ecrRepositoryEnableScanOnPush,
  ecrRepositorypolicyDisallowPublicPrincipal,
  eksAccesspolicyassociationRestrictClusterAdmin,
  eksClusterDisallowPublicEndpoint,
  eksClusterEnableControlPlaneLogging,
  eksClusterEnableSecretsEncryption,
  eksClusterEnforceAccessEntries,
  eksClusterEnforceNetworkPolicy,
  eksClusterRequireLogShipping,
  eksNodegroupDisallowRemoteAccess,
  eksNodegroupRequireLaunchTemplate,
  guarddutyDetectorEnableProtection,
  guarddutyDetectorRequireEnabled,
  iamAccesskeyDisallowLongLivedKeys,
  iamAttachmentDisallowAdminPolicies,
  iamPolicyDisallowAdmin,
  iamPolicyDisallowWildcardActions,
  iamPolicyDisallowWildcardResources,
  iamRoleConfigureOidcSubject,
  iamRoleDisallowPublicTrust,
  iamRoleDisallowUnconditionalRootTrust,
  iamUserDisallowDirectPolicies,
  kmsKeyConfigureDeletionWindow,
  kmsKeyDisallowBypassLockoutCheck,
  kmsKeyDisallowPublicPrincipal,
  kmsKeyEnableRotation,
  lbListenerConfigureModernTls,
  lbListenerDisallowPlainHttp,
  lbListenerruleDisallowPlainHttp,
  lbLoadbalancerConfigureDesyncMitigation,
  lbLoadbalancerConfigureWaf,
  lbLoadbalancerEnableAccessLogs,
  lbLoadbalancerEnableDeletionProtection,
  lbLoadbalancerEnableDropInvalidHeaders,
  rdsDatabaseConfigureBackupRetention,
  rdsDatabaseConfigureMasterSecretCmk,
  rdsDatabaseDisallowPlaintextPassword,
  rdsDatabaseDisallowPublicAccess,
  rdsDatabaseEnableAuditLogging,
  rdsDatabaseEnableDeletionProtection,
  rdsDatabaseEnableMultiAz,
  rdsDatabaseEnableEnhancedMonitoring,
  rdsDatabaseEnableIamAuthentication,
  rdsDatabaseEnablePerformanceInsightsEncryption,
  rdsDatabaseEnableStorageEncryption,
  rdsDatabaseRequireBackupPlan,
  rdsDatabaseRequireTlsParameterGroup,
  rdsParametergroupEnablePgaudit,
  rdsParametergroupEnforceTls,
  rdsParametergroupReviewStatementLogging,
  s3BucketDisableAcls,
  s3BucketDisallowPublicAcl,
  s3BucketEnableAccessLogging,
  s3BucketEnableKmsEncryption,
  s3BucketEnablePublicAccessBlock,
  s3BucketEnableVersioning,
  s3BucketEnableObjectLockCompliance,
  s3BucketEnforcePrincipalPerimeter,
  s3BucketRequireTrailDataEvents,
  s3BucketEnforceSecureTransport,
  s3BucketpolicyDisallowPublicPrincipal,
  secretsmanagerSecretConfigureCmk,
  secretsmanagerSecretConfigureRecoveryWindow,
  secretsmanagerSecretEnableRotation,
  secretsmanagerSecretpolicyDisallowPublicPrincipal,
];
