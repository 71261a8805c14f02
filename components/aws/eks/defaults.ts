/** Secure defaults of the enclave EKS cluster and its nodes, in one place. */

/** Every control-plane log type (CIS EKS 2.1.1 asks for audit at least; all five are on). */
export const CLUSTER_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;

/**
 * Access entries only (no aws-auth ConfigMap), and no implicit cluster-admin for whoever created
 * the cluster: admins are named roles with an access entry each.
 */
export const ACCESS_CONFIG = {
  authenticationMode: "API",
  bootstrapClusterCreatorAdminPermissions: false,
} as const;

/** The private endpoint is always on; the public one is off unless enclave:aws.publicApiEndpoint. */
export const ENDPOINT_PRIVATE_ACCESS = true;

/** Kubernetes secrets are envelope-encrypted with the cluster key. */
export const ENCRYPTED_RESOURCES = ["secrets"] as const;

/** Stay on standard support: EKS upgrades the control plane rather than billing extended support. */
export const UPGRADE_SUPPORT_TYPE = "STANDARD";

/**
 * Instance metadata: IMDSv2 only, and a hop limit of 1 so containers (one hop further) cannot
 * reach the node's credentials; instance tags are not exposed.
 */
export const METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
} as const;

/** Root volume of AL2023 nodes: gp3, encrypted with the volumes key, gone with the node. */
export const ROOT_DEVICE_NAME = "/dev/xvda";
export const ROOT_VOLUME = {
  volumeType: "gp3",
  encrypted: "true",
  deleteOnTermination: "true",
} as const;

export const CAPACITY_TYPE = "ON_DEMAND";

/** The managed add-ons the cluster runs, by their key in enclave:aws.addonVersions. */
export const EKS_ADDONS = {
  vpcCni: "vpc-cni",
  kubeProxy: "kube-proxy",
  coredns: "coredns",
  ebsCsiDriver: "aws-ebs-csi-driver",
} as const;
export type EksAddon = keyof typeof EKS_ADDONS;
export type AddonVersions = Readonly<Record<EksAddon, string>>;

/**
 * The add-on versions enclave pins per Kubernetes version, so a deployment runs what was reviewed
 * rather than what EKS marks as default on the day (enclave:aws.addonVersions overrides each).
 * NOT read from AWS (the kit is built offline): each is a version that several public
 * infrastructure repositories pin together for EKS 1.34. Check them before the first deployment
 * with `aws eks describe-addon-versions --addon-name <name> --kubernetes-version 1.34`.
 */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, AddonVersions>> = {
  "1.34": {
    vpcCni: "v1.20.4-eksbuild.2",
    kubeProxy: "v1.34.0-eksbuild.2",
    coredns: "v1.12.3-eksbuild.1",
    ebsCsiDriver: "v1.54.0-eksbuild.1",
  },
};

/** VPC CNI: the node agent enforces Kubernetes NetworkPolicies (CIS EKS 5.4.4). */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

/** AWS-managed policies (names; the ARN adds the partition). */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"] as const;
/** Nodes pull images and join; the CNI's permissions go to its own IRSA role, not the node. */
export const NODE_ROLE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryPullOnly",
] as const;
export const CNI_POLICY = "AmazonEKS_CNI_Policy";
export const EBS_CSI_POLICY = "service-role/AmazonEBSCSIDriverPolicy";

/** The access policy given to every (break-glass) admin role, cluster-wide. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";

/**
 * The Kubernetes group of the tenant operators' access entries. No EKS access policy goes with it:
 * the tenant-operator Role (components/app/baseline) bound to this group, in the tenant namespace,
 * is narrower than AmazonEKSViewPolicy/AmazonEKSEditPolicy and the same on every target. EKS
 * refuses group names that start with `system:`, `eks:`, `aws:`, `amazon:` or `iam:`.
 */
export const TENANT_OPERATOR_GROUP = "enclave:tenant-operators";

/**
 * Container logs off the nodes: the EKS `amazon-cloudwatch-observability` add-on (the CloudWatch
 * agent and Fluent Bit, as DaemonSets in its own namespace), pinned to a version. Check the
 * versions EKS offers for the cluster's Kubernetes version with `aws eks describe-addon-versions
 * --addon-name amazon-cloudwatch-observability --kubernetes-version <v>` and set
 * enclave:aws.observabilityAddonVersion; the default is AWS's documented v6.0.1 build.
 */
export const OBSERVABILITY_ADDON = "amazon-cloudwatch-observability";
export const DEFAULT_OBSERVABILITY_ADDON_VERSION = "v6.0.1-eksbuild.1";
/** The add-on's namespace and the service account its agent and Fluent Bit run as. */
export const OBSERVABILITY_NAMESPACE = "amazon-cloudwatch";
export const OBSERVABILITY_SERVICE_ACCOUNT = "cloudwatch-agent";
/** Fluent Bit ships container logs (the add-on's own switch, set explicitly). */
export const OBSERVABILITY_CONFIGURATION = { containerLogs: { enabled: true } } as const;
/**
 * The log groups the add-on writes to, `/aws/containerinsights/<cluster>/<kind>`: created by the
 * stack beforehand with the logs key and the audit retention, so the agent never creates
 * unencrypted groups that keep events forever.
 */
export const CONTAINER_LOG_KINDS = ["application", "dataplane", "host", "performance"] as const;
export const containerLogGroupNames = (clusterName: string): string[] =>
  CONTAINER_LOG_KINDS.map((kind) => `/aws/containerinsights/${clusterName}/${kind}`);
