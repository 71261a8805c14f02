import { describe, expect, it } from "vitest";
import configureCmk from "../../../policy-packs/policies/aws/aws-cloudtrail-trail-configure-cmk";
import logValidation from "../../../policy-packs/policies/aws/aws-cloudtrail-trail-enable-log-validation";
import lockedBucket from "../../../policy-packs/policies/aws/aws-cloudtrail-trail-require-locked-bucket";
import dataEvents from "../../../policy-packs/policies/aws/aws-s3-bucket-require-trail-data-events";
import type { StackResourceInput } from "../../helpers/policy";
import {
  KEY_ARN,
  UNKNOWN_STRING,
  stackViolationsOf,
  violationsOf,
  withValue,
} from "../../helpers/aws-policies";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const urn = (type: string, name: string) => `urn:pulumi:test::enclave::${type}::${name}`;
const DATA = "enclave-acme-prod-data-111122223333";
const ACCESS = "enclave-acme-prod-access-logs-111122223333";
const TRAIL_BUCKET = "enclave-acme-prod-trail-111122223333";

/** The kit's trail (components/aws/trail/trail.ts). */
const trail = {
  name: "enclave-acme-prod",
  s3BucketName: TRAIL_BUCKET,
  kmsKeyId: KEY_ARN,
  enableLogFileValidation: true,
  enableLogging: true,
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  advancedEventSelectors: [
    { name: "m", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    {
      name: "d",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWiths: [`arn:aws:s3:::${DATA}/`] },
      ],
    },
  ],
};

/** The kit's pre-fix shape: the data bucket logging into its access-log bucket, no trail. */
const preFix: StackResourceInput[] = [
  { type: BUCKET, name: "data", props: { bucket: DATA } },
  { type: BUCKET, name: "access", props: { bucket: ACCESS } },
  { type: LOGGING, name: "data-logging", props: { bucket: DATA, targetBucket: ACCESS } },
];
const withTrail = (
  t: Record<string, unknown> = trail,
  trailBucket: Record<string, unknown> = { objectLockEnabled: true },
): StackResourceInput[] => [
  ...preFix,
  { type: BUCKET, name: "trail-logs", props: { bucket: TRAIL_BUCKET, ...trailBucket } },
  { type: LOGGING, name: "trail-logging", props: { bucket: TRAIL_BUCKET, targetBucket: ACCESS } },
  { type: TRAIL, name: "trail", props: t },
];

describe("aws-cloudtrail-trail-configure-cmk and -enable-log-validation", () => {
  it("pass the kit's trail", () => {
    expect(violationsOf(configureCmk, TRAIL, trail)).toEqual([]);
    expect(violationsOf(logValidation, TRAIL, trail)).toEqual([]);
  });

  it("fire on a trail without a key, with an AWS-managed key, or without validation", () => {
    expect(violationsOf(configureCmk, TRAIL, withValue(trail, "kmsKeyId", undefined))).toEqual([
      "kmsKeyId is not set, so the trail's log files have only SSE-S3 encryption. Name a customer-managed key.",
    ]);
    expect(
      violationsOf(configureCmk, TRAIL, withValue(trail, "kmsKeyId", "alias/aws/s3")),
    ).toHaveLength(1);
    for (const value of [false, undefined]) {
      expect(
        violationsOf(logValidation, TRAIL, withValue(trail, "enableLogFileValidation", value)),
      ).toEqual([
        "enableLogFileValidation is not true, so tampering with delivered log files cannot be detected. Set enableLogFileValidation: true.",
      ]);
    }
  });
});

describe("aws-cloudtrail-trail-require-locked-bucket", () => {
  it("passes the kit's trail into its locked bucket, and a trail into a bucket the stack does not own", () => {
    expect(stackViolationsOf(lockedBucket, withTrail())).toEqual([]);
    expect(
      stackViolationsOf(lockedBucket, [
        { type: TRAIL, name: "trail", props: { ...trail, s3BucketName: "org-trail-bucket" } },
      ]),
    ).toEqual([]);
  });

  it("fires on a trail whose bucket has no Object Lock", () => {
    expect(stackViolationsOf(lockedBucket, withTrail(trail, {}))).toEqual([
      {
        message:
          'Trail "trail" delivers to bucket "trail-logs", which has no Object Lock. Create the log bucket with objectLockEnabled: true and a default retention.',
        urn: urn(TRAIL, "trail"),
      },
    ]);
  });

  it("stays silent while the trail's bucket is unknown", () => {
    expect(
      stackViolationsOf(lockedBucket, withTrail({ ...trail, s3BucketName: UNKNOWN_STRING }, {})),
    ).toEqual([]);
  });
});

describe("aws-s3-bucket-require-trail-data-events", () => {
  const missing = {
    message: `Bucket "data" holds data but no trail of the stack records its object reads and writes. Add a trail with S3 data events (read and write) for ${DATA}.`,
    urn: urn(BUCKET, "data"),
  };

  it("passes the kit's trail, a trail of every bucket's objects, and legacy event selectors", () => {
    expect(stackViolationsOf(dataEvents, withTrail())).toEqual([]);
    const everyBucket = withValue(trail, "advancedEventSelectors.1.fieldSelectors", [
      { field: "eventCategory", equals: ["Data"] },
      { field: "resources.type", equals: ["AWS::S3::Object"] },
    ]);
    expect(stackViolationsOf(dataEvents, withTrail(everyBucket))).toEqual([]);
    const legacy = {
      ...trail,
      advancedEventSelectors: undefined,
      eventSelectors: [
        {
          readWriteType: "All",
          dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${DATA}/`] }],
        },
      ],
    };
    expect(stackViolationsOf(dataEvents, withTrail(legacy))).toEqual([]);
  });

  it("fires on the kit's pre-fix shape: a data bucket and no trail (log buckets are not judged)", () => {
    expect(stackViolationsOf(dataEvents, preFix)).toEqual([missing]);
  });

  it("fires when the trail records only reads, only a prefix, another bucket, or is not logging", () => {
    const mutations = [
      withValue(trail, "advancedEventSelectors.1.fieldSelectors.3", {
        field: "readOnly",
        equals: ["true"],
      }),
      withValue(trail, "advancedEventSelectors.1.fieldSelectors.2.startsWiths", [
        `arn:aws:s3:::${DATA}/exports/`,
      ]),
      withValue(trail, "advancedEventSelectors.1.fieldSelectors.2.startsWiths", [
        "arn:aws:s3:::other/",
      ]),
      withValue(trail, "advancedEventSelectors.1.fieldSelectors.1.equals", [
        "AWS::S3::AccessPoint",
      ]),
      withValue(trail, "enableLogging", false),
      {
        ...trail,
        advancedEventSelectors: undefined,
        eventSelectors: [
          {
            readWriteType: "WriteOnly",
            dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${DATA}/`] }],
          },
        ],
      },
    ];
    for (const t of mutations) {
      expect(stackViolationsOf(dataEvents, withTrail(t))).toEqual([missing]);
    }
  });

  it("stays silent while a trail's selectors are unknown", () => {
    const unknown = withValue(trail, "advancedEventSelectors.1.fieldSelectors.2.startsWiths", [
      UNKNOWN_STRING,
    ]);
    expect(stackViolationsOf(dataEvents, withTrail(unknown))).toEqual([]);
  });
});
