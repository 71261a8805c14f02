import { describe, expect, it } from "vitest";
import endpoint from "../../../policy-packs/policies/aws/aws-eks-cluster-disallow-public-endpoint";
import secrets from "../../../policy-packs/policies/aws/aws-eks-cluster-enable-secrets-encryption";
import logging from "../../../policy-packs/policies/aws/aws-eks-cluster-enable-control-plane-logging";
import accessEntries from "../../../policy-packs/policies/aws/aws-eks-cluster-enforce-access-entries";
import remoteAccess from "../../../policy-packs/policies/aws/aws-eks-nodegroup-disallow-remote-access";
import { KEY_ARN, violationsOf, withValue } from "../../helpers/aws-policies";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";

const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

const cluster = {
  roleArn: "arn:aws:iam::111122223333:role/cluster",
  version: "1.33",
  vpcConfig: {
    subnetIds: ["subnet-a", "subnet-b"],
    endpointPrivateAccess: true,
    endpointPublicAccess: false,
  },
  encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } },
  enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
  accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
};

describe("aws-eks-cluster-disallow-public-endpoint", () => {
  itRefusesTheInternetInPieces((ranges) =>
    violationsOf(
      endpoint,
      CLUSTER,
      withValue(cluster, "vpcConfig", {
        ...cluster.vpcConfig,
        endpointPublicAccess: true,
        publicAccessCidrs: ranges,
      }),
      { allowPublicEndpointWithCidrs: true },
    ),
  );

  it("passes a private endpoint", () => {
    expect(violationsOf(endpoint, CLUSTER, cluster)).toEqual([]);
  });
  const limited = withValue(cluster, "vpcConfig", {
    ...cluster.vpcConfig,
    endpointPublicAccess: true,
    publicAccessCidrs: ["203.0.113.10/32"],
  });
  it("flags a public endpoint limited to admin CIDRs unless the stack accepts it", () => {
    expect(violationsOf(endpoint, CLUSTER, limited)).toEqual([
      "The public API endpoint is on, limited to 203.0.113.10/32. Keep the endpoint private, or accept this exposure explicitly with allowPublicEndpointWithCidrs: true for this policy in enclave:policy.",
    ]);
    expect(
      violationsOf(endpoint, CLUSTER, limited, { allowPublicEndpointWithCidrs: true }),
    ).toEqual([]);
  });
  it("flags the provider default (public, no CIDRs)", () => {
    expect(
      violationsOf(endpoint, CLUSTER, withValue(cluster, "vpcConfig", { subnetIds: ["subnet-a"] })),
    ).toEqual([
      "The public API endpoint is on (vpcConfig.endpointPublicAccess is true or unset) and vpcConfig.publicAccessCidrs is empty, so EKS opens it to 0.0.0.0/0. Turn it off or list the admin CIDRs.",
    ]);
  });
  it("flags a public endpoint open to the internet", () => {
    const open = withValue(cluster, "vpcConfig", {
      ...cluster.vpcConfig,
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.10/32", "0.0.0.0/0"],
    });
    expect(violationsOf(endpoint, CLUSTER, open)).toEqual([
      "vpcConfig.publicAccessCidrs: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network), so the API endpoint is open to the internet. List the admin CIDRs only.",
    ]);
  });
});

describe("aws-eks-cluster-enable-secrets-encryption", () => {
  it("passes secrets under a customer key", () => {
    expect(violationsOf(secrets, CLUSTER, cluster)).toEqual([]);
  });
  it("flags a cluster without secrets encryption", () => {
    expect(
      violationsOf(secrets, CLUSTER, withValue(cluster, "encryptionConfig", undefined)),
    ).toEqual([
      'encryptionConfig does not cover "secrets": Kubernetes Secrets are not envelope-encrypted. Add encryptionConfig with resources ["secrets"] and a KMS key.',
    ]);
  });
  it("flags a missing key", () => {
    expect(
      violationsOf(secrets, CLUSTER, withValue(cluster, "encryptionConfig.provider", {})),
    ).toEqual([
      "encryptionConfig.provider.keyArn is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
  });
});

describe("aws-eks-cluster-enable-control-plane-logging", () => {
  it("passes all five log types", () => {
    expect(violationsOf(logging, CLUSTER, cluster)).toEqual([]);
  });
  it("flags missing log types", () => {
    expect(
      violationsOf(
        logging,
        CLUSTER,
        withValue(cluster, "enabledClusterLogTypes", ["api", "audit"]),
      ),
    ).toEqual([
      "enabledClusterLogTypes lacks authenticator, controllerManager and scheduler. Enable every control-plane log type.",
    ]);
    expect(
      violationsOf(
        logging,
        CLUSTER,
        withValue(cluster, "enabledClusterLogTypes", ["api", "audit"]),
        { requiredLogTypes: ["audit"] },
      ),
    ).toEqual([]);
  });
});

describe("aws-eks-cluster-enforce-access-entries", () => {
  it("passes API mode without the creator bootstrap", () => {
    expect(violationsOf(accessEntries, CLUSTER, cluster)).toEqual([]);
  });
  it("flags the aws-auth ConfigMap modes", () => {
    const mixed = withValue(cluster, "accessConfig.authenticationMode", "API_AND_CONFIG_MAP");
    expect(violationsOf(accessEntries, CLUSTER, mixed)).toEqual([
      'accessConfig.authenticationMode is "API_AND_CONFIG_MAP"; allowed: API. Use "API" with access entries.',
    ]);
    expect(
      violationsOf(accessEntries, CLUSTER, mixed, {
        allowedAuthenticationModes: ["API", "API_AND_CONFIG_MAP"],
      }),
    ).toEqual([]);
  });
  it("flags the creator bootstrap and the provider defaults", () => {
    expect(
      violationsOf(
        accessEntries,
        CLUSTER,
        withValue(cluster, "accessConfig.bootstrapClusterCreatorAdminPermissions", true),
      ),
    ).toEqual([
      "accessConfig.bootstrapClusterCreatorAdminPermissions is not false: the creating identity becomes a hidden cluster-admin. Set it to false and use access entries.",
    ]);
    expect(
      violationsOf(accessEntries, CLUSTER, withValue(cluster, "accessConfig", undefined)),
    ).toEqual([
      'accessConfig.authenticationMode is not set (the aws-auth ConfigMap applies); allowed: API. Use "API" with access entries.',
      "accessConfig.bootstrapClusterCreatorAdminPermissions is not false: the creating identity becomes a hidden cluster-admin. Set it to false and use access entries.",
    ]);
  });
});

describe("aws-eks-nodegroup-disallow-remote-access", () => {
  const nodeGroup = {
    clusterName: "c",
    nodeRoleArn: "arn:r",
    subnetIds: ["subnet-a"],
    scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
  };
  it("passes a node group without SSH", () => {
    expect(violationsOf(remoteAccess, NODE_GROUP, nodeGroup)).toEqual([]);
  });
  it("flags SSH, open to the internet without source groups", () => {
    expect(
      violationsOf(remoteAccess, NODE_GROUP, { ...nodeGroup, remoteAccess: { ec2SshKey: "ops" } }),
    ).toEqual([
      "remoteAccess is set without sourceSecurityGroupIds: EKS opens SSH (port 22) to 0.0.0.0/0. Remove remoteAccess and use SSM Session Manager.",
    ]);
    expect(
      violationsOf(remoteAccess, NODE_GROUP, {
        ...nodeGroup,
        remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] },
      }),
    ).toEqual(["remoteAccess enables SSH to the nodes. Remove it and use SSM Session Manager."]);
  });
});
