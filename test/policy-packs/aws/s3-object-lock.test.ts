import { describe, expect, it } from "vitest";
import objectLock from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-object-lock-compliance";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf } from "../../helpers/aws-policies";

const BUCKET = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const prod = { "enclave:environment": "prod" };

function stack(
  bucket: Record<string, unknown> = {},
  lock: Record<string, unknown> | null = {},
): StackResourceInput[] {
  return [
    {
      type: BUCKET,
      name: "data",
      props: { bucket: "d", arn: "arn:aws:s3:::d", objectLockEnabled: true, tags: prod, ...bucket },
    },
    ...(lock !== null
      ? [
          {
            type: LOCK,
            name: "data-lock",
            props: {
              bucket: "d",
              objectLockEnabled: "Enabled",
              rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
              ...lock,
            },
          },
        ]
      : []),
    // The access-log bucket: no lock needed.
    { type: BUCKET, name: "logs", props: { bucket: "l", arn: "arn:aws:s3:::l", tags: prod } },
    { type: LOGGING, name: "data-logging", props: { bucket: "d", targetBucket: "l" } },
  ];
}
const at = urnOf(BUCKET, "data");

describe("aws-s3-bucket-enable-object-lock-compliance", () => {
  it("passes a prod data bucket locked in COMPLIANCE mode, and ignores the log bucket", () => {
    expect(stackViolationsOf(objectLock, stack())).toEqual([]);
  });

  it("fires on the kit's pre-fix prod bucket (object lock off by default)", () => {
    expect(stackViolationsOf(objectLock, stack({ objectLockEnabled: false }, null))).toEqual([
      {
        message:
          'Bucket "data" (enclave:environment prod) holds data without Object Lock. Create it with objectLockEnabled: true and a COMPLIANCE default retention.',
        urn: at,
      },
    ]);
  });

  it("fires on the kit's pre-fix prod reference stack (GOVERNANCE, bypassable)", () => {
    const governance = { rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } };
    expect(stackViolationsOf(objectLock, stack({}, governance))).toEqual([
      {
        message:
          'Bucket "data" (enclave:environment prod) retains objects in GOVERNANCE mode, which s3:BypassGovernanceRetention lifts. Use COMPLIANCE.',
        urn: at,
      },
    ]);
  });

  it("flags object lock without a default retention", () => {
    expect(stackViolationsOf(objectLock, stack({}, null))).toEqual([
      {
        message:
          'Bucket "data" (enclave:environment prod) has Object Lock on but no default retention. Add a BucketObjectLockConfiguration with mode COMPLIANCE.',
        urn: at,
      },
    ]);
  });

  it("leaves other environments alone, and follows its parameters", () => {
    const dev = stack(
      { objectLockEnabled: false, tags: { "enclave:environment": "dev" } },
      undefined,
    );
    expect(stackViolationsOf(objectLock, dev)).toEqual([]);
    expect(stackViolationsOf(objectLock, dev, { environments: ["dev"] })).toHaveLength(1);
    const env = stack({ objectLockEnabled: false, tags: { env: "production" } }, null);
    expect(
      stackViolationsOf(objectLock, env, {
        environmentTagKey: "env",
        environments: ["production"],
      }),
    ).toHaveLength(1);
  });

  it("stays silent while the lock's bucket or a log target is unknown", () => {
    const floating = stack().map((r) =>
      r.name === "data-lock" ? { ...r, props: { ...r.props, bucket: UNKNOWN_STRING } } : r,
    );
    expect(stackViolationsOf(objectLock, floating)).toEqual([]);
    expect(stackViolationsOf(objectLock, stack({ objectLockEnabled: UNKNOWN_STRING }))).toEqual([]);
  });
});
