import type { EnclavePolicy } from "../../lib/define";
import corePodDisallowKeycloakBootstrapUser from "./kubernetes-core-pod-disallow-keycloak-bootstrap-user";
import admissionregistrationNamespaceRequireAdmissionPolicy from "./kubernetes-admissionregistration-namespace-require-admission-policy";
import coreConfigmapDisallowSecrets from "./kubernetes-core-configmap-disallow-secrets";
import coreConfigmapDisallowTlsVerifyOff from "./kubernetes-core-configmap-disallow-tls-verify-off";
import coreNamespaceEnforceRestrictedPss from "./kubernetes-core-namespace-enforce-restricted-pss";
import coreNamespaceRequireDefaultDeny from "./kubernetes-core-namespace-require-default-deny";
import corePodDisableTokenAutomount from "./kubernetes-core-pod-disable-token-automount";
import corePodDisallowHostNamespaces from "./kubernetes-core-pod-disallow-host-namespaces";
import corePodDisallowHostPath from "./kubernetes-core-pod-disallow-host-path";
import corePodDisallowHostPorts from "./kubernetes-core-pod-disallow-host-ports";
import corePodDisallowHostProcess from "./kubernetes-core-pod-disallow-host-process";
import corePodDisallowPrivilegeEscalation from "./kubernetes-core-pod-disallow-privilege-escalation";
import corePodDisallowPrivileged from "./kubernetes-core-pod-disallow-privileged";
import corePodDisallowProbeHost from "./kubernetes-core-pod-disallow-probe-host";
import corePodDisallowRootUser from "./kubernetes-core-pod-disallow-root-user";
import corePodDisallowSecretEnvValues from "./kubernetes-core-pod-disallow-secret-env-values";
import corePodDisallowTlsVerifyOff from "./kubernetes-core-pod-disallow-tls-verify-off";
import corePodDisallowUnverifiedRabbitmqClient from "./kubernetes-core-pod-disallow-unverified-rabbitmq-client";
import corePodConfigureSignedUrlLifetime from "./kubernetes-core-pod-configure-signed-url-lifetime";
import corePodDisallowUnconfinedSeccomp from "./kubernetes-core-pod-disallow-unconfined-seccomp";
import corePodDropAllCapabilities from "./kubernetes-core-pod-drop-all-capabilities";
import corePodRequireImageDigest from "./kubernetes-core-pod-require-image-digest";
import corePodRequireResourceLimits from "./kubernetes-core-pod-require-resource-limits";
import corePodRequireRunAsNonRoot from "./kubernetes-core-pod-require-run-as-non-root";
import corePodRequireSeccompProfile from "./kubernetes-core-pod-require-seccomp-profile";
import corePodRestrictAddedCapabilities from "./kubernetes-core-pod-restrict-added-capabilities";
import corePodRestrictApparmor from "./kubernetes-core-pod-restrict-apparmor";
import corePodRestrictImageRegistries from "./kubernetes-core-pod-restrict-image-registries";
import corePodRestrictProcMount from "./kubernetes-core-pod-restrict-proc-mount";
import corePodRestrictSelinux from "./kubernetes-core-pod-restrict-selinux";
import corePodRestrictSysctls from "./kubernetes-core-pod-restrict-sysctls";
import corePodRestrictVolumeTypes from "./kubernetes-core-pod-restrict-volume-types";
import coreSecretDisallowTlsVerifyOff from "./kubernetes-core-secret-disallow-tls-verify-off";
import coreSecretRequireRealmEvents from "./kubernetes-core-secret-require-realm-events";
import coreSecretRequireRealmOtp from "./kubernetes-core-secret-require-realm-otp";
import coreSecretRestrictRealmFederation from "./kubernetes-core-secret-restrict-realm-federation";
import coreServiceDisallowExternalIps from "./kubernetes-core-service-disallow-external-ips";
import coreServiceDisallowNodePort from "./kubernetes-core-service-disallow-node-port";
import coreServiceRestrictLoadBalancerSourceRanges from "./kubernetes-core-service-restrict-load-balancer-source-ranges";
import coreServiceaccountDisableTokenAutomount from "./kubernetes-core-serviceaccount-disable-token-automount";
import helmReleaseRequireVisibleWorkloads from "./kubernetes-helm-release-require-visible-workloads";
import networkingIngressRequireTls from "./kubernetes-networking-ingress-require-tls";
import networkingNetworkpolicyDisallowInternetEgress from "./kubernetes-networking-networkpolicy-disallow-internet-egress";
import rbacBindingDisallowClusterAdmin from "./kubernetes-rbac-binding-disallow-cluster-admin";
import rbacRoleDisallowEscalationVerbs from "./kubernetes-rbac-role-disallow-escalation-verbs";
import rbacRoleDisallowWildcards from "./kubernetes-rbac-role-disallow-wildcards";
import rbacRoleRestrictCredentialReads from "./kubernetes-rbac-role-restrict-credential-reads";
import rbacRoleRestrictSecretReads from "./kubernetes-rbac-role-restrict-secret-reads";
import traefikMiddlewareRestrictIpAllowlist from "./kubernetes-traefik-middleware-restrict-ip-allowlist";
import rbacRoleDisallowDangerousSubresources from "./kubernetes-rbac-role-disallow-dangerous-subresources";
import rbacBindingDisallowSystemGroups from "./kubernetes-rbac-binding-disallow-system-groups";
import corePodRequireReadonlyRootFilesystem from "./kubernetes-core-pod-require-readonly-root-filesystem";
import corePodDisallowDefaultServiceAccount from "./kubernetes-core-pod-disallow-default-service-account";
import corePodDisallowCredentialValues from "./kubernetes-core-pod-disallow-credential-values";
import coreSecretDisallowServiceAccountToken from "./kubernetes-core-secret-disallow-service-account-token";

/**
 * Every kubernetes policy, one per file in this folder (file name = policy name).
 *
 * - workload-security: the whole Pod Security Standards, baseline and restricted, one policy per
 *   control (kubernetes-core-pod-*), judged on Pods and every pod-template owner in every
 *   apiVersion (and their ...Patch twins, on explicitly set values); read-only root file systems;
 *   namespaces enforcing restricted Pod Security Admission; resource limits (advisory).
 * - least-privilege: RBAC wildcards, escalate/bind/impersonate, Secret reads without
 *   resourceNames (critical where the namespace holds credentials or a CA key), grants that reach
 *   other identities (pods/exec, nodes/proxy, pod creation, token minting, webhooks, CSR
 *   approval), cluster-admin bindings and bindings to system:* groups, API token automount on
 *   ServiceAccounts and pods, pods on the default service account, long-lived token Secrets.
 * - network-exposure: LoadBalancer source ranges, Traefik IP allowlists, NodePort, externalIPs, default-deny
 *   NetworkPolicy per namespace, NetworkPolicies allowing egress to the internet.
 * - encryption: Ingress TLS for every host; secrets in ConfigMaps and literal env values, by name
 *   and by credential format (URLs with a password, private keys, cloud and SaaS tokens). Those
 *   two are filed under encryption because the harm is secret material stored and shown in
 *   clear, outside the KMS envelope encryption that covers Secret objects only. Client and broker
 *   settings in env values, ConfigMaps and Secrets that turn TLS certificate verification off.
 * - supply-chain: images pinned by digest and pulled from allowed registries; Helm releases and
 *   charts whose rendered workloads the packs cannot see (advisory).
 */
export const kubernetesPolicies: EnclavePolicy[] = [
  admissionregistrationNamespaceRequireAdmissionPolicy,
  coreConfigmapDisallowSecrets,
  coreConfigmapDisallowTlsVerifyOff,
  corePodDisallowCredentialValues,
  corePodDisallowDefaultServiceAccount,
  corePodDisallowKeycloakBootstrapUser,
  coreNamespaceEnforceRestrictedPss,
  coreNamespaceRequireDefaultDeny,
  corePodDisableTokenAutomount,
  corePodDisallowHostNamespaces,
  corePodDisallowHostPath,
  corePodDisallowHostPorts,
  corePodDisallowHostProcess,
  corePodDisallowPrivilegeEscalation,
  corePodDisallowPrivileged,
  corePodDisallowProbeHost,
  corePodDisallowRootUser,
  corePodDisallowSecretEnvValues,
  corePodDisallowTlsVerifyOff,
  corePodDisallowUnverifiedRabbitmqClient,
  corePodConfigureSignedUrlLifetime,
  corePodDisallowUnconfinedSeccomp,
  corePodDropAllCapabilities,
  corePodRequireImageDigest,
  corePodRequireReadonlyRootFilesystem,
  corePodRequireResourceLimits,
  corePodRequireRunAsNonRoot,
  corePodRequireSeccompProfile,
  corePodRestrictAddedCapabilities,
  corePodRestrictApparmor,
  corePodRestrictImageRegistries,
  corePodRestrictProcMount,
  corePodRestrictSelinux,
  corePodRestrictSysctls,
  corePodRestrictVolumeTypes,
  coreSecretDisallowServiceAccountToken,
  coreSecretDisallowTlsVerifyOff,
  coreSecretRequireRealmEvents,
  coreSecretRequireRealmOtp,
  coreSecretRestrictRealmFederation,
  coreServiceDisallowExternalIps,
  coreServiceDisallowNodePort,
  coreServiceRestrictLoadBalancerSourceRanges,
  coreServiceaccountDisableTokenAutomount,
  helmReleaseRequireVisibleWorkloads,
  networkingIngressRequireTls,
  networkingNetworkpolicyDisallowInternetEgress,
  rbacBindingDisallowClusterAdmin,
  rbacBindingDisallowSystemGroups,
  rbacRoleDisallowDangerousSubresources,
  rbacRoleDisallowEscalationVerbs,
  rbacRoleDisallowWildcards,
  rbacRoleRestrictCredentialReads,
  rbacRoleRestrictSecretReads,
  traefikMiddlewareRestrictIpAllowlist,
];
