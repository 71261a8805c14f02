import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";
import {
  answerStackReference,
  MissingStackReferenceError,
  outputsFromJson,
  referenceNames,
  secretOutputNames,
} from "../../review/engine/stackReferences";
import { SECRET_SIG, SIG } from "../../review/engine/serialized";
import { runReview } from "../../review/review";
import { cycleError, ReferenceSchedule } from "../../review/schedule";
import type { StackReview } from "../../review/model";

const PROGRAM = path.resolve(__dirname, "../fixtures/programs/stack-refs");
const ORPHAN = path.join(PROGRAM, "orphan/Pulumi.m-orphan.yaml");
const secretOf = (value: unknown) => ({ [SIG]: SECRET_SIG, value });
const CTX = { project: "stack-refs", stack: "a-tenant" };

const missingMessage = (stack: string, reference: string, needed: string) =>
  `stack ${stack} reads StackReference "${reference}", whose outputs this offline review does not have (the reviewer never invents them). Fix: review ${needed} in the same run (\`npm run review -- --all\`), or pass --stack-outputs ${reference}=FILE (a JSON of its outputs: \`npm run review -- --stack ${needed} --outputs FILE\`, or \`pulumi stack output --json\` of the deployed stack).`;

describe("StackReference answers", () => {
  it("know a stack by its bare name, or project/stack and org/project/stack of the program's project", () => {
    expect(referenceNames("z-platform", "stack-refs")).toEqual(["z-platform"]);
    expect(referenceNames("stack-refs/z-platform", "stack-refs")).toEqual([
      "stack-refs/z-platform",
      "z-platform",
    ]);
    expect(referenceNames("acme/stack-refs/z-platform", "stack-refs")).toEqual([
      "acme/stack-refs/z-platform",
      "z-platform",
    ]);
    // Another project's stack of the same name is another stack.
    expect(referenceNames("acme/other/z-platform", "stack-refs")).toEqual([
      "acme/other/z-platform",
    ]);
  });

  it("answer with the stack's outputs, naming the secret ones", () => {
    const outputs = { vpcId: "vpc-1", token: secretOf("t"), subnets: ["a"] };
    expect(secretOutputNames(outputs)).toEqual(["token"]);
    expect(
      answerStackReference(
        "acme/stack-refs/z-platform",
        { outputs: { "z-platform": outputs }, failed: [] },
        CTX,
      ),
    ).toEqual({
      name: "acme/stack-refs/z-platform",
      outputs,
      secretOutputNames: ["token"],
    });
  });

  it("fail naming the stack and both ways to give it, when its outputs are not known", () => {
    const read = () =>
      answerStackReference("acme/stack-refs/z-platform", { outputs: {}, failed: [] }, CTX);
    expect(read).toThrow(MissingStackReferenceError);
    expect(read).toThrow(missingMessage("a-tenant", "acme/stack-refs/z-platform", "z-platform"));
    expect(() =>
      answerStackReference("z-platform", { outputs: {}, failed: ["z-platform"] }, CTX),
    ).toThrow(
      'stack a-tenant reads StackReference "z-platform", and stack z-platform could not be evaluated in this run, so its outputs are unknown (the reviewer never invents them). Fix: fix z-platform first (its error is reported above), then review again.',
    );
  });

  it('read `pulumi stack output --json` files: "[secret]" stays a secret, anything else is refused', () => {
    expect(outputsFromJson({ a: 1, k: "[secret]" }, "f.json")).toEqual({
      a: 1,
      k: secretOf("[secret]"),
    });
    expect(() => outputsFromJson(["x"], "f.json")).toThrow(
      "f.json is not a JSON object of stack outputs. Fix: write it with `npm run review -- --stack NAME --outputs f.json` or `pulumi stack output --json > f.json`.",
    );
  });
});

describe("the review order", () => {
  const review = (stack: string) => ({ stack }) as unknown as StackReview;

  it("defers a stack that read one of the run not finished yet, and runs it again after it", () => {
    const s = new ReferenceSchedule(["a-tenant", "z-platform"], {}, "stack-refs");
    expect(s.next()).toBe(0);
    expect(s.deferred(0, ["acme/stack-refs/z-platform"], review("a-tenant"))).toBe(true);
    expect(s.next()).toBe(1);
    expect(s.deferred(1, [], review("z-platform"))).toBe(false);
    s.finished("z-platform", { vpcId: "vpc-1" });
    expect(s.next()).toBe(0);
    expect(s.sources()).toEqual({ outputs: { "z-platform": { vpcId: "vpc-1" } }, failed: [] });
    expect(s.next()).toBeUndefined();
    expect(s.waiting()).toEqual([]);
  });

  it("does not defer a read of a stack outside the run, of itself, or of one already finished", () => {
    const s = new ReferenceSchedule(["a", "b"], { given: { x: 1 } }, "p");
    expect(s.deferred(0, ["nowhere"], review("a"))).toBe(false);
    expect(s.deferred(0, ["a"], review("a"))).toBe(false);
    s.finished("b", undefined);
    expect(s.deferred(0, ["b"], review("a"))).toBe(false);
    expect(s.sources()).toEqual({ outputs: { given: { x: 1 } }, failed: ["b"] });
  });

  it("leaves stacks that read each other waiting, with their last attempt", () => {
    const s = new ReferenceSchedule(["a", "b"], {}, "p");
    s.next();
    expect(s.deferred(0, ["b"], review("a"))).toBe(true);
    s.next();
    expect(s.deferred(1, ["a"], review("b"))).toBe(true);
    expect(s.next()).toBeUndefined();
    expect(s.waiting()).toEqual([
      [0, review("a"), "b"],
      [1, review("b"), "a"],
    ]);
  });
});

describe("offline StackReferences, end to end (fixture program, no packs)", () => {
  let out: string;
  let stderr: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-stackrefs-"));
    stderr = "";
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(out, { recursive: true, force: true });
  });
  const base = ["--program", PROGRAM, "--no-packs"];
  const secretInput = (r: StackReview) =>
    r.resources.find((x) => x.type === "aws:secretsmanager/secretVersion:SecretVersion")!.inputs[
      "secretString"
    ];

  it("--all reviews the platform before the tenant listed first, which then resolves", async () => {
    const finished: string[] = [];
    const reviews = await runReview({
      programDir: PROGRAM,
      stacks: { kind: "all" },
      packDirs: [],
      awsAccountId: "123456789012",
      organization: "organization",
      today: "2026-12-04",
      jobs: 1,
      onStack: (r) => finished.push(r.stack),
    });
    expect(finished).toEqual(["z-platform", "a-tenant"]);
    expect(reviews.map((r) => [r.stack, r.errors])).toEqual([
      ["a-tenant", []],
      ["z-platform", []],
    ]);
    const [tenant, platform] = reviews;
    expect(tenant!.outputs["vpcId"]).toBe(platform!.outputs["vpcId"]);
    expect(tenant!.outputs["vpcId"]).toMatch(/^vpc-/);
    expect(tenant!.outputs["subnets"]).toEqual(["a", "b"]);
    // The platform's secret stays a secret in the tenant.
    expect(platform!.outputs["token"]).toBe("[secret]");
    expect(tenant!.outputs["tokenIsSecret"]).toBe(true);
    expect(secretInput(tenant!)).toBe("[secret]");
  }, 120_000);

  it("a tenant reviewed without its platform exits 2 naming it and the flags", async () => {
    expect(await main([...base, "--stack", "a-tenant"])).toBe(2);
    expect(stderr).toContain(
      `enclave review: a-tenant: program error: ${missingMessage("a-tenant", "z-platform", "z-platform")}`,
    );
    expect(await main([...base, "--config", ORPHAN])).toBe(2);
    expect(stderr).toContain(missingMessage("m-orphan", "acme/stack-refs/nowhere", "nowhere"));
  }, 120_000);

  it("--outputs writes the platform's outputs (secrets masked); --stack-outputs reviews the tenant with them", async () => {
    const file = path.join(out, "platform.json");
    expect(await main([...base, "--stack", "z-platform", "--outputs", file])).toBe(0);
    const written = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(written).toEqual({
      vpcId: expect.stringMatching(/^vpc-/),
      token: "[secret]",
      subnets: ["a", "b"],
    });
    const json = path.join(out, "tenant.json");
    expect(
      await main([
        ...base,
        "--stack",
        "a-tenant",
        "--stack-outputs",
        `z-platform=${file}`,
        "--json",
        json,
      ]),
    ).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      outputs?: Record<string, unknown>;
      stacks?: unknown;
    };
    expect(stderr).toBe("");
    expect(JSON.stringify(report)).toContain(written["vpcId"] as string);
  }, 120_000);

  it("--all over stacks reading each other fails each, naming the cycle, never inventing outputs", async () => {
    const cycle = path.resolve(__dirname, "../fixtures/programs/stack-refs-cycle");
    const reviews = await runReview({
      programDir: cycle,
      stacks: { kind: "all" },
      packDirs: [],
      awsAccountId: "123456789012",
      organization: "organization",
      today: "2026-12-04",
      jobs: 2,
    });
    expect(reviews.map((r) => [r.stack, r.errors.map((e) => e.message)])).toEqual([
      ["a", [cycleError("a", "b").message]],
      ["b", [cycleError("b", "a").message]],
    ]);
    expect(cycleError("a", "b").message).toBe(
      'stack a reads StackReference "b", a stack of this run that waits, directly or through other stacks, on a cycle of StackReferences, so neither could be reviewed first (the reviewer never invents outputs). Fix: remove the StackReference that closes the cycle (a platform stack never reads its tenants).',
    );
  }, 120_000);

  it("refuses a malformed or unreadable --stack-outputs, and --outputs without one stack", async () => {
    expect(await main([...base, "--stack", "a-tenant", "--stack-outputs", "z-platform"])).toBe(2);
    const missing = path.join(out, "none.json");
    expect(
      await main([...base, "--stack", "a-tenant", "--stack-outputs", `z-platform=${missing}`]),
    ).toBe(2);
    expect(stderr).toContain(
      `enclave review: --stack-outputs z-platform=${missing}: ${missing} does not exist. Fix: write it with \`npm run review -- --stack z-platform --outputs ${missing}\` or \`pulumi stack output --json > ${missing}\``,
    );
    expect(await main([...base, "--all", "--outputs", path.join(out, "x.json")])).toBe(2);
    expect(stderr).toContain(
      `enclave review: --outputs ${path.join(out, "x.json")} writes one stack's outputs, so it needs --stack NAME or --config FILE.`,
    );
  });
});
