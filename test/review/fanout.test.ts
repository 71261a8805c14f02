import { describe, expect, it } from "vitest";
import { Fanout } from "../../review/analyzer/fanout";
import { PackPool } from "../../review/analyzer/pool";
import type { PackProcess } from "../../review/analyzer/process";
import { RequestBuilder } from "../../review/analyzer/requests";
import type { CapturedResource } from "../../review/engine/capture";

const resource = (type: string, name: string): CapturedResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  custom: type !== "pulumi:pulumi:Stack",
  protect: false,
  retainOnDelete: false,
  dependencies: [],
  propertyDependencies: {},
  additionalSecretOutputs: [],
  ignoreChanges: [],
  aliases: [],
  inputs: {},
  outputs: {},
});

const recorder = () => {
  const urns: string[] = [];
  return { urns, analyze: (urn: string) => void urns.push(urn) };
};

describe("fan-out of registrations to pack sessions", () => {
  const builder = () =>
    new RequestBuilder({
      stack: "dev",
      project: "p",
      organization: "o",
      config: {},
      secretKeys: [],
      policyConfig: {},
    });
  const stack = resource("pulumi:pulumi:Stack", "p-dev");
  const key = resource("aws:kms/key:Key", "k");
  const bucket = resource("aws:s3/bucketV2:BucketV2", "b");

  it("sends each resource once, in registration order, to sessions attached early or late", () => {
    const fanout = new Fanout(builder());
    const early = recorder();
    fanout.attach(early);
    fanout.register(stack);
    fanout.register(key);
    const late = recorder();
    fanout.attach(late);
    fanout.register(bucket);
    fanout.register(key); // the final list repeats what arrived live
    expect(early.urns).toEqual([key.urn, bucket.urn]);
    expect(late.urns).toEqual([key.urn, bucket.urn]);
  });
});

describe("pack pool", () => {
  it("starts every pack once for all stacks, keeps a failed start as its error, stops what started", async () => {
    const starts: string[] = [];
    const stopped: string[] = [];
    const pool = new PackPool(["/a", "/broken"], async (dir): Promise<PackProcess> => {
      starts.push(dir);
      if (dir === "/broken") {
        throw new Error("no PulumiPolicy.yaml");
      }
      return { directory: dir, address: "127.0.0.1:1", pid: 1, stop: () => stopped.push(dir) };
    });
    const [first, second] = [await pool.packs(), await pool.packs()];
    expect(second).toBe(first);
    expect(starts).toEqual(["/a", "/broken"]);
    expect(first[1]).toEqual({
      phase: "pack",
      subject: "/broken",
      message: "no PulumiPolicy.yaml",
    });
    await pool.stop();
    expect(stopped).toEqual(["/a"]);
  });

  it("stops nothing when no stack asked for the packs", async () => {
    let started = 0;
    const pool = new PackPool(["/a"], () => {
      started++;
      return Promise.reject(new Error("not reached"));
    });
    await pool.stop();
    expect(started).toBe(0);
  });
});
