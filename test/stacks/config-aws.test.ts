import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";

const CTX = { project: "enclave", stack: "aws-dev" };
const KEY_ARN = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const GOOD: RawConfig = {
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["203.0.113.0/24"] }),
  "aws:region": "eu-west-1",
};

const withRaw = (over: Record<string, string | undefined>): RawConfig => {
  const raw: Record<string, string> = { ...GOOD };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) {
      delete raw[k];
    } else {
      raw[k] = v;
    }
  }
  return raw;
};
const withAws = (aws: unknown, over: Record<string, string | undefined> = {}) =>
  withRaw({ "enclave:aws": JSON.stringify(aws), ...over });

function problems(raw: RawConfig): string[] {
  try {
    parseStackConfig(raw, CTX);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("enclave:aws: valid", () => {
  it("defaults to {} and carries aws:region", () => {
    const config = parseStackConfig(GOOD, CTX);
    expect(config.aws).toEqual({});
    expect(config.awsRegion).toBe("eu-west-1");
    expect(config.clientHosted).toBeUndefined();
  });

  it("parses every field", () => {
    const aws = {
      vpcCidr: "10.40.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      nat: "none",
      ingressScheme: "internal",
      publicApiEndpoint: true,
      kubernetesVersion: "1.33",
      // 1.33 has no defaults in enclave: every add-on version is the stack's.
      addonVersions: {
        vpcCni: "v1.20.1-eksbuild.3",
        kubeProxy: "v1.33.3-eksbuild.6",
        coredns: "v1.12.1-eksbuild.2",
        ebsCsiDriver: "v1.48.0-eksbuild.1",
      },
      nodeInstanceTypes: ["m7g.large"],
      nodeAmiType: "AL2023_ARM_64_STANDARD",
      nodeMinSize: 2,
      nodeDesiredSize: 3,
      nodeMaxSize: 5,
      nodeDiskSizeGiB: 80,
      clusterAdminRoleArns: ["arn:aws:iam::111122223333:role/platform-admins"],
      kmsAdminRoleArns: ["arn:aws:iam::111122223333:role/key-admins"],
      createAutoscalingServiceLinkedRole: true,
      database: {
        instanceClass: "db.r6g.large",
        engineVersion: "16.4",
        allocatedStorageGiB: 50,
        maxAllocatedStorageGiB: 200,
        multiAz: true,
        backupRetentionDays: 14,
        caCertIdentifier: "rds-ca-rsa4096-g1",
      },
      objectLock: { mode: "COMPLIANCE", days: 365 },
      objectOwnership: "BucketOwnerPreferred",
      noncurrentVersionRetentionDays: 30,
      logRetentionDays: 731,
      containerLogs: false,
      observabilityAddonVersion: "v6.1.0-eksbuild.2",
      guardDuty: true,
      organizationTrailArn: "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org-trail",
    };
    expect(parseStackConfig(withAws(aws), CTX).aws).toEqual(aws);
  });

  it("accepts objectLock false (the explicit opt-out), and the prod default is COMPLIANCE for 30 days", async () => {
    expect(parseStackConfig(withAws({ objectLock: false }), CTX).aws.objectLock).toBe(false);
    const { resolveAwsSettings } = await import("../../stacks/config/aws-settings");
    expect(resolveAwsSettings("prod", {}).objectLock).toEqual({ mode: "COMPLIANCE", days: 30 });
    expect(resolveAwsSettings("prod", { objectLock: false }).objectLock).toBeUndefined();
    expect(resolveAwsSettings("dev", {}).objectLock).toBeUndefined();
    expect(resolveAwsSettings("dev", {}).guardDuty).toBe(false);
    expect(resolveAwsSettings("staging", {}).guardDuty).toBe(true);
    expect(resolveAwsSettings("prod", {}).guardDuty).toBe(true);
    expect(resolveAwsSettings("prod", { guardDuty: false }).guardDuty).toBe(false);
    const account = resolveAwsSettings("prod", {
      guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0",
    });
    expect([account.guardDuty, account.guardDutyDetectorId]).toEqual([
      false,
      "12abc34d567e8fa901bc2d34e56789f0",
    ]);
    for (const env of ["dev", "staging", "prod"] as const) {
      expect(resolveAwsSettings(env, {})).toMatchObject({
        containerLogs: true,
        observabilityAddonVersion: "v6.0.1-eksbuild.1",
        trailCloudWatchLogs: false,
      });
    }
    expect(
      resolveAwsSettings("dev", { objectLock: { mode: "COMPLIANCE", days: 7 } }).objectLock,
    ).toEqual({ mode: "COMPLIANCE", days: 7 });
  });

  it("accepts client-hosted isolation with the client's bucket and key", () => {
    const config = parseStackConfig(
      withRaw({
        "enclave:isolation": "client-hosted",
        "enclave:clientHosted": JSON.stringify({
          bucketName: "client.data-bucket",
          kmsKeyArn: KEY_ARN,
        }),
      }),
      CTX,
    );
    expect(config.clientHosted).toEqual({ bucketName: "client.data-bucket", kmsKeyArn: KEY_ARN });
  });
});

describe("enclave:aws: exact messages", () => {
  it.each([
    [
      { vpcCidr: "10.0.0.0/8" },
      'enclave:aws.vpcCidr = "10.0.0.0/8": is not an IPv4 block from /16 to /20 (AWS allows /16 at most, and the subnets need at least a /20). Fix: use a private range such as "10.42.0.0/16".',
    ],
    [
      { vpcCidr: "10.0.0.1/16" },
      'enclave:aws.vpcCidr = "10.0.0.1/16": has host bits set after the prefix. Fix: write the network address, "10.0.0.0/16".',
    ],
    [
      { availabilityZones: 1 },
      'enclave:aws.availabilityZones = 1: is neither a zone count from 2 to 6 nor a list of 2 to 6 distinct zone names. Fix: write a number such as 3, or a list such as ["eu-west-1a", "eu-west-1b", "eu-west-1c"].',
    ],
    [
      { nat: "gateway" },
      'enclave:aws.nat = "gateway": is not a supported NAT mode. Fix: set it to one of none, single, per-az.',
    ],
    [
      { ingressScheme: "public" },
      'enclave:aws.ingressScheme = "public": is not a supported load balancer scheme. Fix: set it to one of internet-facing, internal.',
    ],
    [
      { publicApiEndpoint: "yes" },
      'enclave:aws.publicApiEndpoint = "yes": is not true or false. Fix: write false (API reachable only inside the VPC) or true (also public, limited to enclave:allowlist.admin).',
    ],
    [
      { kubernetesVersion: "latest" },
      'enclave:aws.kubernetesVersion = "latest": is not an EKS version. Fix: write <major>.<minor> quoted, e.g. "1.34".',
    ],
    [
      { addonVersions: { coredns: "latest" } },
      'enclave:aws.addonVersions.coredns = "latest": is not an EKS add-on version. Fix: write v<major>.<minor>.<patch>-eksbuild.<n> as aws eks describe-addon-versions lists it, e.g. "v1.20.4-eksbuild.2".',
    ],
    [
      { addonVersions: { podIdentity: "v1.3.10-eksbuild.2" } },
      'enclave:aws.addonVersions = ["podIdentity"]: has unknown field podIdentity. Fix: use only vpcCni, kubeProxy, coredns, ebsCsiDriver.',
    ],
    [
      { nodeInstanceTypes: [] },
      'enclave:aws.nodeInstanceTypes = []: is empty. Fix: list at least one EC2 instance type, e.g. ["m6i.large"].',
    ],
    [{ nodeMinSize: 0 }, "enclave:aws.nodeMinSize = 0: is below 1. Fix: use 1 to 100."],
    [
      { nodeMinSize: 4, nodeMaxSize: 2 },
      "enclave:aws.nodeMinSize = 4: is above nodeMaxSize (2). Fix: keep nodeMinSize <= nodeDesiredSize <= nodeMaxSize.",
    ],
    [
      { clusterAdminRoleArns: ["arn:aws:iam::111122223333:user/alice"] },
      'enclave:aws.clusterAdminRoleArns[0] = "arn:aws:iam::111122223333:user/alice": is not an IAM role ARN. Fix: write the role\'s full ARN (granted cluster admin through an EKS access entry), e.g. "arn:aws:iam::111122223333:role/platform-admins".',
    ],
    [
      { database: { backupRetentionDays: 3 } },
      "enclave:aws.database.backupRetentionDays = 3: is below 7 days, too short to recover from an incident found a week late. Fix: use 7 to 35.",
    ],
    [
      { database: { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 } },
      "enclave:aws.database.maxAllocatedStorageGiB = 50: is below allocatedStorageGiB (100). Fix: set it to at least 100.",
    ],
    [
      { database: { engineVersion: "12" } },
      'enclave:aws.database.engineVersion = "12": is not a supported PostgreSQL version. Fix: write a major version from 14 to 19 ("17"), optionally with a minor ("17.4").',
    ],
    [
      { database: { caBundlePem: "not a pem" } },
      "enclave:aws.database.caBundlePem = \"not a pem\": holds no PEM certificate. Fix: paste the region's bundle from AWS's RDS trust store (<region>-bundle.pem), BEGIN/END lines included.",
    ],
    [
      { objectLock: { mode: "STRICT", days: 30 } },
      'enclave:aws.objectLock.mode = "STRICT": is not a supported object lock mode. Fix: set it to one of GOVERNANCE, COMPLIANCE.',
    ],
    [
      { objectOwnership: "ObjectWriter" },
      'enclave:aws.objectOwnership = "ObjectWriter": is not a supported S3 object ownership. Fix: set it to one of BucketOwnerEnforced, BucketOwnerPreferred.',
    ],
    [
      { logRetentionDays: 14 },
      "enclave:aws.logRetentionDays = 14: is not a CloudWatch Logs retention period of 30 days or more. Fix: use one of 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
    ],
    [
      { vpc: "10.0.0.0/16" },
      'enclave:aws = ["vpc"]: has unknown field vpc. Fix: use only vpcCidr, availabilityZones, nat, ingressScheme, publicApiEndpoint, kubernetesVersion, addonVersions, nodeInstanceTypes, nodeAmiType, nodeMinSize, nodeDesiredSize, nodeMaxSize, nodeDiskSizeGiB, clusterAdminRoleArns, clusterAdminPrincipals, clusterAdminSsoRoleArns, tenantOperatorRoleArns, kmsAdminRoleArns, clientBuckets, createAutoscalingServiceLinkedRole, database, sharedDatabase, objectLock, objectOwnership, noncurrentVersionRetentionDays, logRetentionDays, containerLogs, observabilityAddonVersion, guardDuty, guardDutyDetectorId, organizationTrailArn, trailCloudWatchLogs.',
    ],
    [
      { observabilityAddonVersion: "latest" },
      'enclave:aws.observabilityAddonVersion = "latest": is not an EKS add-on version. Fix: write vX.Y.Z-eksbuild.N as listed by aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability, e.g. "v6.0.1-eksbuild.1".',
    ],
    [
      { containerLogs: "no" },
      'enclave:aws.containerLogs = "no": is not true or false. Fix: write true to ship container logs with the EKS CloudWatch observability add-on (the default), or false only where another collector ships them (the packs flag it).',
    ],
    [
      { guardDutyDetectorId: "det-1" },
      'enclave:aws.guardDutyDetectorId = "det-1": is not a GuardDuty detector id (32 lower-case hex characters). Fix: copy it from aws guardduty list-detectors, e.g. "12abc34d567e8fa901bc2d34e56789f0".',
    ],
    [
      { guardDuty: true, guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0" },
      "enclave:aws.guardDuty = true: is true while guardDutyDetectorId names the account's detector, and a region has one detector. Fix: remove guardDuty (the stack then creates none and checks the named one) or remove guardDutyDetectorId.",
    ],
    [
      { organizationTrailArn: "org-trail" },
      'enclave:aws.organizationTrailArn = "org-trail": is not a CloudTrail trail ARN. Fix: write arn:aws:cloudtrail:<home region>:<management account>:trail/<name>, as printed by aws cloudtrail describe-trails, e.g. "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail".',
    ],
    [
      {
        organizationTrailArn: "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org-trail",
        trailCloudWatchLogs: true,
      },
      "enclave:aws.trailCloudWatchLogs = true: is true while organizationTrailArn names a trail the stack does not own, so it cannot set that trail's delivery. Fix: remove trailCloudWatchLogs and set CloudWatch Logs delivery on the organisation trail in the management account.",
    ],
  ])("%j", (aws, message) => {
    expect(problems(withAws(aws))).toEqual([message]);
  });
});

describe("cross-key rules", () => {
  it("refuses enclave:aws on another cloud", () => {
    // Other keys the kubernetes target requires may be reported too; this one must be.
    expect(
      problems(
        withAws({ nat: "none" }, { "enclave:cloud": "kubernetes", "aws:region": undefined }),
      ),
    ).toContain(
      'enclave:aws = {"nat":"none"}: is set but enclave:cloud is kubernetes. Fix: remove it; it configures the AWS target only.',
    );
  });

  it("pins every EKS add-on: enclave's defaults for 1.34, the stack's own versions otherwise", () => {
    expect(problems(withAws({ kubernetesVersion: "1.34" }))).toEqual([]);
    expect(
      problems(
        withAws({ kubernetesVersion: "1.35", addonVersions: { kubeProxy: "v1.35.0-eksbuild.2" } }),
      ),
    ).toEqual(
      ["vpcCni", "coredns", "ebsCsiDriver"].map(
        (key) =>
          `enclave:aws.addonVersions.${key} = (not set): has no default for kubernetesVersion "1.35" (enclave pins add-on versions for Kubernetes 1.34). Fix: set it to the version \`aws eks describe-addon-versions --addon-name ${{ vpcCni: "vpc-cni", coredns: "coredns", ebsCsiDriver: "aws-ebs-csi-driver" }[key]} --kubernetes-version 1.35\` lists, once reviewed.`,
      ),
    );
  });

  it("refuses a kube-proxy built for another Kubernetes version than the cluster's", () => {
    expect(problems(withAws({ addonVersions: { kubeProxy: "v1.33.3-eksbuild.6" } }))).toEqual([
      'enclave:aws.addonVersions.kubeProxy = "v1.33.3-eksbuild.6": is kube-proxy for Kubernetes 1.33, but the cluster runs kubernetesVersion 1.34. Fix: use a kube-proxy build for 1.34 (v1.34.<patch>-eksbuild.<n>), or change kubernetesVersion.',
    ]);
  });

  it("checks the region's format", () => {
    expect(problems(withRaw({ "aws:region": "europe" }))).toEqual([
      'aws:region = "europe": is not an AWS region code. Fix: use a region code such as eu-west-1 or us-gov-west-1.',
    ]);
  });

  it("requires enclave:clientHosted exactly when isolation is client-hosted", () => {
    expect(problems(withRaw({ "enclave:isolation": "client-hosted" }))).toEqual([
      "enclave:clientHosted = (not set): is required when enclave:isolation is client-hosted. Fix: set { bucketName, kmsKeyArn } to the store the client created for you.",
    ]);
    // The existing-cluster shape on AWS: the access keys and endpoint would be ignored, so refused.
    expect(
      problems(
        withRaw({
          "enclave:isolation": "client-hosted",
          "enclave:clientHosted": JSON.stringify({
            bucketName: "client-bucket",
            kmsKeyArn: KEY_ARN,
            endpoint: "https://s3.client.example.com",
            credentialsSecretName: "client-keys",
          }),
        }),
      ),
    ).toEqual([
      'enclave:clientHosted.endpoint = "https://s3.client.example.com": is not used on AWS, so it would be silently ignored. Fix: remove it: on AWS the app reaches S3 through the VPC\'s own endpoint.',
      'enclave:clientHosted.credentialsSecretName = "client-keys": is not used on AWS, so it would be silently ignored. Fix: remove it: on AWS the app uses its IRSA roles (the client grants them in its bucket and key policies), never access keys.',
    ]);
    expect(
      problems(
        withRaw({
          "enclave:clientHosted": JSON.stringify({
            bucketName: "client-bucket",
            kmsKeyArn: KEY_ARN,
          }),
        }),
      ),
    ).toEqual([
      'enclave:clientHosted = {"bucketName":"client-bucket","kmsKeyArn":"arn:aws:kms:eu-west-1:444455556666...: is set but enclave:isolation is dedicated. Fix: remove it, or set enclave:isolation to client-hosted.',
    ]);
  });

  it("requires the client's key on AWS, in the stack's region and partition", () => {
    const hosted = (value: unknown, region = "eu-west-1") =>
      withRaw({
        "enclave:isolation": "client-hosted",
        "enclave:clientHosted": JSON.stringify(value),
        "aws:region": region,
      });
    expect(problems(hosted({ bucketName: "client-bucket" }))).toEqual([
      "enclave:clientHosted.kmsKeyArn = (not set): is required on AWS. Fix: set the ARN of the client's KMS key that encrypts the bucket, so the app's role can use it and nothing else.",
    ]);
    expect(
      problems(hosted({ bucketName: "client-bucket", kmsKeyArn: KEY_ARN }, "eu-central-1")),
    ).toEqual([
      `enclave:clientHosted.kmsKeyArn = "${KEY_ARN}": is in region eu-west-1, not in aws:region eu-central-1. Fix: S3 encrypts only with a key of the bucket's region: ask the client for a key in eu-central-1, or deploy to eu-west-1.`,
    ]);
    expect(
      problems(hosted({ bucketName: "s3://client-bucket", kmsKeyArn: "alias/client" })),
    ).toEqual([
      'enclave:clientHosted.bucketName = "s3://client-bucket": is not a bucket name. Fix: write the client\'s bucket name (3-63 lower-case letters, digits, dots, hyphens), without s3:// or a path.',
      'enclave:clientHosted.kmsKeyArn = "alias/client": is not a KMS key ARN. Fix: write the full key ARN the client gave you, e.g. "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not an alias).',
    ]);
  });

  it("keeps zone names inside the region", () => {
    expect(problems(withAws({ availabilityZones: ["eu-west-1a", "us-east-1b"] }))).toEqual([
      'enclave:aws.availabilityZones[1] = "us-east-1b": is not a zone of aws:region eu-west-1. Fix: use zones named eu-west-1<letter>, e.g. eu-west-1a.',
    ]);
  });

  it("checks node sizes after the environment's defaults", () => {
    expect(problems(withAws({ nodeMaxSize: 1 }))).toEqual([
      "enclave:aws.nodeMinSize = 2: is above nodeMaxSize (1), taking the dev default. Fix: keep nodeMinSize <= nodeDesiredSize <= nodeMaxSize.",
    ]);
  });

  it("refuses IPv6 admin networks for a public API endpoint", () => {
    const raw = withAws(
      { publicApiEndpoint: true },
      {
        "enclave:allowlist": JSON.stringify({
          admin: ["198.51.100.0/24", "2001:db8::/48"],
          users: [],
        }),
      },
    );
    expect(problems(raw)).toEqual([
      'enclave:allowlist.admin[1] = "2001:db8::/48": is IPv6, which the EKS public endpoint cannot allow. Fix: list the operators\' IPv4 networks, or keep enclave:aws.publicApiEndpoint false and reach the private endpoint over a VPN.',
    ]);
  });

  it("asks for the RDS CA bundle where the kit does not ship it", () => {
    expect(problems(withRaw({ "aws:region": "us-gov-west-1" }))).toEqual([
      "enclave:aws.database.caBundlePem = (not set): is required in aws:region us-gov-west-1, whose RDS certificate authorities the kit does not ship. Fix: paste the PEM bundle of us-gov-west-1 from AWS's RDS trust store (us-gov-west-1-bundle.pem).",
    ]);
  });
});
