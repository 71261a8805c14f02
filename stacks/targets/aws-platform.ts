import * as pulumi from "@pulumi/pulumi";
import { CertManager } from "../../components/app/cert-manager/cert-manager";
import {
  DATABASE_ADMIN,
  DatabaseAdminNamespace,
} from "../../components/app/database/admin-namespace";
import { upstreamReference, type ImageName } from "../../components/app/images";
import { PORT as DATABASE_PORT } from "../../components/aws/database/defaults";
import { AWS_METADATA_CIDRS } from "../../components/aws/footprint/ingress";
import { AwsPlatform } from "../../components/aws/platform/platform";
import { resolveAwsSettings } from "../config/aws-settings";
import type { EnclaveConfig } from "../config";
import type { PlatformOutputName } from "./platform-outputs";
import { sharedDatabaseOutput } from "./shared-database";

function pinned(name: ImageName): string {
  const reference = upstreamReference(name);
  if (reference === undefined) {
    throw new Error(`components/app/images.ts pins no digest for ${name}`);
  }
  return reference;
}

/**
 * A platform stack on AWS (enclave:stackRole platform): the network, the EKS cluster and the
 * add-ons every tenant shares — container log shipping (the cluster's observability add-on) and
 * cert-manager, installed once here so tenants only create their issuers and certificates. The
 * ingress controller is not shared: each tenant runs its own Traefik in its namespace, behind its
 * own allowlist. No tenant namespace, bucket, database, realm or app. With enclave:aws.sharedDatabase,
 * one RDS instance its tenants may share (a database and role each) and the namespace whose
 * service account administers it (the tenants' bootstrap Jobs run there).
 *
 * Its outputs are the contract tenants read (platform-outputs.ts).
 */
export function buildAwsPlatformStack(config: EnclaveConfig): Record<string, unknown> {
  if (config.awsRegion === undefined) {
    throw new Error("aws:region is not set. Fix: `pulumi config set aws:region <region>`");
  }
  const region = config.awsRegion;
  const settings = resolveAwsSettings(config.environment, config.aws);
  const platform = new AwsPlatform(`enclave-${config.tenant}-${config.environment}`, {
    name: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    allowlist: config.allowlist,
    region,
    settings,
    clientBuckets: config.aws?.clientBuckets ?? [],
    ...(config.aws.sharedDatabase === true
      ? { sharedDatabase: { bootstrap: DATABASE_ADMIN } }
      : {}),
  });
  // The shared instance's administrator: a namespace of the platform's, never a tenant's.
  const shared = platform.sharedDatabase;
  if (shared !== undefined) {
    new DatabaseAdminNamespace(
      "enclave-database-admin",
      {
        platform: config.tenant,
        serviceAccountAnnotations: shared.serviceAccountAnnotations,
        database: { cidrs: platform.databaseSubnetCidrs, port: DATABASE_PORT },
        cloudApiCidrs: platform.privateSubnetCidrs,
        metadataCidrs: [...AWS_METADATA_CIDRS],
      },
      { providers: [platform.kubernetesProvider] },
    );
  }
  const certManager = new CertManager(
    "enclave-cert-manager",
    {
      tenant: config.tenant,
      images: {
        controller: pinned("certManagerController"),
        webhook: pinned("certManagerWebhook"),
        cainjector: pinned("certManagerCainjector"),
        acmesolver: pinned("certManagerAcmesolver"),
      },
      networkAddresses: {
        clients: [],
        objectStorage: platform.privateSubnetCidrs,
        kubernetesApi: platform.privateSubnetCidrs,
        cloudApis: platform.privateSubnetCidrs,
        identityEndpoints: [],
        clusterCidrs: [platform.vpcCidr],
        metadataCidrs: [...AWS_METADATA_CIDRS],
      },
      // Tenants' issuers are self-signed or the organisation's CA: no egress to the internet.
      outboundHttps: false,
    },
    { providers: [platform.kubernetesProvider] },
  );
  const forTenants: Record<PlatformOutputName, unknown> = {
    stackRole: "platform",
    awsRegion: region,
    kubeconfig: pulumi.secret(platform.kubeconfig),
    clusterName: platform.clusterName,
    clusterEndpoint: platform.clusterEndpoint,
    clusterSecurityGroupId: platform.clusterSecurityGroupId,
    clusterAdminRoleArn: platform.clusterAdminRoleArn,
    oidcProviderArn: platform.oidcProviderArn,
    oidcIssuerUrl: platform.oidcIssuerUrl,
    vpcId: platform.vpcId,
    vpcCidr: platform.vpcCidr,
    privateSubnetIds: platform.privateSubnetIds,
    privateSubnetCidrs: platform.privateSubnetCidrs,
    apiServerCidrs: platform.privateSubnetCidrs,
    databaseSubnetIds: platform.databaseSubnetIds,
    databaseSubnetCidrs: platform.databaseSubnetCidrs,
    vpcEndpointIds: platform.vpcEndpointIds,
    storageClassName: platform.storageClassName,
    clientBuckets: platform.clientBuckets,
  };
  return {
    cloud: config.cloud,
    environment: config.environment,
    platform: config.tenant,
    ...forTenants,
    clusterAdminTrust: platform.clusterAdminTrust,
    kubeconfigCommand: pulumi.interpolate`aws eks update-kubeconfig --name ${platform.clusterName} --region ${region} --role-arn ${platform.clusterAdminRoleArn}`,
    kmsKeyArns: platform.kmsKeyArns,
    flowLogGroup: platform.flowLogGroupName,
    containerLogGroups: platform.containerLogGroupNames,
    certManagerNamespace: certManager.namespace,
    ...(shared !== undefined ? { sharedDatabase: sharedDatabaseOutput(platform) } : {}),
    ...(platform.guardDutyDetectorId !== undefined
      ? { guardDutyDetectorId: platform.guardDutyDetectorId }
      : {}),
  };
}
