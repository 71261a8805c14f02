import * as pulumi from "@pulumi/pulumi";
import { AwsFootprint } from "../../components/aws/footprint/footprint";
import { awsFootprintArgs } from "../config/aws-settings";
import type { Platform } from "../../components/shared/platform";
import type { EnclaveConfig } from "../config";
import type { TargetResult } from "./index";

/**
 * The AWS target: validated config -> AwsFootprint -> Platform + stack outputs.
 *
 * Running it: credentials for the account, `aws:region`, and a network path to the cluster's
 * private API endpoint (the Kubernetes provider calls it during `pulumi up`): run Pulumi from
 * inside the VPC or connected to it from an enclave:allowlist.admin network, or set
 * enclave:aws.publicApiEndpoint true (then only enclave:allowlist.admin reaches it). The caller
 * must be allowed to assume the cluster-admin role the stack creates (`aws eks get-token
 * --role-arn`), and to administer KMS keys (key policies delegate administration to the account,
 * or to enclave:aws.kmsAdminRoleArns).
 */
export function buildAwsTarget(config: EnclaveConfig): TargetResult {
  if (config.awsRegion === undefined) {
    throw new Error("aws:region is not set. Fix: `pulumi config set aws:region <region>`");
  }
  const footprint = new AwsFootprint(
    `enclave-${config.tenant}-${config.environment}`,
    awsFootprintArgs({ ...config, awsRegion: config.awsRegion }),
  );

  const platform: Platform = {
    cloud: "aws",
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    kubernetesProvider: footprint.kubernetesProvider,
    storage: footprint.storage,
    database: footprint.database,
    ingress: footprint.ingress,
    operatorGroups: footprint.operatorGroups,
    bindServiceAccount: (request) => footprint.bindServiceAccount(request),
  };

  return {
    platform,
    dataStores: [
      {
        kind: "bucket",
        purpose:
          config.isolation === "client-hosted" ? "tenant-data (the client's)" : "tenant-data",
        name: footprint.bucketName,
      },
      ...(footprint.accessLogBucketName !== undefined
        ? [{ kind: "bucket", purpose: "access-logs", name: footprint.accessLogBucketName } as const]
        : []),
      ...(footprint.trailBucketName !== undefined
        ? [{ kind: "bucket", purpose: "audit-trail", name: footprint.trailBucketName } as const]
        : []),
      { kind: "database", purpose: "tenant-data", name: footprint.databaseAddress },
    ],
    outputs: {
      awsRegion: config.awsRegion,
      vpcId: footprint.vpcId,
      vpcEndpointIds: footprint.vpcEndpointIds,
      flowLogGroup: footprint.flowLogGroupName,
      clusterName: footprint.clusterName,
      clusterEndpoint: footprint.clusterEndpoint,
      clusterAdminRoleArn: footprint.clusterAdminRoleArn,
      clusterAdminTrust: footprint.clusterAdminTrust,
      ...(footprint.breakGlassRoleArn !== undefined
        ? { breakGlassRoleArn: footprint.breakGlassRoleArn }
        : {}),
      // Client-hosted: the statements the client adds to its bucket and key policies.
      ...(footprint.clientPolicyStatements !== undefined
        ? { clientPolicyStatements: footprint.clientPolicyStatements }
        : {}),
      adminPlaneAccess: footprint.adminPlaneAccess,
      kubeconfigCommand: pulumi.interpolate`aws eks update-kubeconfig --name ${footprint.clusterName} --region ${config.awsRegion} --role-arn ${footprint.clusterAdminRoleArn}`,
      kmsKeyArns: footprint.kmsKeyArns,
      bucketName: footprint.bucketName,
      ...(footprint.accessLogBucketName !== undefined
        ? { accessLogBucketName: footprint.accessLogBucketName }
        : {}),
      // Where the audit records land (docs/investigations.md).
      ...(footprint.trailArn !== undefined ? { trailArn: footprint.trailArn } : {}),
      ...(footprint.trailBucketName !== undefined
        ? { trailBucketName: footprint.trailBucketName }
        : {}),
      ...(footprint.trailLogGroupName !== undefined
        ? { trailLogGroup: footprint.trailLogGroupName }
        : {}),
      containerLogGroups: footprint.containerLogGroupNames,
      ...(footprint.guardDutyDetectorId !== undefined
        ? { guardDutyDetectorId: footprint.guardDutyDetectorId }
        : {}),
      databaseEndpoint: footprint.databaseAddress,
      databasePort: footprint.databasePort,
      databaseMasterSecretArn: footprint.databaseMasterSecretArn,
      // Read once the program has run, so it lists the roles the app layer bound.
      workloadRoleArns: pulumi
        .output(Promise.resolve(0))
        .apply(() => pulumi.all(footprint.workloadRoleArns())),
    },
  };
}
