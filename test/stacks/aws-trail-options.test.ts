import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { INVOKES } from "../../review/engine/invokes";
import type { EnclaveConfig, RawConfig } from "../../stacks/config";
import {
  type Loose,
  ACCOUNT,
  REGION,
  doc,
  named,
  ofType,
  resolve,
  runProgram,
  setAwsMocks,
  statement,
  type RecordedResource,
} from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";

/**
 * The trail options of the AWS target (enclave:aws.trailCloudWatchLogs, organizationTrailArn,
 * guardDutyDetectorId, guardDuty) on the reference stacks: what each creates, what each reads,
 * and what each refuses at deployment when the account's trail or detector is not what it must be.
 */

type Config = typeof import("../../stacks/config");
type TrailModule = typeof import("../../components/aws/trail");
let trailModule: TrailModule;
type Target = typeof import("../../stacks/targets/aws");
let cfg: Config;
let target: Target;

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const GET_DETECTOR = "aws:guardduty/getDetector:getDetector";
const ORG_TRAIL = "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org-trail";
const DETECTOR_ID = "12abc34d567e8fa901bc2d34e56789f0";
const PREFIX = "enclave-acme-prod";
const OWN_TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${PREFIX}`;

// What the account holds, per test: the state a read of the organisation trail returns, and the
// account's detector (undefined: the reviewer's answer, an enabled detector with both features).
let trailState: Record<string, Loose> = {};
let detectorAnswer: Record<string, Loose> | undefined;

beforeAll(async () => {
  await setAwsMocks({
    call: (token, args) =>
      token === GET_DETECTOR && detectorAnswer !== undefined
        ? { id: args["id"], ...detectorAnswer }
        : undefined,
    pin: (r) => (r.type === TRAIL && r.read ? trailState : undefined),
  });
  cfg = await import("../../stacks/config");
  target = await import("../../stacks/targets/aws");
  trailModule = await import("../../components/aws/trail");
});

beforeEach(() => {
  trailState = {};
  detectorAnswer = undefined;
});

/** A reference stack's raw config with fields of enclave:aws replaced. */
function withAws(stack: string, aws: Record<string, unknown>): RawConfig {
  const raw = readStackFile(stack);
  return { ...raw, "enclave:aws": JSON.stringify({ ...JSON.parse(raw["enclave:aws"]!), ...aws }) };
}
const parse = (raw: RawConfig, stack: string): EnclaveConfig =>
  cfg.parseStackConfig(raw, { project: "enclave", stack });
const build = (stack: string, aws: Record<string, unknown> = {}) =>
  runProgram(() => target.buildAwsTarget(parse(withAws(stack, aws), stack)));
const outputsOf = (result: { outputs: Record<string, unknown> }) => result.outputs;

/** How an output settles: its value, or the message of the error its check threw. */
async function settle(value: unknown): Promise<{ value?: unknown; error?: string }> {
  const promise = (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
  try {
    return { value: await promise };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const logsKeyPolicy = (resources: RecordedResource[]) =>
  named(resources, "aws:kms/key:Key", `${PREFIX}-logs-key`).inputs.policy;

describe("enclave:aws.trailCloudWatchLogs", () => {
  it("is off by default: the trail delivers to its locked bucket only", async () => {
    const { resources } = await build("aws-prod");
    const trail = named(resources, TRAIL, `${PREFIX}-audit-trail`);
    expect(trail.inputs.cloudWatchLogsGroupArn).toBeUndefined();
    expect(trail.inputs.cloudWatchLogsRoleArn).toBeUndefined();
    expect(ofType(resources, LOG_GROUP).map((g) => g.inputs.name)).not.toContain(
      `/aws/cloudtrail/${PREFIX}`,
    );
    expect(resources.some((r) => r.name.includes("trail-delivery"))).toBe(false);
  });

  it("on: a log group under the logs key, kept for the audit retention and protected, that the trail names", async () => {
    const { resources, result } = await build("aws-prod", { trailCloudWatchLogs: true });
    const group = named(resources, LOG_GROUP, `${PREFIX}-audit-trail-logs`);
    const logsKey = named(resources, "aws:kms/key:Key", `${PREFIX}-logs-key`);
    expect(group.inputs).toMatchObject({
      name: `/aws/cloudtrail/${PREFIX}`,
      kmsKeyId: logsKey.state.arn,
      retentionInDays: 365,
    });
    expect(group.protect).toBe(true);
    const role = named(resources, "aws:iam/role:Role", `${PREFIX}-audit-trail-delivery`);
    const trail = named(resources, TRAIL, `${PREFIX}-audit-trail`);
    expect(trail.inputs.cloudWatchLogsGroupArn).toBe(`${group.state.arn}:*`);
    expect(trail.inputs.cloudWatchLogsRoleArn).toBe(role.state.arn);
    // The logs key lets CloudWatch Logs use it for this group (encryption context).
    expect(
      statement(logsKeyPolicy(resources), "CloudWatchLogsUse").Condition.ArnLike[
        "kms:EncryptionContext:aws:logs:arn"
      ],
    ).toContain(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/cloudtrail/${PREFIX}`);
    expect(await resolve(outputsOf(result)["trailLogGroup"] as pulumi.Output<string>)).toBe(
      `/aws/cloudtrail/${PREFIX}`,
    );
  });

  it("on: the delivery role is CloudTrail's for this trail only, and may only write the trail's stream", async () => {
    const { resources } = await build("aws-prod", { trailCloudWatchLogs: true });
    const role = named(resources, "aws:iam/role:Role", `${PREFIX}-audit-trail-delivery`);
    expect(doc(role.inputs.assumeRolePolicy).Statement).toEqual([
      {
        Sid: "ThisTrailOnly",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceArn": OWN_TRAIL_ARN, "aws:SourceAccount": ACCOUNT },
        },
      },
    ]);
    expect(role.inputs.maxSessionDuration).toBe(3600);
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter(
      (p) => p.inputs.role === role.state.name,
    );
    expect(policies.map((p) => p.name)).toEqual([`${PREFIX}-audit-trail-delivery`]);
    expect(doc(policies[0]!.inputs.policy).Statement).toEqual([
      {
        Sid: "TrailStreamOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/cloudtrail/${PREFIX}:log-stream:${ACCOUNT}_CloudTrail_${REGION}*`,
      },
    ]);
    // Nothing else is granted to it: no managed policy, no other inline policy.
    const attachments = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.filter((a) => a.inputs.role === role.state.name)).toEqual([]);
  });
});

describe("enclave:aws.organizationTrailArn", () => {
  it("creates no trail, no trail bucket and no CloudTrail grant on the logs key: it reads the named trail", async () => {
    const { resources, result } = await build("aws-prod", { organizationTrailArn: ORG_TRAIL });
    const trails = ofType(resources, TRAIL);
    expect(trails.map((t) => [t.name, t.read, t.id])).toEqual([
      [`${PREFIX}-organization-trail`, true, ORG_TRAIL],
    ]);
    expect(
      ofType(resources, "aws:s3/bucket:Bucket")
        .map((b) => b.name)
        .sort(),
    ).toEqual([`${PREFIX}-access-logs-bucket`, `${PREFIX}-data-bucket`]);
    const sids = doc(logsKeyPolicy(resources)).Statement.map((s: Loose) => s.Sid);
    expect(sids).not.toContain("CloudTrailEncryptLogs");
    expect(sids).not.toContain("AccountDecryptTrailLogs");
    const outputs = outputsOf(result);
    expect(await settle(outputs["trailArn"])).toEqual({ value: ORG_TRAIL });
    expect(outputs["trailBucketName"]).toBeUndefined();
  });

  it("accepts the trail when the engine says it is an organisation trail, logging, multi-region and validating", async () => {
    trailState = {
      isOrganizationTrail: true,
      enableLogging: true,
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
    };
    const { result } = await build("aws-prod", { organizationTrailArn: ORG_TRAIL });
    expect(await settle(outputsOf(result)["trailArn"])).toEqual({ value: ORG_TRAIL });
  });

  // The check itself (a throw in the read's apply fails `pulumi up`; as a pure function here, so
  // the test does not leave a rejected output behind).
  it("refuses a trail that is not an organisation trail or does not validate its files, naming the key, the ARN and the fix", () => {
    expect(
      trailModule.organizationTrailProblem(PREFIX, ORG_TRAIL, {
        isOrganizationTrail: false,
        enableLogging: true,
        isMultiRegionTrail: true,
        enableLogFileValidation: false,
      }),
    ).toBe(
      `AwsFootprint ${PREFIX}: enclave:aws.organizationTrailArn "${ORG_TRAIL}" names a trail that is not an organisation trail (it records every account of the organisation), nor validating its log files. Fix: name the organisation's trail (aws cloudtrail describe-trails in the management account), or remove the key so the stack creates its own`,
    );
    expect(
      trailModule.organizationTrailProblem(PREFIX, ORG_TRAIL, {
        enableLogging: false,
        isMultiRegionTrail: false,
      }),
    ).toContain("names a trail that is not logging, nor multi-region. Fix:");
    // Fields the engine did not return (the offline read) say nothing.
    expect(trailModule.organizationTrailProblem(PREFIX, ORG_TRAIL, {})).toBeUndefined();
  });

  it.each([
    "org-trail",
    "arn:aws:s3:::enclave-acme-prod-trail-111122223333",
    "arn:aws:cloudtrail:eu-west-1:9999:trail/org-trail",
    "arn:aws:cloudtrail:eu-west-1:999988887777:trail/",
  ])("refuses %s in config, before any resource, naming the key, the value and the fix", (arn) => {
    let message = "";
    try {
      parse(withAws("aws-prod", { organizationTrailArn: arn }), "aws-prod");
    } catch (e) {
      expect(e).toBeInstanceOf(cfg.ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain(
      `enclave:aws.organizationTrailArn = "${arn}": is not a CloudTrail trail ARN. Fix: write arn:aws:cloudtrail:<home region>:<management account>:trail/<name>`,
    );
  });
});

describe("enclave:aws.guardDutyDetectorId", () => {
  it("creates no detector: it reads the account's by id and tags the stack's resources with it", async () => {
    const { resources, result, calls } = await build("aws-prod", {
      guardDutyDetectorId: DETECTOR_ID,
    });
    expect(ofType(resources, DETECTOR)).toEqual([]);
    expect(ofType(resources, FEATURE)).toEqual([]);
    expect(calls.filter((c) => c === GET_DETECTOR)).toEqual([GET_DETECTOR]);
    expect(await settle(outputsOf(result)["guardDutyDetectorId"])).toEqual({ value: DETECTOR_ID });
    const bucket = named(resources, "aws:s3/bucket:Bucket", `${PREFIX}-data-bucket`);
    expect(bucket.inputs.tags["enclave:guardduty-detector"]).toBe(DETECTOR_ID);
  });

  it("refuses a detector that is not enabled, or lacks S3 or EKS audit-log protection, naming the features it lacks", () => {
    // The reviewer's answer for the id, as `pulumi up` would read it, changed one field at a time.
    const answer = INVOKES[GET_DETECTOR]!(
      { id: DETECTOR_ID },
      { awsRegion: REGION, awsAccountId: ACCOUNT, gcpProject: "", gcpRegion: "" },
    ) as { status: string; features: { name: string; status: string }[] };
    expect(trailModule.detectorProblem(PREFIX, DETECTOR_ID, answer)).toBeUndefined();
    expect(
      trailModule.detectorProblem(PREFIX, DETECTOR_ID, { ...answer, status: "DISABLED" }),
    ).toBe(
      `AwsFootprint ${PREFIX}: enclave:aws.guardDutyDetectorId "${DETECTOR_ID}" names a detector whose status is DISABLED. Fix: enable it (aws guardduty update-detector --detector-id ${DETECTOR_ID} --enable) or remove the key so the stack creates its own`,
    );
    const features = [
      { name: "S3_DATA_EVENTS", status: "ENABLED" },
      { name: "EKS_AUDIT_LOGS", status: "DISABLED" },
      { name: "RDS_LOGIN_EVENTS", status: "ENABLED" },
    ];
    expect(trailModule.detectorProblem(PREFIX, DETECTOR_ID, { ...answer, features })).toBe(
      `AwsFootprint ${PREFIX}: enclave:aws.guardDutyDetectorId "${DETECTOR_ID}" names a detector without EKS_AUDIT_LOGS. Fix: enable them on the account's detector (aws guardduty update-detector --detector-id ${DETECTOR_ID} --features Name=<feature>,Status=ENABLED), or remove the key so the stack creates its own`,
    );
    expect(
      trailModule.detectorProblem(PREFIX, DETECTOR_ID, { status: "ENABLED", features: [] }),
    ).toContain("names a detector without S3_DATA_EVENTS, EKS_AUDIT_LOGS. Fix:");
  });

  it("passes on what the account's detector says: the id is read, not assumed", async () => {
    detectorAnswer = {
      status: "ENABLED",
      features: trailModule.GUARDDUTY_FEATURES.map((name) => ({ name, status: "ENABLED" })),
    };
    const { result } = await build("aws-prod", { guardDutyDetectorId: DETECTOR_ID });
    expect(await settle(outputsOf(result)["guardDutyDetectorId"])).toEqual({ value: DETECTOR_ID });
  });
});

describe("enclave:aws.guardDuty", () => {
  it("prod by default: the region's detector, enabled, with S3 and EKS audit-log protection on that detector", async () => {
    const { resources, result } = await build("aws-prod");
    const detector = named(resources, DETECTOR, `${PREFIX}-guardduty`);
    expect(detector.inputs).toMatchObject({
      enable: true,
      findingPublishingFrequency: "FIFTEEN_MINUTES",
    });
    expect(
      ofType(resources, FEATURE).map((f) => [f.inputs.detectorId, f.inputs.name, f.inputs.status]),
    ).toEqual([
      [detector.id, "S3_DATA_EVENTS", "ENABLED"],
      [detector.id, "EKS_AUDIT_LOGS", "ENABLED"],
    ]);
    expect(await settle(outputsOf(result)["guardDutyDetectorId"])).toEqual({ value: detector.id });
  });

  it("dev by default: none; on in dev when set, off in prod when set", async () => {
    const dev = await build("aws-dev");
    expect(ofType(dev.resources, DETECTOR)).toEqual([]);
    expect(outputsOf(dev.result)["guardDutyDetectorId"]).toBeUndefined();
    const devOn = await build("aws-dev", { guardDuty: true });
    expect(ofType(devOn.resources, DETECTOR).map((d) => d.inputs.enable)).toEqual([true]);
    expect(ofType(devOn.resources, FEATURE)).toHaveLength(2);
    const prodOff = await build("aws-prod", { guardDuty: false });
    expect(ofType(prodOff.resources, DETECTOR)).toEqual([]);
    expect(ofType(prodOff.resources, FEATURE)).toEqual([]);
  });
});
