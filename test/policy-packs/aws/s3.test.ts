import { describe, expect, it } from "vitest";
import publicAccessBlock from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-public-access-block";
import kmsEncryption from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-kms-encryption";
import secureTransport from "../../../policy-packs/policies/aws/aws-s3-bucket-enforce-secure-transport";
import versioning from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-versioning";
import accessLogging from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-access-logging";
import disableAcls from "../../../policy-packs/policies/aws/aws-s3-bucket-disable-acls";
import publicAcl from "../../../policy-packs/policies/aws/aws-s3-bucket-disallow-public-acl";
import bucketPolicyPrincipal from "../../../policy-packs/policies/aws/aws-s3-bucketpolicy-disallow-public-principal";
import type { StackResourceInput } from "../../helpers/policy";
import { urnOf } from "../../helpers/policy";
import {
  KEY_ARN,
  UNKNOWN_STRING,
  stackViolationsOf,
  violationsOf,
} from "../../helpers/aws-policies";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const SSE =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 =
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";

const tlsOnly = (bucket: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });

/**
 * Two buckets (data, and logs that receives data's access logs) with every side resource. With
 * `join: "deps"` the side resources reference their bucket only through propertyDependencies (their
 * `bucket` value matches nothing); with `join: "name"` only by the bucket name.
 */
function compliantStack(join: "deps" | "name" = "deps"): StackResourceInput[] {
  const out: StackResourceInput[] = [];
  for (const b of ["data", "logs"]) {
    const name = `tenant-a-${b}`;
    out.push({ type: BUCKET, name: b, props: { bucket: name, arn: `arn:aws:s3:::${name}` } });
    const ref = join === "deps" ? { bucket: `computed-${b}` } : { bucket: name };
    const deps = join === "deps" ? { propertyDependencies: { bucket: [b] } } : {};
    const side = (
      type: string,
      role: string,
      props: Record<string, unknown>,
    ): StackResourceInput => ({
      type,
      name: `${b}-${role}`,
      props: { ...ref, ...props },
      ...deps,
    });
    out.push(
      side(PAB, "pab", {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      side(SSE, "sse", {
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: KEY_ARN,
            },
            bucketKeyEnabled: true,
          },
        ],
      }),
      side(VERSIONING, "versioning", { versioningConfiguration: { status: "Enabled" } }),
      side(OWNERSHIP, "ownership", { rule: { objectOwnership: "BucketOwnerEnforced" } }),
      side(POLICY, "policy", { policy: tlsOnly(name) }),
    );
  }
  out.push({
    type: LOGGING,
    name: "data-logging",
    props: {
      bucket: join === "deps" ? "computed-data" : "tenant-a-data",
      targetBucket: join === "deps" ? "computed-logs" : "tenant-a-logs",
      targetPrefix: "data/",
    },
    ...(join === "deps"
      ? { propertyDependencies: { bucket: ["data"], targetBucket: ["logs"] } }
      : {}),
  });
  return out;
}

const without = (stack: StackResourceInput[], name: string) => stack.filter((r) => r.name !== name);
const replace = (stack: StackResourceInput[], name: string, props: Record<string, unknown>) =>
  stack.map((r) => (r.name === name ? { ...r, props: { ...r.props, ...props } } : r));
const messages = (vs: { message: string }[]) => vs.map((v) => v.message);

const STACK_POLICIES = [
  publicAccessBlock,
  kmsEncryption,
  secureTransport,
  versioning,
  accessLogging,
  disableAcls,
];

describe("S3 stack policies: compliant stacks", () => {
  for (const policy of STACK_POLICIES) {
    it(`${policy.name} passes when side resources join by propertyDependencies or by name`, () => {
      expect(stackViolationsOf(policy, compliantStack("deps"))).toEqual([]);
      expect(stackViolationsOf(policy, compliantStack("name"))).toEqual([]);
    });
    it(`${policy.name} stays silent while a bucket reference is unknown`, () => {
      const stack = compliantStack("name").map((r) =>
        r.type === BUCKET || r.name === "data-logging"
          ? r
          : { ...r, props: { ...r.props, bucket: UNKNOWN_STRING } },
      );
      expect(stackViolationsOf(policy, stack)).toEqual([]);
    });
  }
});

describe("aws-s3-bucket-enable-public-access-block", () => {
  it("flags a bucket without a block, at the bucket", () => {
    expect(stackViolationsOf(publicAccessBlock, without(compliantStack(), "data-pab"))).toEqual([
      {
        message:
          'Bucket "data" has no BucketPublicAccessBlock. Add one with all four switches true.',
        urn: urnOf(BUCKET, "data"),
      },
    ]);
  });
  it("flags each switch left off, at the block", () => {
    const stack = replace(compliantStack(), "data-pab", {
      ignorePublicAcls: false,
      restrictPublicBuckets: undefined,
    });
    expect(stackViolationsOf(publicAccessBlock, stack)).toEqual([
      {
        message:
          'BucketPublicAccessBlock "data-pab" for bucket "data" does not set ignorePublicAcls and restrictPublicBuckets to true.',
        urn: urnOf(PAB, "data-pab"),
      },
    ]);
  });
  it("accepts a complete account-level block instead", () => {
    const stack = [
      ...without(without(compliantStack(), "data-pab"), "logs-pab"),
      {
        type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        name: "account",
        props: {
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      },
    ];
    expect(stackViolationsOf(publicAccessBlock, stack)).toEqual([]);
    const partial = replace(stack, "account", { blockPublicPolicy: false });
    expect(messages(stackViolationsOf(publicAccessBlock, partial))).toHaveLength(2);
  });
});

describe("aws-s3-bucket-enable-kms-encryption", () => {
  it("flags a bucket without any encryption configuration", () => {
    expect(stackViolationsOf(kmsEncryption, without(compliantStack(), "data-sse"))).toEqual([
      {
        message:
          'Bucket "data" has no server-side encryption configuration, so only SSE-S3 applies. Add a BucketServerSideEncryptionConfiguration with aws:kms and a customer-managed key.',
        urn: urnOf(BUCKET, "data"),
      },
    ]);
  });
  it("flags SSE-S3, the AWS-managed key and a missing bucket key", () => {
    const rule = (d: Record<string, unknown>, bucketKeyEnabled?: boolean) => ({
      rules: [
        {
          applyServerSideEncryptionByDefault: d,
          ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }),
        },
      ],
    });
    const aes = replace(compliantStack(), "data-sse", rule({ sseAlgorithm: "AES256" }, true));
    expect(stackViolationsOf(kmsEncryption, aes)).toEqual([
      {
        message:
          'Encryption configuration "data-sse" for bucket "data": sseAlgorithm is "AES256", not aws:kms.',
        urn: urnOf(SSE, "data-sse"),
      },
    ]);
    const awsKey = replace(compliantStack(), "data-sse", rule({ sseAlgorithm: "aws:kms" }, true));
    expect(messages(stackViolationsOf(kmsEncryption, awsKey))).toEqual([
      'Encryption configuration "data-sse" for bucket "data": kmsMasterKeyId is not set, so the AWS-managed key is used.',
    ]);
    const aliasKey = replace(
      compliantStack(),
      "data-sse",
      rule({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }, true),
    );
    expect(messages(stackViolationsOf(kmsEncryption, aliasKey))).toEqual([
      'Encryption configuration "data-sse" for bucket "data": kmsMasterKeyId is "alias/aws/s3", an AWS-managed key.',
    ]);
    const noBucketKey = replace(
      compliantStack(),
      "data-sse",
      rule({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }),
    );
    expect(messages(stackViolationsOf(kmsEncryption, noBucketKey))).toEqual([
      'Encryption configuration "data-sse" for bucket "data": bucketKeyEnabled is not true.',
    ]);
    expect(stackViolationsOf(kmsEncryption, noBucketKey, { requireBucketKey: false })).toEqual([]);
    expect(stackViolationsOf(kmsEncryption, awsKey, { requireCustomerManagedKey: false })).toEqual(
      [],
    );
  });
  it("accepts dual-layer KMS without a bucket key and the V2 side resource", () => {
    const dsse = replace(compliantStack(), "data-sse", {
      rules: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms:dsse",
            kmsMasterKeyId: KEY_ARN,
          },
        },
      ],
    });
    expect(stackViolationsOf(kmsEncryption, dsse)).toEqual([]);
    const v2 = compliantStack().map((r) => (r.name === "data-sse" ? { ...r, type: SSE_V2 } : r));
    expect(stackViolationsOf(kmsEncryption, v2)).toEqual([]);
  });
  it("honours the deprecated inline arguments of Bucket and BucketV2", () => {
    const inlineBucket: StackResourceInput = {
      type: BUCKET,
      name: "legacy",
      props: {
        bucket: "legacy",
        serverSideEncryptionConfiguration: {
          rule: {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: KEY_ARN,
            },
            bucketKeyEnabled: true,
          },
        },
      },
    };
    expect(stackViolationsOf(kmsEncryption, [inlineBucket])).toEqual([]);
    const v2: StackResourceInput = {
      type: BUCKET_V2,
      name: "v2",
      props: {
        bucket: "v2",
        serverSideEncryptionConfigurations: [
          {
            rules: [
              {
                applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }],
                bucketKeyEnabled: false,
              },
            ],
          },
        ],
      },
    };
    expect(stackViolationsOf(kmsEncryption, [v2])).toEqual([
      {
        message:
          'Bucket "v2" inline serverSideEncryptionConfiguration: sseAlgorithm is "AES256", not aws:kms.',
        urn: urnOf(BUCKET_V2, "v2"),
      },
    ]);
  });
  it("lets a side resource win over the bucket's stale inline output", () => {
    const stack = replace(compliantStack(), "data", {
      serverSideEncryptionConfiguration: {
        rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      },
    });
    expect(stackViolationsOf(kmsEncryption, stack)).toEqual([]);
  });
});

describe("aws-s3-bucket-enforce-secure-transport", () => {
  it("flags a bucket without a bucket policy", () => {
    expect(stackViolationsOf(secureTransport, without(compliantStack(), "data-policy"))).toEqual([
      {
        message:
          'Bucket "data" has no bucket policy statement denying s3:* to Principal "*" when aws:SecureTransport is false. Add one.',
        urn: urnOf(BUCKET, "data"),
      },
    ]);
  });
  it("flags a policy without the TLS deny", () => {
    const allowOnly = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::1:role/app" },
          Action: "s3:GetObject",
          Resource: "*",
        },
      ],
    });
    expect(
      messages(
        stackViolationsOf(
          secureTransport,
          replace(compliantStack(), "data-policy", { policy: allowOnly }),
        ),
      ),
    ).toHaveLength(1);
    const partial = tlsOnly("tenant-a-data").replace('"s3:*"', '"s3:GetObject"');
    expect(
      messages(
        stackViolationsOf(
          secureTransport,
          replace(compliantStack(), "data-policy", { policy: partial }),
        ),
      ),
    ).toHaveLength(1);
  });
  it("accepts the statement in the deprecated inline policy, with a boolean condition value", () => {
    const doc = JSON.parse(tlsOnly("legacy")) as { Statement: { Condition: unknown }[] };
    doc.Statement[0]!.Condition = { Bool: { "aws:SecureTransport": false } };
    expect(
      stackViolationsOf(secureTransport, [
        { type: BUCKET, name: "legacy", props: { bucket: "legacy", policy: doc } },
      ]),
    ).toEqual([]);
  });
});

describe("aws-s3-bucket-enable-versioning", () => {
  it("flags a missing or suspended configuration", () => {
    expect(stackViolationsOf(versioning, without(compliantStack(), "data-versioning"))).toEqual([
      {
        message: 'Bucket "data" has no versioning. Add a BucketVersioning with status "Enabled".',
        urn: urnOf(BUCKET, "data"),
      },
    ]);
    expect(
      stackViolationsOf(
        versioning,
        replace(compliantStack(), "data-versioning", {
          versioningConfiguration: { status: "Suspended" },
        }),
      ),
    ).toEqual([
      {
        message:
          'Versioning "data-versioning" for bucket "data" has status "Suspended", not "Enabled".',
        urn: urnOf(VERSIONING, "data-versioning"),
      },
    ]);
  });
  it("honours inline versioning", () => {
    expect(
      stackViolationsOf(versioning, [
        { type: BUCKET, name: "a", props: { bucket: "a", versioning: { enabled: true } } },
      ]),
    ).toEqual([]);
    expect(
      stackViolationsOf(versioning, [
        { type: BUCKET_V2, name: "b", props: { bucket: "b", versionings: [{ enabled: true }] } },
      ]),
    ).toEqual([]);
    expect(
      stackViolationsOf(versioning, [
        { type: BUCKET, name: "c", props: { bucket: "c", versioning: { enabled: false } } },
      ]),
    ).toHaveLength(1);
  });
});

describe("aws-s3-bucket-enable-access-logging", () => {
  it("flags a bucket that logs nowhere", () => {
    expect(stackViolationsOf(accessLogging, without(compliantStack(), "data-logging"))).toEqual([
      {
        message:
          'Bucket "data" has no access logging. Add a BucketLogging that targets a log bucket.',
        urn: urnOf(BUCKET, "data"),
      },
      {
        message:
          'Bucket "logs" has no access logging. Add a BucketLogging that targets a log bucket.',
        urn: urnOf(BUCKET, "logs"),
      },
    ]);
  });
  it("exempts log target buckets only while configured to", () => {
    expect(
      messages(
        stackViolationsOf(accessLogging, compliantStack(), { exemptLogTargetBuckets: false }),
      ),
    ).toEqual([
      'Bucket "logs" has no access logging. Add a BucketLogging that targets a log bucket.',
    ]);
  });
  it("honours inline logging and exempts its targets", () => {
    const stack: StackResourceInput[] = [
      {
        type: BUCKET_V2,
        name: "a",
        props: { bucket: "a", loggings: [{ targetBucket: "central-logs", targetPrefix: "a/" }] },
      },
      { type: BUCKET, name: "central", props: { bucket: "central-logs" } },
    ];
    expect(stackViolationsOf(accessLogging, stack)).toEqual([]);
  });
});

describe("aws-s3-bucket-disable-acls", () => {
  it("flags missing ownership controls and ACL-keeping modes", () => {
    expect(
      messages(stackViolationsOf(disableAcls, without(compliantStack(), "data-ownership"))),
    ).toEqual([
      'Bucket "data" has no BucketOwnershipControls. Add one with objectOwnership "BucketOwnerEnforced".',
    ]);
    expect(
      stackViolationsOf(
        disableAcls,
        replace(compliantStack(), "data-ownership", { rule: { objectOwnership: "ObjectWriter" } }),
      ),
    ).toEqual([
      {
        message:
          'Ownership controls "data-ownership" for bucket "data" set objectOwnership "ObjectWriter", so ACLs stay in force. Use "BucketOwnerEnforced".',
        urn: urnOf(OWNERSHIP, "data-ownership"),
      },
    ]);
  });
});

describe("aws-s3-bucket-disallow-public-acl", () => {
  it("passes private buckets and ACL resources", () => {
    expect(violationsOf(publicAcl, BUCKET, { bucket: "a" })).toEqual([]);
    expect(
      violationsOf(publicAcl, "aws:s3/bucketAcl:BucketAcl", { bucket: "a", acl: "private" }),
    ).toEqual([]);
  });
  it("flags public canned ACLs", () => {
    expect(violationsOf(publicAcl, BUCKET, { bucket: "a", acl: "public-read" })).toEqual([
      'acl is "public-read", which opens the bucket beyond its owner. Remove it or use "private".',
    ]);
    expect(
      violationsOf(publicAcl, "aws:s3/bucketAclV2:BucketAclV2", {
        bucket: "a",
        acl: "authenticated-read",
      }),
    ).toHaveLength(1);
  });
  it("flags grants to everyone, inline or in an access control policy", () => {
    const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    expect(
      violationsOf(publicAcl, BUCKET_V2, {
        grants: [{ type: "Group", uri: allUsers, permissions: ["READ"] }],
      }),
    ).toEqual(["A grant gives the AllUsers group access to the bucket. Remove the grant."]);
    const acp = {
      bucket: "a",
      accessControlPolicy: {
        owner: { id: "o" },
        grants: [
          {
            grantee: {
              type: "Group",
              uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
            },
            permission: "READ",
          },
        ],
      },
    };
    expect(violationsOf(publicAcl, "aws:s3/bucketAcl:BucketAcl", acp)).toEqual([
      "A grant gives the AuthenticatedUsers group access to the bucket. Remove the grant.",
    ]);
  });
});

describe("aws-s3-bucketpolicy-disallow-public-principal", () => {
  it("passes the TLS deny and principals named or limited to a VPC endpoint", () => {
    expect(
      violationsOf(bucketPolicyPrincipal, POLICY, { bucket: "a", policy: tlsOnly("a") }),
    ).toEqual([]);
    const vpce = {
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::a/*",
          Condition: { StringEquals: { "aws:SourceVpce": "vpce-123" } },
        },
      ],
    };
    expect(violationsOf(bucketPolicyPrincipal, POLICY, { bucket: "a", policy: vpce })).toEqual([]);
  });
  it("flags a public Allow on the policy resource and the inline argument", () => {
    const open = {
      Statement: [
        {
          Sid: "Public",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::a/*",
        },
      ],
    };
    expect(violationsOf(bucketPolicyPrincipal, POLICY, { bucket: "a", policy: open })).toEqual([
      'Bucket policy statement "Public" allows every principal without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
    expect(
      violationsOf(bucketPolicyPrincipal, BUCKET, { policy: JSON.stringify(open) }),
    ).toHaveLength(1);
    const anyIp = structuredClone(open) as { Statement: Record<string, unknown>[] };
    anyIp.Statement[0]!.Condition = { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } };
    expect(
      violationsOf(bucketPolicyPrincipal, POLICY, { bucket: "a", policy: anyIp }),
    ).toHaveLength(1);
  });
});
