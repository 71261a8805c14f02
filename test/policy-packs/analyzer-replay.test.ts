/**
 * The replay the fixture suites run after their tests (helpers/fixture-recorder.ts) reaches the
 * kit's packs and tells verdicts apart: without these checks it could pass by replaying nothing.
 */
import { describe, expect, it } from "vitest";
import { serialized, throughAnalyzer, type FixtureCase } from "../helpers/analyzer-replay";
import { UNKNOWN_SENTINELS } from "../helpers/unknowns";

const KEY = "aws:kms/key:Key";
const ROTATION = "aws-kms-key-enable-rotation";
const resourceCase = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
  ({
    kind: "resource",
    policy: ROTATION,
    concern: "encryption",
    resources: [{ type: KEY, name: "fixture", props }],
    ...(config ? { config } : {}),
    direct: { violations: [], judged: true },
  }) satisfies FixtureCase;

describe("replaying fixture cases through the analyzer protocol", () => {
  it("returns the pack's verdicts: findings, config parameters, unknowns, other types", async () => {
    const verdicts = await throughAnalyzer([
      resourceCase({ enableKeyRotation: true }),
      resourceCase({ enableKeyRotation: false }),
      resourceCase({ enableKeyRotation: true, rotationPeriodInDays: 730 }),
      resourceCase(
        { enableKeyRotation: true, rotationPeriodInDays: 730 },
        { maximumRotationPeriodDays: 730 },
      ),
      resourceCase({ enableKeyRotation: UNKNOWN_SENTINELS.boolean }),
      { ...resourceCase({}), resources: [{ type: "aws:sqs/queue:Queue", name: "q", props: {} }] },
    ]);
    expect(verdicts).toEqual([
      { violations: [], judged: true },
      {
        violations: [
          {
            message:
              "enableKeyRotation is not true: the key material never rotates. Set enableKeyRotation: true.",
          },
        ],
        judged: true,
      },
      {
        violations: [
          {
            message:
              "rotationPeriodInDays is 730, longer than the allowed 365 days. Lower it to 365 or less.",
          },
        ],
        judged: true,
      },
      { violations: [], judged: true },
      { violations: [], judged: false },
      { violations: [], judged: false },
    ]);
  });

  it("replays a stack case with its URNs, and skips policies no pack carries", async () => {
    const bucket = "aws:s3/bucketV2:BucketV2";
    const [stack, adHoc] = await throughAnalyzer([
      {
        kind: "stack",
        policy: "aws-s3-bucket-enable-kms-encryption",
        concern: "encryption",
        resources: [{ type: bucket, name: "data", props: { bucket: "data" } }],
        config: {},
        direct: { violations: [], judged: true },
      },
      { ...resourceCase({}), policy: "fixture-not-in-any-pack" },
    ]);
    expect(stack?.judged).toBe(true);
    expect(stack?.violations.length).toBeGreaterThan(0);
    expect(stack?.violations.map((v) => v.urn)).toEqual(
      stack?.violations.map(() => `urn:pulumi:test::enclave::${bucket}::data`),
    );
    expect(adHoc).toBeUndefined();
  });

  it("serializes props as the SDK does for the engine", () => {
    expect(serialized({ a: undefined, b: [1, undefined], c: { d: undefined, e: null } })).toEqual({
      b: [1, null],
      c: { e: null },
    });
  });
});
