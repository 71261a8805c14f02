import { describe, expect, it } from "vitest";
import rotation from "../../../policy-packs/policies/aws/aws-secretsmanager-secret-enable-rotation";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { KEY_ARN, UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tenant-a/api-AbCdEf";

/** A secret rotated every 30 days by a Lambda, joined by ARN (as outputs carry it). */
const stack = (): StackResourceInput[] => [
  {
    type: SECRET,
    name: "api-secret",
    props: { name: "tenant-a/api", arn: SECRET_ARN, id: SECRET_ARN, kmsKeyId: KEY_ARN },
  },
  {
    type: ROTATION,
    name: "api-secret-rotation",
    props: {
      secretId: SECRET_ARN,
      rotationLambdaArn: "arn:aws:lambda:eu-west-1:111122223333:function:rotate",
      rotationRules: { automaticallyAfterDays: 30 },
    },
  },
];
const rotationAt = (path: string, value: unknown) =>
  stack().map((r) => (r.type === ROTATION ? withValue(r, path, value) : r));
const withoutRotation = () => stack().filter((r) => r.type !== ROTATION);

const noRotation = {
  message:
    'Secret "api-secret" has no aws.secretsmanager.SecretRotation: its value never changes unless someone changes it by hand. Rotate it automatically, or list it in exemptSecrets with the reason.',
  urn: urnOf(SECRET, "api-secret"),
};

describe("aws-secretsmanager-secret-enable-rotation", () => {
  it("passes a secret with a rotation, joined by ARN, by name or through propertyDependencies", () => {
    expect(stackViolationsOf(rotation, stack())).toEqual([]);
    expect(stackViolationsOf(rotation, rotationAt("props.secretId", "tenant-a/api"))).toEqual([]);
    expect(
      stackViolationsOf(
        rotation,
        stack().map((r) =>
          r.type === ROTATION
            ? {
                ...withValue(r, "props.secretId", "computed"),
                propertyDependencies: { secretId: ["api-secret"] },
              }
            : r,
        ),
      ),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        rotation,
        rotationAt("props.rotationRules", { scheduleExpression: "rate(30 days)" }),
      ),
    ).toEqual([]);
  });
  it("flags a secret without a rotation", () => {
    expect(stackViolationsOf(rotation, withoutRotation())).toEqual([noRotation]);
  });
  it("flags a rotation of another secret", () => {
    expect(
      stackViolationsOf(
        rotation,
        rotationAt("props.secretId", "arn:aws:secretsmanager:eu-west-1:1:secret:other"),
      ),
    ).toEqual([noRotation]);
  });
  it("flags a rotation interval above maxRotationDays", () => {
    expect(
      stackViolationsOf(rotation, rotationAt("props.rotationRules.automaticallyAfterDays", 180)),
    ).toEqual([
      {
        message:
          'Secret "api-secret" rotates every 180 days, more than 90. Set rotationRules.automaticallyAfterDays to 90 or less.',
        urn: urnOf(SECRET, "api-secret"),
      },
    ]);
    expect(stackViolationsOf(rotation, stack(), { maxRotationDays: 14 })).toHaveLength(1);
    expect(
      stackViolationsOf(
        rotation,
        rotationAt("props.rotationRules", { scheduleExpression: "rate(120 days)" }),
      ),
    ).toHaveLength(1);
    // A cron schedule is not judged for its interval.
    expect(
      stackViolationsOf(
        rotation,
        rotationAt("props.rotationRules", { scheduleExpression: "cron(0 4 1 */6 ? *)" }),
      ),
    ).toEqual([]);
  });
  it("exempts a listed secret only with a reason", () => {
    const reason = "API key issued by the annotation vendor; it cannot be rotated from AWS.";
    expect(
      stackViolationsOf(rotation, withoutRotation(), {
        exemptSecrets: [{ secret: "tenant-a/api", reason }],
      }),
    ).toEqual([]);
    expect(
      stackViolationsOf(rotation, withoutRotation(), {
        exemptSecrets: [{ secret: "api-secret", reason }],
      }),
    ).toEqual([]);
    expect(
      stackViolationsOf(rotation, withoutRotation(), {
        exemptSecrets: [{ secret: "api-secret", reason: " " }],
      }),
    ).toEqual([
      {
        message:
          'Secret "api-secret" is listed in exemptSecrets without a reason, so it is not exempted. Give the reason it cannot rotate.',
        urn: urnOf(SECRET, "api-secret"),
      },
    ]);
    expect(
      stackViolationsOf(rotation, withoutRotation(), {
        exemptSecrets: [{ secret: "another", reason }, "api-secret", null],
      }),
    ).toEqual([noRotation]);
  });
  it("stays silent while the rotation's secretId is unknown", () => {
    expect(stackViolationsOf(rotation, rotationAt("props.secretId", UNKNOWN_STRING))).toEqual([]);
  });
  it("judges the other secrets when one secret's name is unknown", () => {
    const resources: StackResourceInput[] = [
      ...withoutRotation(),
      { type: SECRET, name: "pending", props: { name: UNKNOWN_STRING } },
    ];
    expect(stackViolationsOf(rotation, resources).map((v) => v.urn)).toEqual([
      urnOf(SECRET, "api-secret"),
      urnOf(SECRET, "pending"),
    ]);
  });
});
