import type { PlatformCluster } from "../../components/aws/tenant/args";
import { ACCOUNT, REGION } from "./aws-target-mocks";

/** The platform's OIDC provider the fixture cluster exports. */
export const PLATFORM_OIDC_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`;

/** A platform stack's cluster as a tenant takes it (its outputs), for AwsTenant on mocks. */
export const PLATFORM_CLUSTER: PlatformCluster = {
  stack: "aws-platform",
  clusterName: "enclave-platform-dev",
  clusterEndpoint: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
  kubeconfig: "{}",
  oidcProviderArn: PLATFORM_OIDC_PROVIDER,
  oidcIssuerUrl: `https://oidc.eks.${REGION}.amazonaws.com/id/ABCDEF0123456789`,
  clusterSecurityGroupId: "sg-0123456789abcdef0",
  clusterAdminRoleArn: `arn:aws:iam::${ACCOUNT}:role/enclave-platform-dev-cluster-admin`,
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.50.0.0/16",
  privateSubnetIds: ["subnet-a", "subnet-b"],
  privateSubnetCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  apiServerCidrs: ["10.50.0.0/19", "10.50.32.0/19"],
  databaseSubnetIds: ["subnet-c", "subnet-d"],
  databaseSubnetCidrs: ["10.50.128.0/24", "10.50.129.0/24"],
  vpcEndpointIds: ["vpce-0123456789abcdef0"],
  storageClassName: "enclave-encrypted-gp3",
  clientBuckets: [],
};
