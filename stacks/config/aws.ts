import { z } from "zod";
import { looksLikePemBundle } from "../../components/aws/database/caBundle";
import { ADDON_VERSION } from "../../components/aws/eks/validate";
import { isCidrProblem, parseCidr } from "../../components/shared/cidr";

/**
 * Schema of `enclave:aws` (the AWS target's settings). Every `enclave:aws` field is optional: an absent field takes the secure default
 * listed in components/aws/footprint/defaults.ts (some depend on enclave:environment).
 * Messages are "<problem>. Fix: <fix>", as in keys.ts.
 */

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const NAT_MODES = ["none", "single", "per-az"] as const;
export const INGRESS_SCHEMES = ["internet-facing", "internal"] as const;
export const NODE_AMI_TYPES = ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD"] as const;
export const RDS_CA_IDS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const;
export const OBJECT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
export const OBJECT_OWNERSHIPS = ["BucketOwnerEnforced", "BucketOwnerPreferred"] as const;

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const IAM_PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
/** An IAM Identity Center permission set's role: exact, or `*` for its generated suffix / region. */
const SSO_ROLE_ARN =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/aws-reserved\/sso\.amazonaws\.com\/([a-z0-9-]+\/|\*\/)?AWSReservedSSO_[\w+=,.@-]+_([0-9a-f]{16}|\*)$/;
export const KMS_KEY_ARN = /^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;
export const CLOUDTRAIL_TRAIL_ARN =
  /^arn:aws(-[a-z]+)*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const oneOf = (what: string, values: readonly (string | number)[]) =>
  `is not a supported ${what}. Fix: set it to one of ${values.join(", ")}`;

const intIn = (what: string, min: number, max: number, example: number) =>
  z
    .number({ error: `is not a number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .int({ error: `is not a whole number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .min(min, { error: `is below ${min}. Fix: use ${min} to ${max}` })
    .max(max, { error: `is above ${max}. Fix: use ${min} to ${max}` });

const roleArnList = (purpose: string) =>
  z.array(
    z.string().regex(IAM_ROLE_ARN, {
      error: `is not an IAM role ARN. Fix: write the role's full ARN (${purpose}), e.g. "arn:aws:iam::111122223333:role/platform-admins"`,
    }),
    { error: `is not a list. Fix: write a YAML list of IAM role ARNs (${purpose})` },
  );

const vpcCidrSchema = z
  .string({
    error: 'is not a string. Fix: write the VPC range as a quoted CIDR, e.g. "10.42.0.0/16"',
  })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (isCidrProblem(parsed)) {
      ctx.addIssue({ code: "custom", message: `${parsed.problem}. Fix: ${parsed.fix}` });
    } else if (parsed.version !== 4 || parsed.prefix < 16 || parsed.prefix > 20) {
      ctx.addIssue({
        code: "custom",
        message:
          'is not an IPv4 block from /16 to /20 (AWS allows /16 at most, and the subnets need at least a /20). Fix: use a private range such as "10.42.0.0/16"',
      });
    }
  });

const AZ_MESSAGE =
  'is neither a zone count from 2 to 6 nor a list of 2 to 6 distinct zone names. Fix: write a number such as 3, or a list such as ["eu-west-1a", "eu-west-1b", "eu-west-1c"]';
const availabilityZonesSchema = z.union(
  [
    z
      .number()
      .int({ error: AZ_MESSAGE })
      .min(2, { error: AZ_MESSAGE })
      .max(6, { error: AZ_MESSAGE }),
    z
      .array(z.string().regex(AZ_NAME, { error: AZ_MESSAGE }))
      .min(2, { error: AZ_MESSAGE })
      .max(6, { error: AZ_MESSAGE })
      .refine((zones) => new Set(zones).size === zones.length, { error: AZ_MESSAGE }),
  ],
  { error: AZ_MESSAGE },
);

/** Where a tenant's database lives: an RDS instance of its own, or the platform's shared one. */
export const DATABASE_INSTANCES = ["own", "platform"] as const;

export const awsDatabaseSchema = z
  .object(
    {
      instance: z
        .enum(DATABASE_INSTANCES, {
          error:
            "is not own or platform. Fix: write own (an RDS instance of the tenant's own, the default) or platform (a database and role on the shared instance of the platform stack, enclave:aws.sharedDatabase)",
        })
        .optional(),
      instanceClass: z
        .string()
        .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, {
          error: 'is not an RDS instance class. Fix: use a class such as "db.m6g.large"',
        })
        .optional(),
      engineVersion: z
        .string()
        .regex(/^(1[4-9])(\.\d+)?$/, {
          error:
            'is not a supported PostgreSQL version. Fix: write a major version from 14 to 19 ("17"), optionally with a minor ("17.4")',
        })
        .optional(),
      allocatedStorageGiB: intIn("the storage size in GiB", 20, 65536, 100).optional(),
      maxAllocatedStorageGiB: intIn(
        "the storage autoscaling ceiling in GiB",
        20,
        65536,
        500,
      ).optional(),
      multiAz: z
        .boolean({
          error: "is not true or false. Fix: write true (a standby in another zone) or false",
        })
        .optional(),
      backupRetentionDays: z
        .number({ error: "is not a number. Fix: write a whole number of days from 7 to 35" })
        .int({ error: "is not a whole number. Fix: write a whole number of days from 7 to 35" })
        .min(7, {
          error:
            "is below 7 days, too short to recover from an incident found a week late. Fix: use 7 to 35",
        })
        .max(35, { error: "is above 35 days, the RDS maximum. Fix: use 7 to 35" })
        .optional(),
      caCertIdentifier: z
        .enum(RDS_CA_IDS, { error: oneOf("RDS certificate authority", RDS_CA_IDS) })
        .optional(),
      caBundlePem: z
        .string()
        .refine(looksLikePemBundle, {
          error:
            "holds no PEM certificate. Fix: paste the region's bundle from AWS's RDS trust store (<region>-bundle.pem), BEGIN/END lines included",
        })
        .optional(),
    },
    {
      error:
        "is not an object. Fix: write { instance, instanceClass, engineVersion, allocatedStorageGiB, maxAllocatedStorageGiB, multiAz, backupRetentionDays, caCertIdentifier, caBundlePem }, every field optional",
    },
  )
  .strict()
  .superRefine((db, ctx) => {
    if (
      db.allocatedStorageGiB !== undefined &&
      db.maxAllocatedStorageGiB !== undefined &&
      db.maxAllocatedStorageGiB < db.allocatedStorageGiB
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["maxAllocatedStorageGiB"],
        message: `is below allocatedStorageGiB (${db.allocatedStorageGiB}). Fix: set it to at least ${db.allocatedStorageGiB}`,
      });
    }
  });

export const objectLockSchema = z
  .object(
    {
      mode: z.enum(OBJECT_LOCK_MODES, { error: oneOf("object lock mode", OBJECT_LOCK_MODES) }),
      days: intIn("the default retention in days", 1, 36500, 30),
    },
    {
      error:
        "is not an object. Fix: write { mode: GOVERNANCE | COMPLIANCE, days: <1-36500> }, false to turn object lock off (an opt-out the packs flag in prod), or remove the key for the environment's default",
    },
  )
  .strict();

/** `false` (object lock off: an opt-out the packs flag in prod) or the lock's settings. */
const objectLockOrOffSchema = z
  .custom<false | z.infer<typeof objectLockSchema>>()
  .superRefine((value, ctx) => {
    if (value === false) {
      return;
    }
    const parsed = objectLockSchema.safeParse(value);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
    }
  });

/** `v<major>.<minor>.<patch>[-minimal]-eksbuild.<n>`, as aws eks describe-addon-versions lists. */
export const EKS_ADDON_VERSION = /^v\d+\.\d+\.\d+(-minimal)?-eksbuild\.\d+$/;

const addonVersionSchema = z
  .string({
    error:
      'is not a string. Fix: write the add-on version quoted, as aws eks describe-addon-versions lists it, e.g. "v1.20.4-eksbuild.2"',
  })
  .regex(EKS_ADDON_VERSION, {
    error:
      'is not an EKS add-on version. Fix: write v<major>.<minor>.<patch>-eksbuild.<n> as aws eks describe-addon-versions lists it, e.g. "v1.20.4-eksbuild.2"',
  });

export const addonVersionsSchema = z
  .object(
    {
      vpcCni: addonVersionSchema.optional(),
      kubeProxy: addonVersionSchema.optional(),
      coredns: addonVersionSchema.optional(),
      ebsCsiDriver: addonVersionSchema.optional(),
    },
    {
      error:
        "is not an object. Fix: write { vpcCni, kubeProxy, coredns, ebsCsiDriver }, each an exact add-on version (unset ones take enclave's pinned default)",
    },
  )
  .strict();

export const awsSchema = z
  .object(
    {
      vpcCidr: vpcCidrSchema.optional(),
      availabilityZones: availabilityZonesSchema.optional(),
      nat: z.enum(NAT_MODES, { error: oneOf("NAT mode", NAT_MODES) }).optional(),
      ingressScheme: z
        .enum(INGRESS_SCHEMES, { error: oneOf("load balancer scheme", INGRESS_SCHEMES) })
        .optional(),
      publicApiEndpoint: z
        .boolean({
          error:
            "is not true or false. Fix: write false (API reachable only inside the VPC) or true (also public, limited to enclave:allowlist.admin)",
        })
        .optional(),
      kubernetesVersion: z
        .string({ error: 'is not a string. Fix: write the EKS version quoted, e.g. "1.34"' })
        .regex(/^1\.\d{2}$/, {
          error: 'is not an EKS version. Fix: write <major>.<minor> quoted, e.g. "1.34"',
        })
        .optional(),
      addonVersions: addonVersionsSchema.optional(),
      nodeInstanceTypes: z
        .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/), {
          error: 'is not a list of EC2 instance types. Fix: write e.g. ["m6i.large"]',
        })
        .min(1, { error: 'is empty. Fix: list at least one EC2 instance type, e.g. ["m6i.large"]' })
        .max(10, { error: "lists more than 10 types. Fix: list at most 10 instance types" })
        .optional(),
      nodeAmiType: z
        .enum(NODE_AMI_TYPES, { error: oneOf("node AMI type", NODE_AMI_TYPES) })
        .optional(),
      nodeMinSize: intIn("the minimum node count", 1, 100, 2).optional(),
      nodeDesiredSize: intIn("the desired node count", 1, 100, 3).optional(),
      nodeMaxSize: intIn("the maximum node count", 1, 100, 6).optional(),
      nodeDiskSizeGiB: intIn("the node root volume size in GiB", 20, 1000, 50).optional(),
      clusterAdminRoleArns: roleArnList(
        "granted cluster admin through an EKS access entry",
      ).optional(),
      clusterAdminPrincipals: z
        .array(
          z.string().regex(IAM_PRINCIPAL_ARN, {
            error:
              "is not an IAM role or user ARN. Fix: name one person's (or one team's) IAM role or user, e.g. \"arn:aws:iam::111122223333:role/alice-admin\"; never the account root or a wildcard",
          }),
          {
            error:
              "is not a list. Fix: write a YAML list of IAM role or user ARNs (trusted, with MFA, to assume the cluster-admin role)",
          },
        )
        .optional(),
      clusterAdminSsoRoleArns: z
        .array(
          z.string().regex(SSO_ROLE_ARN, {
            error:
              'is not an IAM Identity Center permission-set role ARN. Fix: write e.g. "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_EnclaveBreakGlass_*" (only the generated suffix and the region may be *)',
          }),
          {
            error:
              "is not a list. Fix: write a YAML list of permission-set role ARNs (trusted by aws:PrincipalArn to assume the cluster-admin role)",
          },
        )
        .optional(),
      tenantOperatorRoleArns: roleArnList(
        "given a tenant-operator access entry, mapped to the tenant-operator Role",
      ).optional(),
      kmsAdminRoleArns: roleArnList("allowed to administer, never to use, the KMS keys").optional(),
      clientBuckets: z
        .array(
          z.string().regex(S3_BUCKET_NAME, {
            error:
              "is not a bucket name. Fix: write the client's bucket name (3-63 lower-case letters, digits, dots, hyphens), as its client-hosted tenant's enclave:clientHosted.bucketName, without s3:// or a path",
          }),
          {
            error:
              "is not a list. Fix: write a YAML list of the client buckets (of client-hosted tenants) the platform's S3 endpoints admit",
          },
        )
        .max(50, {
          error:
            "lists more than 50 buckets. Fix: list at most 50 (an S3 endpoint policy is at most 20,480 characters)",
        })
        .refine((names) => new Set(names).size === names.length, {
          error: "lists a bucket twice. Fix: list each client bucket once",
        })
        .optional(),
      createAutoscalingServiceLinkedRole: z
        .boolean({
          error:
            "is not true or false. Fix: write true only if the account has never used EC2 Auto Scaling",
        })
        .optional(),
      database: awsDatabaseSchema.optional(),
      sharedDatabase: z
        .boolean({
          error:
            "is not true or false. Fix: write true to give the platform one RDS PostgreSQL instance its tenants may share (enclave:aws.database.instance: platform), or false (the default: each tenant has an instance of its own)",
        })
        .optional(),
      objectLock: objectLockOrOffSchema.optional(),
      objectOwnership: z
        .enum(OBJECT_OWNERSHIPS, { error: oneOf("S3 object ownership", OBJECT_OWNERSHIPS) })
        .optional(),
      noncurrentVersionRetentionDays: intIn(
        "the days to keep overwritten object versions",
        1,
        3650,
        90,
      ).optional(),
      logRetentionDays: z
        .number()
        .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
          error: `is not a CloudWatch Logs retention period of 30 days or more. Fix: use one of ${LOG_RETENTION_DAYS.join(", ")}`,
        })
        .optional(),
      containerLogs: z
        .boolean({
          error:
            "is not true or false. Fix: write true to ship container logs with the EKS CloudWatch observability add-on (the default), or false only where another collector ships them (the packs flag it)",
        })
        .optional(),
      observabilityAddonVersion: z
        .string({
          error: 'is not a string. Fix: write the add-on version quoted, e.g. "v6.0.1-eksbuild.1"',
        })
        .regex(ADDON_VERSION, {
          error:
            'is not an EKS add-on version. Fix: write vX.Y.Z-eksbuild.N as listed by aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability, e.g. "v6.0.1-eksbuild.1"',
        })
        .optional(),
      guardDuty: z
        .boolean({
          error:
            "is not true or false. Fix: write true to create the region's GuardDuty detector (S3 and EKS audit-log protection), false where the account already has one",
        })
        .optional(),
      guardDutyDetectorId: z
        .string({
          error:
            'is not a string. Fix: write the account\'s detector id quoted, as printed by aws guardduty list-detectors, e.g. "12abc34d567e8fa901bc2d34e56789f0"',
        })
        .regex(/^[0-9a-f]{32}$/, {
          error:
            'is not a GuardDuty detector id (32 lower-case hex characters). Fix: copy it from aws guardduty list-detectors, e.g. "12abc34d567e8fa901bc2d34e56789f0"',
        })
        .optional(),
      organizationTrailArn: z
        .string({
          error:
            'is not a string. Fix: write the organisation trail\'s ARN quoted, e.g. "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail"',
        })
        .regex(CLOUDTRAIL_TRAIL_ARN, {
          error:
            'is not a CloudTrail trail ARN. Fix: write arn:aws:cloudtrail:<home region>:<management account>:trail/<name>, as printed by aws cloudtrail describe-trails, e.g. "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail"',
        })
        .optional(),
      trailCloudWatchLogs: z
        .boolean({
          error:
            "is not true or false. Fix: write true to also deliver the stack's trail to an encrypted CloudWatch Logs group, or false (the default: the trail bucket only)",
        })
        .optional(),
    },
    {
      error:
        'is not an object. Fix: write a YAML mapping of the AWS settings (see docs/aws.md, "Configuration")',
    },
  )
  .strict()
  .superRefine((aws, ctx) => {
    if (aws.guardDutyDetectorId !== undefined && aws.guardDuty === true) {
      ctx.addIssue({
        code: "custom",
        path: ["guardDuty"],
        message:
          "is true while guardDutyDetectorId names the account's detector, and a region has one detector. Fix: remove guardDuty (the stack then creates none and checks the named one) or remove guardDutyDetectorId",
      });
    }
    if (aws.organizationTrailArn !== undefined && aws.trailCloudWatchLogs === true) {
      ctx.addIssue({
        code: "custom",
        path: ["trailCloudWatchLogs"],
        message:
          "is true while organizationTrailArn names a trail the stack does not own, so it cannot set that trail's delivery. Fix: remove trailCloudWatchLogs and set CloudWatch Logs delivery on the organisation trail in the management account",
      });
    }
  });

export type AwsConfig = z.infer<typeof awsSchema>;
export type AwsDatabaseConfig = z.infer<typeof awsDatabaseSchema>;
