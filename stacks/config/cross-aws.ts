import { EKS_ADDON_VERSIONS, EKS_ADDONS, type EksAddon } from "../../components/aws/eks/defaults";
import { COMMON_DEFAULTS } from "../../components/aws/footprint/defaults";
import { awsPartitionOf } from "../../components/aws/shared/partition";
import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";
import type { AwsConfig, ClientHostedConfig } from "./types";

/** AWS region codes: eu-west-1, us-gov-west-1, cn-north-1, us-isob-east-1, ... */
export const AWS_REGION = /^[a-z]{2}(-(gov|iso[a-z]?))?-[a-z]+-\d$/;

const isAws = (config: Readonly<Record<string, unknown>>) => config["cloud"] === "aws";

/** `enclave:aws` configures the AWS target only; anywhere else it is a mistake worth naming. */
const awsOnlyWithAws: CrossCheck = (config, raw) =>
  raw["enclave:aws"] !== undefined && !isAws(config)
    ? [
        {
          key: "enclave:aws",
          value: config["aws"],
          problem: `is set but enclave:cloud is ${String(config["cloud"])}`,
          fix: "remove it; it configures the AWS target only",
        },
      ]
    : [];

const regionFormat: CrossCheck = (config, raw) => {
  const region = raw["aws:region"];
  return isAws(config) && region !== undefined && !AWS_REGION.test(region)
    ? [
        {
          key: "aws:region",
          value: region,
          problem: "is not an AWS region code",
          fix: "use a region code such as eu-west-1 or us-gov-west-1",
        },
      ]
    : [];
};

/** The region segment of a KMS key ARN (`arn:aws:kms:<region>:...`). */
function arnRegion(arn: string): string | undefined {
  return arn.split(":")[3];
}

const clientKeyOnAws: CrossCheck = (config, raw) => {
  const hosted = config["clientHosted"] as ClientHostedConfig | undefined;
  const region = raw["aws:region"];
  if (!isAws(config) || config["isolation"] !== "client-hosted" || hosted === undefined) {
    return [];
  }
  if (hosted.kmsKeyArn === undefined) {
    // Required on AWS: the footprint's tenancy rule says so (component-checks.ts).
    return [];
  }
  const issues: ConfigIssue[] = [];
  const keyRegion = arnRegion(hosted.kmsKeyArn);
  if (region !== undefined && keyRegion !== region) {
    issues.push({
      key: "enclave:clientHosted.kmsKeyArn",
      value: hosted.kmsKeyArn,
      problem: `is in region ${keyRegion}, not in aws:region ${region}`,
      fix: `S3 encrypts only with a key of the bucket's region: ask the client for a key in ${region}, or deploy to ${keyRegion}`,
    });
  }
  if (region !== undefined && AWS_REGION.test(region)) {
    const partition = awsPartitionOf(region).partition;
    if (!hosted.kmsKeyArn.startsWith(`arn:${partition}:`)) {
      issues.push({
        key: "enclave:clientHosted.kmsKeyArn",
        value: hosted.kmsKeyArn,
        problem: `is not in partition ${partition} of aws:region ${region}`,
        fix: `use a key ARN that starts with arn:${partition}:kms:${region}:`,
      });
    }
  }
  return issues;
};

const zonesInRegion: CrossCheck = (config, raw) => {
  const aws = (config["aws"] ?? {}) as AwsConfig;
  const region = raw["aws:region"];
  if (!isAws(config) || region === undefined || !Array.isArray(aws.availabilityZones)) {
    return [];
  }
  return aws.availabilityZones.flatMap((zone, i) =>
    new RegExp(`^${region}[a-z]$`).test(zone)
      ? []
      : [
          {
            key: `enclave:aws.availabilityZones[${i}]`,
            value: zone,
            problem: `is not a zone of aws:region ${region}`,
            fix: `use zones named ${region}<letter>, e.g. ${region}a`,
          },
        ],
  );
};

/**
 * The AWS rules that span keys. The rules of the footprint itself (tenancy, admin allowlist, RDS CA
 * bundle, node sizes, public endpoint) run once, from the components: component-checks.ts.
 */
/**
 * Every EKS add-on runs an exact version: enclave's default for the cluster's Kubernetes version,
 * or the stack's own; a Kubernetes version enclave pins no defaults for needs all four set. And
 * kube-proxy must be built for the cluster's Kubernetes version.
 */
const addonVersionsPinned: CrossCheck = (config) => {
  if (!isAws(config)) {
    return [];
  }
  const aws = (config["aws"] ?? {}) as AwsConfig;
  const version = aws.kubernetesVersion ?? COMMON_DEFAULTS.kubernetesVersion;
  const given = aws.addonVersions ?? {};
  const issues: ConfigIssue[] = [];
  if (EKS_ADDON_VERSIONS[version] === undefined) {
    for (const key of Object.keys(EKS_ADDONS) as EksAddon[]) {
      if (given[key] === undefined) {
        issues.push({
          key: `enclave:aws.addonVersions.${key}`,
          value: undefined,
          problem: `has no default for kubernetesVersion "${version}" (enclave pins add-on versions for Kubernetes ${Object.keys(EKS_ADDON_VERSIONS).join(", ")})`,
          fix: `set it to the version \`aws eks describe-addon-versions --addon-name ${EKS_ADDONS[key]} --kubernetes-version ${version}\` lists, once reviewed`,
        });
      }
    }
  }
  const proxyMinor = given.kubeProxy?.match(/^v(\d+\.\d+)\./)?.[1];
  if (proxyMinor !== undefined && proxyMinor !== version) {
    issues.push({
      key: "enclave:aws.addonVersions.kubeProxy",
      value: given.kubeProxy,
      problem: `is kube-proxy for Kubernetes ${proxyMinor}, but the cluster runs kubernetesVersion ${version}`,
      fix: `use a kube-proxy build for ${version} (v${version}.<patch>-eksbuild.<n>), or change kubernetesVersion`,
    });
  }
  return issues;
};

export const AWS_CROSS_CHECKS: CrossCheck[] = [
  addonVersionsPinned,
  awsOnlyWithAws,
  regionFormat,
  clientKeyOnAws,
  zonesInRegion,
];
