import { rdsRegionalCaBundle } from "../../components/aws/database/caBundle";
import { resolveNodeSizes } from "./aws-settings";
import { awsPartitionOf } from "../../components/aws/shared/partition";
import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";
import type { AwsConfig, ClientHostedConfig, Environment } from "./types";

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

const clientHostedMatchesIsolation: CrossCheck = (config, raw) => {
  const set = raw["enclave:clientHosted"] !== undefined;
  const isolation = config["isolation"];
  if (isolation === "client-hosted" && !set) {
    return [
      {
        key: "enclave:clientHosted",
        value: undefined,
        problem: "is required when enclave:isolation is client-hosted",
        fix: "set { bucketName, kmsKeyArn } to the bucket and KMS key the client created for you",
      },
    ];
  }
  if (isolation !== "client-hosted" && set) {
    return [
      {
        key: "enclave:clientHosted",
        value: config["clientHosted"],
        problem: `is set but enclave:isolation is ${String(isolation)}`,
        fix: "remove it, or set enclave:isolation to client-hosted",
      },
    ];
  }
  return [];
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
    return [
      {
        key: "enclave:clientHosted.kmsKeyArn",
        value: undefined,
        problem: "is required on AWS",
        fix: "set the ARN of the client's KMS key that encrypts the bucket, so the app's role can use it and nothing else",
      },
    ];
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

/** Node sizes after the environment's defaults fill the gaps: min <= desired <= max. */
const nodeSizesConsistent: CrossCheck = (config) => {
  if (!isAws(config)) {
    return [];
  }
  const aws = (config["aws"] ?? {}) as AwsConfig;
  const sizes = resolveNodeSizes(config["environment"] as Environment, aws);
  if (sizes.min <= sizes.desired && sizes.desired <= sizes.max) {
    return [];
  }
  return [
    {
      key: "enclave:aws",
      value: { nodeMinSize: sizes.min, nodeDesiredSize: sizes.desired, nodeMaxSize: sizes.max },
      problem:
        "gives node sizes (after the environment's defaults) that are not min <= desired <= max",
      fix: "set nodeMinSize, nodeDesiredSize and nodeMaxSize together",
    },
  ];
};

/** The EKS public endpoint takes IPv4 CIDRs only, so an IPv6 admin network could not be allowed. */
const publicEndpointIpv4: CrossCheck = (config) => {
  const aws = (config["aws"] ?? {}) as AwsConfig;
  const admin = (config["allowlist"] as { admin?: readonly string[] } | undefined)?.admin ?? [];
  if (!isAws(config) || aws.publicApiEndpoint !== true) {
    return [];
  }
  return admin.flatMap((cidr, i) =>
    cidr.includes(":")
      ? [
          {
            key: `enclave:allowlist.admin[${i}]`,
            value: cidr,
            problem: "is IPv6, which the EKS public endpoint cannot allow",
            fix: "list the operators' IPv4 networks, or keep enclave:aws.publicApiEndpoint false and reach the private endpoint over a VPN",
          },
        ]
      : [],
  );
};

/** Clients verify the database with the region's RDS CA; the kit ships the commercial regions' roots. */
const rdsCaBundleAvailable: CrossCheck = (config, raw) => {
  const aws = (config["aws"] ?? {}) as AwsConfig;
  const region = raw["aws:region"];
  if (
    !isAws(config) ||
    region === undefined ||
    !AWS_REGION.test(region) ||
    aws.database?.caBundlePem !== undefined
  ) {
    return [];
  }
  return rdsRegionalCaBundle(region) === undefined
    ? [
        {
          key: "enclave:aws.database.caBundlePem",
          value: undefined,
          problem: `is required in aws:region ${region}, whose RDS certificate authorities the kit does not ship`,
          fix: `paste the PEM bundle of ${region} from AWS's RDS trust store (${region}-bundle.pem)`,
        },
      ]
    : [];
};

export const AWS_CROSS_CHECKS: CrossCheck[] = [
  awsOnlyWithAws,
  regionFormat,
  clientHostedMatchesIsolation,
  clientKeyOnAws,
  zonesInRegion,
  nodeSizesConsistent,
  publicEndpointIpv4,
  rdsCaBundleAvailable,
];
