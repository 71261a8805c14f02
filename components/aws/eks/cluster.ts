import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { WorkloadRole } from "../identity/workloadRole";
import { IRSA_AUDIENCE } from "../identity/trust";
import { viaService, type Statement } from "../shared/iam";
import { withPurpose } from "../shared/tags";
import { ContainerLogs } from "./containerLogs";
import { createAdminAccess, createOperatorAccess } from "./access";
import type { ClusterArgs } from "./args";
import {
  ACCESS_CONFIG,
  CLUSTER_LOG_TYPES,
  CNI_POLICY,
  EBS_CSI_POLICY,
  EKS_ADDONS,
  type EksAddon,
  ENCRYPTED_RESOURCES,
  ENDPOINT_PRIVATE_ACCESS,
  TENANT_OPERATOR_GROUP,
  UPGRADE_SUPPORT_TYPE,
  VPC_CNI_CONFIGURATION,
} from "./defaults";
import { kubeconfig } from "./kubeconfig";
import { createNodeGroup } from "./nodes";
import { createNodeRole, managedPolicyArn } from "./roles";
import { validateClusterArgs } from "./validate";

/** Name of the default StorageClass the cluster gets: gp3, encrypted with the volumes key. */
export const ENCRYPTED_STORAGE_CLASS = "enclave-encrypted-gp3";

/**
 * The tenant's EKS cluster: private API endpoint (public only when asked, and then only from the
 * admin allowlist), secrets encrypted with the cluster key, every control-plane log type in an
 * encrypted log group, access entries for named admin roles, IRSA, managed add-ons (VPC CNI with
 * network-policy enforcement, kube-proxy, CoreDNS, EBS CSI) and one hardened managed node group.
 */
export class Cluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly certificateAuthorityData: pulumi.Output<string>;
  /** The EKS-managed security group on the control plane ENIs and on every managed node. */
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly oidcProviderArn: pulumi.Output<string>;
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;
  /** kubeconfig (JSON) using `aws eks get-token` for the first admin role; holds no credential. */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: k8s.Provider;
  public readonly storageClassName: string;
  /** Kubernetes groups the operators' access entries map to: bind them in the tenant namespace. */
  public readonly operatorGroups: readonly string[];
  /** The Container Insights log groups the observability add-on writes to (none when off). */
  public readonly containerLogGroupNames: readonly string[];

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Cluster", name, {}, opts);
    const problems = validateClusterArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    const partition = args.arn.partition;
    const tags = withPurpose(args.tags, "eks-cluster");

    // Created before the cluster so EKS writes into a group that is encrypted and expires.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane-logs`,
      {
        name: `/aws/eks/${args.clusterName}/cluster`,
        kmsKeyId: args.logs.kmsKeyArn,
        retentionInDays: args.logs.retentionInDays,
        tags,
      },
      { parent: this, protect: true },
    );
    // Extra security group on the control plane ENIs: the private endpoint admits HTTPS from
    // the admin networks (over a VPN or Direct Connect) and from nothing else outside the cluster.
    const ipv4 = args.adminCidrs.filter((c) => !c.includes(":"));
    const ipv6 = args.adminCidrs.filter((c) => c.includes(":"));
    const apiSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-api-sg`,
      {
        vpcId: args.vpcId,
        description: "EKS private API endpoint: HTTPS from enclave:allowlist.admin only",
        ingress: [
          {
            description: "Kubernetes API from the admin allowlist",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            ...(ipv4.length > 0 ? { cidrBlocks: ipv4 } : {}),
            ...(ipv6.length > 0 ? { ipv6CidrBlocks: ipv6 } : {}),
          },
        ],
        egress: [],
        tags: { ...tags, Name: `${args.clusterName}-api` },
      },
      { parent: this },
    );

    const cluster = new aws.eks.Cluster(
      `${name}-eks`,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: args.clusterRole.arn,
        vpcConfig: {
          subnetIds: [...args.privateSubnetIds],
          securityGroupIds: [apiSecurityGroup.id],
          endpointPrivateAccess: ENDPOINT_PRIVATE_ACCESS,
          endpointPublicAccess: args.publicEndpoint,
          ...(args.publicEndpoint ? { publicAccessCidrs: [...args.adminCidrs] } : {}),
        },
        accessConfig: { ...ACCESS_CONFIG },
        encryptionConfig: {
          resources: [...ENCRYPTED_RESOURCES],
          provider: { keyArn: args.secretsKeyArn },
        },
        enabledClusterLogTypes: [...CLUSTER_LOG_TYPES],
        // The add-ons below are installed as managed add-ons, configured explicitly.
        bootstrapSelfManagedAddons: false,
        kubernetesNetworkConfig: { ipFamily: "ipv4" },
        upgradePolicy: { supportType: UPGRADE_SUPPORT_TYPE },
        deletionProtection: true,
        tags,
      },
      { parent: this, protect: true, dependsOn: [logGroup] },
    );

    const issuer = cluster.identities.apply((ids) =>
      required(ids?.[0]?.oidcs?.[0]?.issuer, name, "identities[0].oidcs[0].issuer"),
    );
    const oidcProvider = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: issuer, clientIdLists: [IRSA_AUDIENCE], tags },
      { parent: this },
    );
    createAdminAccess(name, cluster.name, partition, args.adminRoleArns, tags, this);
    createOperatorAccess(name, cluster.name, args.operatorRoleArns, args.tags, this);
    this.operatorGroups = args.operatorRoleArns.length > 0 ? [TENANT_OPERATOR_GROUP] : [];

    const irsa = (sa: string, namespace: string, policy: string, statements: Statement[] = []) =>
      new WorkloadRole(
        `${name}-${sa}`,
        {
          oidcProviderArn: oidcProvider.arn,
          oidcIssuerUrl: issuer,
          namespace,
          serviceAccountName: sa,
          statements,
          managedPolicyArns: [managedPolicyArn(partition, policy)],
          tags: args.tags,
        },
        { parent: this },
      );
    const addon = (
      key: EksAddon,
      extra: Partial<aws.eks.AddonArgs>,
      dependsOn: pulumi.Resource[] = [],
    ) =>
      new aws.eks.Addon(
        `${name}-${EKS_ADDONS[key]}`,
        {
          clusterName: cluster.name,
          addonName: EKS_ADDONS[key],
          // Pinned: what was reviewed runs, not the version EKS marks as default on the day.
          addonVersion: args.addonVersions[key],
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
          tags,
          ...extra,
        },
        { parent: this, dependsOn },
      );

    const cniRole = irsa("aws-node", "kube-system", CNI_POLICY);
    const vpcCni = addon("vpcCni", {
      serviceAccountRoleArn: cniRole.roleArn,
      configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
    });
    const kubeProxy = addon("kubeProxy", {});

    const nodeRole = createNodeRole(name, partition, args.tags, this);
    const { nodeGroup } = createNodeGroup(
      name,
      {
        clusterName: cluster.name,
        nodeRoleArn: nodeRole.role.arn,
        subnetIds: args.privateSubnetIds,
        volumesKeyArn: args.volumesKeyArn,
        settings: args.nodes,
        tags: args.tags,
      },
      this,
      [vpcCni, kubeProxy, ...nodeRole.attachments],
    );
    // CoreDNS and the EBS CSI controller run as pods: they need nodes to become active.
    addon("coredns", {}, [nodeGroup]);
    // The AWS policy covers EBS itself; volumes encrypted with the volumes key also need the key
    // (through EC2 only, and grants only for AWS resources).
    const ebsCsiRole = irsa("ebs-csi-controller-sa", "kube-system", EBS_CSI_POLICY, [
      {
        Sid: "VolumesKeyThroughEc2",
        Effect: "Allow",
        Action: [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:Encrypt",
          "kms:GenerateDataKey*",
          "kms:ReEncrypt*",
        ],
        Resource: args.volumesKeyArn,
        Condition: {
          StringEquals: { "kms:ViaService": viaService("ec2", args.arn.region, args.dnsSuffix) },
        },
      },
      {
        Sid: "VolumesKeyGrants",
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: args.volumesKeyArn,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ]);
    const ebsCsi = addon("ebsCsiDriver", { serviceAccountRoleArn: ebsCsiRole.roleArn }, [
      nodeGroup,
    ]);

    // Container logs off the nodes (the add-on's DaemonSets need nodes to become active).
    if (args.containerLogs) {
      const shipping = new ContainerLogs(
        `${name}-container-logs`,
        {
          clusterName: args.clusterName,
          cluster: cluster.name,
          arn: args.arn,
          oidcProviderArn: oidcProvider.arn,
          oidcIssuerUrl: issuer,
          addonVersion: args.containerLogs.addonVersion,
          logs: args.logs,
          waitFor: [nodeGroup],
          tags: args.tags,
        },
        { parent: this },
      );
      this.containerLogGroupNames = shipping.logGroupNames;
    } else {
      this.containerLogGroupNames = [];
    }

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.apply((ca) =>
      required(ca?.data, name, "certificateAuthority.data"),
    );
    this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) =>
      required(v?.clusterSecurityGroupId, name, "vpcConfig.clusterSecurityGroupId"),
    );
    this.oidcProviderArn = oidcProvider.arn;
    this.oidcIssuerUrl = issuer;
    this.nodeRoleArn = nodeRole.role.arn;
    this.kubeconfig = kubeconfig({
      clusterName: cluster.name,
      endpoint: cluster.endpoint,
      certificateAuthorityData: this.certificateAuthorityData,
      region: args.arn.region,
      roleArn: args.adminRoleArns[0]!,
    });
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig },
      { parent: this, dependsOn: [nodeGroup] },
    );

    // The default StorageClass: volumes of the EBS CSI driver are encrypted with the volumes key
    // and kept when their claim is deleted.
    this.storageClassName = ENCRYPTED_STORAGE_CLASS;
    new k8s.storage.v1.StorageClass(
      `${name}-encrypted-gp3`,
      {
        metadata: {
          name: ENCRYPTED_STORAGE_CLASS,
          annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
        },
        provisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true", kmsKeyId: args.volumesKeyArn },
        reclaimPolicy: "Retain",
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      },
      { parent: this, provider: this.provider, dependsOn: [ebsCsi] },
    );

    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      oidcProviderArn: this.oidcProviderArn,
      nodeRoleArn: this.nodeRoleArn,
    });
  }
}

/** A value EKS always computes; its absence means the engine (or a mock) left it out. */
function required(value: string | undefined, name: string, path: string): string {
  if (!value) {
    throw new Error(
      `Cluster ${name}: the EKS cluster has no ${path} output; the engine must provide it`,
    );
  }
  return value;
}
