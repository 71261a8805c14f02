/**
 * Realistic StackReview fixtures for the reporter tests: the kit's four packs plus a third-party
 * pack (awsguard, which maps no NIST controls), an AWS stack with a component tree, secrets masked,
 * violations at every severity, a waived finding, an expired and an unused waiver.
 */
import type {
  Level,
  PackDescription,
  PolicyDescription,
  ReviewedResource,
  Severity,
  StackReview,
  Violation,
  WaivedViolation,
  Waiver,
} from "../../review/model";

export const PROJECT = "enclave";

export function urnOf(stack: string, qualifiedType: string, name: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${qualifiedType}::${name}`;
}

export function resource(
  stack: string,
  qualifiedType: string,
  name: string,
  extra: Partial<ReviewedResource> = {},
): ReviewedResource {
  const segments = qualifiedType.split("$");
  const type = segments[segments.length - 1]!;
  const isStack = type === "pulumi:pulumi:Stack";
  const custom = !isStack && !type.startsWith("enclave:");
  return {
    urn: urnOf(stack, qualifiedType, name),
    type,
    name,
    parent: isStack ? undefined : urnOf(stack, "pulumi:pulumi:Stack", `${PROJECT}-${stack}`),
    custom,
    protect: false,
    retainOnDelete: false,
    provider:
      custom && !type.startsWith("pulumi:providers:")
        ? `${urnOf(stack, `pulumi:providers:${type.split(":")[0]}`, "default")}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`
        : undefined,
    dependencies: [],
    propertyDependencies: {},
    additionalSecretOutputs: [],
    inputs: {},
    outputs: {},
    ...extra,
  };
}

function policy(
  pack: string,
  name: string,
  severity: Severity,
  enforcementLevel: Level,
  nistControls: string[],
  description: string,
  remediation: string,
  extra: Partial<PolicyDescription> = {},
): PolicyDescription {
  return {
    pack,
    name,
    description,
    severity,
    enforcementLevel,
    remediation,
    tags: [
      ...nistControls.map((c) => `nist-800-53:${c}`),
      ...(extra.cisControls ?? []).map((c) => `cis:${c}`),
    ],
    nistControls,
    cisControls: [],
    kind: "resource",
    ...extra,
  };
}

export function packs(): PackDescription[] {
  const enc = "encryption";
  const lp = "least-privilege";
  const dp = "data-protection";
  return [
    {
      name: enc,
      version: "0.1.0",
      displayName: "enclave: encryption",
      directory: "/work/main/policy-packs/encryption",
      policies: [
        policy(
          enc,
          "aws-kms-key-rotation-enabled",
          "high",
          "mandatory",
          ["SC-12", "SC-28"],
          "Customer managed KMS keys must rotate their key material every year. Rotation limits the data exposed by one compromised key.",
          "Set enableKeyRotation: true on the aws.kms.Key (the kit's KmsKey component does this by default).",
          { cisControls: ["CIS AWS 3.6"] },
        ),
        policy(
          enc,
          "aws-s3-bucket-encryption-cmk",
          "high",
          "mandatory",
          ["SC-28(1)", "SC-28", "SC-12"],
          "Buckets must be encrypted with a customer managed KMS key. AWS-owned keys cannot be audited or revoked by the operator.",
          "Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and kmsMasterKeyId set to the stack's data key.",
          { kind: "stack" },
        ),
        policy(
          enc,
          "aws-rds-instance-storage-encrypted",
          "high",
          "mandatory",
          ["SC-28(1)"],
          "Database storage must be encrypted at rest with the stack's KMS key.",
          "Set storageEncrypted: true and kmsKeyId to the data key's ARN on the aws.rds.Instance.",
        ),
      ],
    },
    {
      name: lp,
      version: "0.1.0",
      directory: "/work/main/policy-packs/least-privilege",
      policies: [
        policy(
          lp,
          "aws-iam-policy-no-wildcard-actions",
          "critical",
          "mandatory",
          ["AC-6", "AC-6(10)"],
          "IAM policy documents must not allow wildcard actions. A wildcard grants every present and future action of a service.",
          "List the actions the workload calls (for example s3:GetObject and s3:PutObject) instead of s3:* or *.",
        ),
        policy(
          lp,
          "kubernetes-rbac-clusterrolebinding-no-cluster-admin",
          "critical",
          "mandatory",
          ["AC-6(5)", "AC-2", "AC-6"],
          "No ClusterRoleBinding may grant cluster-admin. Administrative access goes through short-lived, audited break-glass roles.",
          "Bind a namespaced Role with the verbs the subject needs, or use the kit's break-glass role.",
        ),
        policy(
          lp,
          "aws-ec2-security-group-no-public-ingress",
          "high",
          "advisory",
          ["SC-7", "AC-4"],
          "Security groups must not admit 0.0.0.0/0 or ::/0. Ingress comes only from the stack's allowlists.",
          "Replace the open CIDR with entries from enclave:allowlist.",
        ),
      ],
    },
    {
      name: dp,
      version: "0.1.0",
      directory: "/work/main/policy-packs/data-protection",
      policies: [
        policy(
          dp,
          "pulumi-stateful-resource-protected",
          "medium",
          "mandatory",
          ["CP-9", "SI-12"],
          "Stateful resources (buckets, databases, keys) must be protected with Pulumi's protect option so that a pulumi destroy cannot delete them.",
          "Pass { protect: true } in the resource options, or waive with a justification for disposable data.",
        ),
        policy(
          dp,
          "aws-cloudwatch-log-group-retention",
          "low",
          "advisory",
          ["AU-11"],
          "Log groups must keep events for at least 365 days so incidents can be investigated.",
          "Set retentionInDays to 365 or more.",
        ),
        policy(
          dp,
          "aws-s3-bucket-versioning-enabled",
          "medium",
          "disabled",
          ["CP-9", "CP-10"],
          "Buckets must keep object versions so that overwritten or deleted objects can be restored.",
          "Add an aws.s3.BucketVersioning with status Enabled.",
        ),
      ],
    },
    {
      name: "awsguard",
      version: "0.3.1",
      displayName: "AWSGuard",
      directory: "/work/main/node_modules/@pulumi/awsguard",
      policies: [
        policy(
          "awsguard",
          "s3-bucket-logging-enabled",
          "medium",
          "advisory",
          [],
          "Checks that S3 Bucket logging is enabled.",
          "Enable access logging on the bucket.",
          { tags: [] },
        ),
        policy(
          "awsguard",
          "rds-instance-backup-enabled",
          "medium",
          "mandatory",
          [],
          "Checks that RDS Instances have backups enabled.",
          "Set backupRetentionPeriod to 1 or more days.",
          { tags: [] },
        ),
      ],
    },
  ];
}

export function resources(stack: string): ReviewedResource[] {
  const storage = urnOf(stack, "enclave:aws:Storage", "data");
  const identity = urnOf(stack, "enclave:aws:Identity", "app");
  const key = urnOf(stack, "enclave:aws:Storage$aws:kms/key:Key", "data-key");
  const bucket = urnOf(stack, "enclave:aws:Storage$aws:s3/bucket:Bucket", "data-bucket");
  return [
    resource(stack, "pulumi:pulumi:Stack", `${PROJECT}-${stack}`),
    resource(stack, "pulumi:providers:aws", "default", { inputs: { region: "eu-west-1" } }),
    resource(stack, "enclave:aws:Storage", "data"),
    resource(stack, "enclave:aws:Identity", "app"),
    resource(stack, "enclave:aws:Storage$aws:kms/key:Key", "data-key", {
      parent: storage,
      protect: true,
      inputs: {
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        description: "enclave data key",
      },
    }),
    resource(stack, "enclave:aws:Storage$aws:s3/bucket:Bucket", "data-bucket", {
      parent: storage,
      protect: true,
      retainOnDelete: true,
      inputs: { forceDestroy: false, tags: { "enclave:tenant": "shared" } },
    }),
    resource(
      stack,
      "enclave:aws:Storage$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "data-bucket-sse",
      {
        parent: storage,
        dependencies: [bucket, key],
        propertyDependencies: { bucket: [bucket], rules: [key] },
        inputs: {
          bucket: "data-bucket-4f3c2a1",
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/3f1d2b4c",
              },
              bucketKeyEnabled: true,
            },
          ],
        },
      },
    ),
    resource(stack, "enclave:aws:Storage$aws:s3/bucket:Bucket", "scratch", { parent: storage }),
    resource(stack, "enclave:aws:Storage$aws:s3/bucket:Bucket", "logs-bucket", { parent: storage }),
    resource(stack, "enclave:aws:Identity$aws:iam/policy:Policy", "app-policy", {
      parent: identity,
      inputs: {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
        }),
      },
    }),
    resource(stack, "aws:cloudwatch/logGroup:LogGroup", "app-logs", {
      inputs: { retentionInDays: 30 },
    }),
    resource(stack, "random:index/randomPassword:RandomPassword", "db-password", {
      inputs: { length: 32, special: false },
      additionalSecretOutputs: ["result"],
      outputs: { length: 32, special: false, result: "[secret]" },
    }),
    resource(stack, "aws:rds/instance:Instance", "db", {
      protect: true,
      inputs: { engine: "postgres", password: "[secret]", storageEncrypted: true },
    }),
    resource(stack, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "ops-admin", {
      inputs: {
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "ClusterRole",
          name: "cluster-admin",
        },
        subjects: [{ kind: "Group", name: "ops" }],
      },
    }),
  ];
}

function violation(
  stack: string,
  pack: string,
  policyName: string,
  qualifiedType: string | undefined,
  name: string,
  message: string,
  level: "mandatory" | "advisory",
): Violation {
  const described = packs()
    .find((p) => p.name === pack)!
    .policies.find((p) => p.name === policyName)!;
  return {
    pack,
    packVersion: pack === "awsguard" ? "0.3.1" : "0.1.0",
    policy: policyName,
    severity: described.severity,
    enforcementLevel: level,
    urn: qualifiedType ? urnOf(stack, qualifiedType, name) : undefined,
    message,
    description: described.description,
  };
}

export const SCRATCH_WAIVER: Waiver = {
  policy: "pulumi-stateful-resource-protected",
  resource: "scratch",
  justification: "Scratch space for thumbnails, rebuilt nightly from the data bucket.",
  expires: "2030-06-30",
};
export const EXPIRED_WAIVER: Waiver = {
  policy: "aws-s3-bucket-encryption-cmk",
  resource: "logs-bucket",
  justification: "Access logs bucket; S3 log delivery could not use a CMK before the migration.",
  expires: "2024-12-31",
};
export const UNUSED_WAIVER: Waiver = {
  policy: "aws-rds-instance-deletion-protection",
  resource: "db",
  justification: "The dev database is recreated every sprint.",
  expires: "2030-01-31",
};

/** What ran, for a fixture: every enabled policy of `described` judged `each` resources. */
export function judgedAll(
  described: readonly PackDescription[],
  analyzed: number,
  each = 2,
): StackReview["judged"] {
  return {
    policies: described.flatMap((pack) =>
      pack.policies
        .filter((p) => p.enforcementLevel !== "disabled")
        .map((p) => ({ pack: pack.name, policy: p.name, resources: each })),
    ),
    resources: analyzed,
    analyzed,
  };
}

/** A stack with findings: 3 mandatory (2 critical, 1 high under an expired waiver), 2 advisory. */
export function failingReview(
  stack = "aws-dev",
  overrides: Partial<StackReview> = {},
): StackReview {
  const waived: WaivedViolation = {
    ...violation(
      stack,
      "data-protection",
      "pulumi-stateful-resource-protected",
      "enclave:aws:Storage$aws:s3/bucket:Bucket",
      "scratch",
      'Resource "scratch" holds data but is not protected; pulumi destroy would delete it.',
      "mandatory",
    ),
    waiver: SCRATCH_WAIVER,
  };
  return {
    project: PROJECT,
    stack,
    programDir: "/work/main/stacks",
    configFile: `/work/main/stacks/Pulumi.${stack}.yaml`,
    placeholderSecrets: ["enclave:dbPassword", "enclave:keycloakAdminPassword"],
    resources: resources(stack),
    outputs: { appUrl: "https://annotate.example.com" },
    packs: packs(),
    judged: judgedAll(packs(), resources(stack).length - 1),
    violations: [
      violation(
        stack,
        "data-protection",
        "aws-cloudwatch-log-group-retention",
        "aws:cloudwatch/logGroup:LogGroup",
        "app-logs",
        "Log group keeps events for 30 days; at least 365 are required.",
        "advisory",
      ),
      violation(
        stack,
        "least-privilege",
        "aws-iam-policy-no-wildcard-actions",
        "enclave:aws:Identity$aws:iam/policy:Policy",
        "app-policy",
        'Statement 0 allows the wildcard action "s3:*" on "*".',
        "mandatory",
      ),
      violation(
        stack,
        "encryption",
        "aws-s3-bucket-encryption-cmk",
        "enclave:aws:Storage$aws:s3/bucket:Bucket",
        "logs-bucket",
        'Bucket "logs-bucket" has no server-side encryption configuration with a customer managed key.',
        "mandatory",
      ),
      violation(
        stack,
        "awsguard",
        "s3-bucket-logging-enabled",
        "enclave:aws:Storage$aws:s3/bucket:Bucket",
        "data-bucket",
        "Bucket logging must be defined.",
        "advisory",
      ),
      violation(
        stack,
        "least-privilege",
        "kubernetes-rbac-clusterrolebinding-no-cluster-admin",
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "ops-admin",
        'ClusterRoleBinding "ops-admin" grants cluster-admin to Group "ops".',
        "mandatory",
      ),
    ],
    waived: [waived],
    expiredWaivers: [EXPIRED_WAIVER],
    unusedWaivers: [UNUSED_WAIVER],
    errors: [],
    timingsMs: { program: 812, packs: 1490, total: 2410 },
    ...overrides,
  };
}

/** The same footprint reviewed clean. */
export function cleanReview(stack = "aws-prod", overrides: Partial<StackReview> = {}): StackReview {
  return failingReview(stack, {
    placeholderSecrets: [],
    violations: [],
    waived: [],
    expiredWaivers: [],
    unusedWaivers: [],
    ...overrides,
  });
}

export const AWSGUARD_CRASH =
  "The pack awsguard (node_modules/@pulumi/awsguard) exited with code 1 before answering GetAnalyzerInfo: " +
  "Cannot find module '@pulumi/aws'. Run npm ci in the repository root and review again.";

/** A stack where the third-party pack crashed: could not be evaluated. */
export function erroredReview(
  stack = "aws-staging",
  overrides: Partial<StackReview> = {},
): StackReview {
  return cleanReview(stack, {
    errors: [{ phase: "pack", subject: "awsguard", message: AWSGUARD_CRASH }],
    ...overrides,
  });
}
