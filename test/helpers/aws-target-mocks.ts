import { INVOKES } from "../../review/engine/invokes";
import {
  setMockEngine,
  type Loose,
  type MockEngineOptions,
  type RecordedResource,
} from "./mock-engine";

export { resolve, runProgram, type Loose, type RecordedResource } from "./mock-engine";

/**
 * The AWS target's tests on the one mock engine (mock-engine.ts): the reviewer's computed outputs
 * in this account and region (EKS issuer, CA data, cluster security group, RDS master secret,
 * launch template version), and a strict `call` that answers only the invokes the target uses.
 */

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

/** What a test changes in the AWS mocks: an invoke's answer, or a resource's (or a read's) state. */
export interface AwsMockOverrides {
  /** Answers an invoke instead of the default; undefined keeps the default answer. */
  readonly call?: (token: string, args: Record<string, Loose>) => Record<string, Loose> | undefined;
  readonly pin?: MockEngineOptions["pin"];
}

/** Installs the mocks (await in beforeAll, before importing anything that creates resources). */
export async function setAwsMocks(overrides: AwsMockOverrides = {}): Promise<void> {
  await setMockEngine({
    awsRegion: REGION,
    awsAccountId: ACCOUNT,
    ...(overrides.pin !== undefined ? { pin: overrides.pin } : {}),
    call(token, args) {
      const answer = overrides.call?.(token, args);
      if (answer !== undefined) {
        return answer;
      }
      switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return {
            accountId: ACCOUNT,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/session`,
            userId: "AROAEXAMPLE:session",
            id: ACCOUNT,
          };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
          return {
            names: ZONES,
            zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"],
            id: REGION,
            groupNames: [REGION],
          };
        case "aws:guardduty/getDetector:getDetector":
          // The reviewer's answer (an enabled detector with the kit's features), in this account.
          return INVOKES[token]!(args, {
            awsRegion: REGION,
            awsAccountId: ACCOUNT,
            gcpProject: "",
            gcpRegion: "",
          });
        default:
          throw new Error(`Mock not implemented: ${token}`);
      }
    },
  });
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function named(resources: RecordedResource[], type: string, name: string): RecordedResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = ofType(resources, type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; have: ${names.join(", ")}`);
  }
  return found;
}

/** Parses a JSON policy input (string) into an object. */
export function doc(value: unknown): { Version: string; Statement: Loose[] } {
  return typeof value === "string"
    ? JSON.parse(value)
    : (value as { Version: string; Statement: Loose[] });
}

export function statement(policy: unknown, sid: string): Loose {
  const s = doc(policy).Statement.find((x: Loose) => x.Sid === sid);
  if (!s) {
    throw new Error(`no statement ${sid} in ${JSON.stringify(policy)}`);
  }
  return s;
}
