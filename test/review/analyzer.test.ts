import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import * as fs from "fs";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeAnalyzeResponse, PackSession } from "../../review/analyzer/client";
import { JudgedTally } from "../../review/analyzer/judged";
import type { PolicyDescription } from "../../review/model";
import { loadPackHandlers } from "../../review/analyzer/inProcess";
import { PackRequest } from "../../review/analyzer/requests";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

const ROOT = path.resolve(__dirname, "../..");

function diagnostic(policy: string, urn: string, message: string): analyzer.AnalyzeDiagnostic {
  const d = new analyzer.AnalyzeDiagnostic();
  d.setPolicyname(policy);
  d.setPolicypackname("fixture");
  d.setPolicypackversion("1.0.0");
  d.setUrn(urn);
  d.setMessage(message);
  d.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
  d.setSeverity(analyzer.PolicySeverity.POLICY_SEVERITY_HIGH);
  return d;
}

function notApplicable(policy: string, reason: string): analyzer.PolicyNotApplicable {
  const na = new analyzer.PolicyNotApplicable();
  na.setPolicyName(policy);
  na.setReason(reason);
  return na;
}

describe("decodeAnalyzeResponse", () => {
  it("reads the diagnostics and the not-applicable policy names exactly as the generated decoder does", () => {
    const response = new analyzer.AnalyzeResponse();
    response.addNotApplicable(
      notApplicable(
        "other-type",
        "Policy only applies to resources of type 'aws:s3/bucketV2:BucketV2'",
      ),
    );
    response.addDiagnostics(
      diagnostic("kms-rotation", "urn:pulumi:dev::p::aws:kms/key:Key::k", "Rotation is off."),
    );
    response.addNotApplicable(notApplicable("other-type", "a second validation function"));
    response.addNotApplicable(notApplicable("ünïcode-policy", "é".repeat(300)));
    response.addDiagnostics(
      diagnostic("kms-window", "urn:pulumi:dev::p::aws:kms/key:Key::k", "Window is 7 days."),
    );
    const bytes = Buffer.from(response.serializeBinary());

    const generated = analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes));
    const decoded = decodeAnalyzeResponse(bytes);
    expect(decoded.diagnostics.map((d) => d.toObject())).toEqual(
      generated.getDiagnosticsList().map((d) => d.toObject()),
    );
    expect(decoded.notApplicable).toEqual(
      generated.getNotApplicableList().map((na) => na.getPolicyName()),
    );
    expect(decoded.diagnostics.map((d) => d.getPolicyname())).toEqual([
      "kms-rotation",
      "kms-window",
    ]);
    expect(decoded.notApplicable).toEqual(["other-type", "other-type", "ünïcode-policy"]);
  });

  it("reads an empty response as no diagnostics and nothing not applicable", () => {
    expect(decodeAnalyzeResponse(Buffer.alloc(0))).toEqual({ diagnostics: [], notApplicable: [] });
  });

  it("reads a slice of a larger buffer (as gRPC hands it) without reading past it", () => {
    const response = new analyzer.AnalyzeResponse();
    response.addNotApplicable(notApplicable("p", "r"));
    const bytes = Buffer.from(response.serializeBinary());
    const padded = Buffer.concat([Buffer.from([0xff, 0xff]), bytes, Buffer.from([0x1a, 0x7f])]);
    expect(decodeAnalyzeResponse(padded.subarray(2, 2 + bytes.length)).notApplicable).toEqual([
      "p",
    ]);
  });
});

const policyOf = (
  name: string,
  kind: "resource" | "stack",
  enforcementLevel: PolicyDescription["enforcementLevel"] = "mandatory",
): PolicyDescription => ({
  pack: "fixture",
  name,
  description: "",
  severity: "high",
  enforcementLevel,
  tags: [],
  nistControls: [],
  cisControls: [],
  kind,
});

describe("JudgedTally", () => {
  it("counts a resource policy as judging the resources it did not answer not applicable for", () => {
    const tally = new JudgedTally([policyOf("keys", "resource"), policyOf("never", "resource")]);
    tally.resource("urn:key", ["never"], []);
    tally.resource("urn:bucket", ["keys", "never"], []);
    tally.stack([]);
    expect([...tally.result().resources]).toEqual([["keys", ["urn:key"]]]);
  });

  it("judges a resource a policy reported on, whatever else it answered", () => {
    const tally = new JudgedTally([policyOf("keys", "resource")]);
    tally.resource("urn:key", ["keys"], ["keys"]);
    tally.resource("urn:bucket", ["keys"], []);
    expect(tally.result().resources.get("keys")).toEqual(["urn:key"]);
  });

  it("reads a policy of several validation functions (one entry each) by the most it answered", () => {
    // awsguard-style: [validateResourceOfType(A), validateResourceOfType(B)]; a resource of type A
    // gets one entry (B's), any other type two.
    const tally = new JudgedTally([policyOf("two", "resource")]);
    tally.resource("urn:a", ["two"], []);
    tally.resource("urn:b", ["two"], []);
    tally.resource("urn:other", ["two", "two"], []);
    expect(tally.result().resources.get("two")).toEqual(["urn:a", "urn:b"]);
  });

  it("leaves out disabled policies (the SDK sends them nothing) and unknown names", () => {
    const tally = new JudgedTally([
      policyOf("off", "resource", "disabled"),
      policyOf("stack-off", "stack", "disabled"),
    ]);
    tally.resource("urn:x", ["not-described"], []);
    tally.stack([]);
    expect(tally.result()).toEqual({ resources: new Map(), stackPolicies: new Set() });
  });

  it("counts a stack policy as run unless AnalyzeStack answered it not applicable", () => {
    const tally = new JudgedTally([
      policyOf("buckets", "stack"),
      policyOf("vpcs", "stack"),
      policyOf("keys", "resource"),
    ]);
    tally.stack(["vpcs"]);
    expect([...tally.result().stackPolicies]).toEqual(["buckets"]);
  });
});

describe("a kit pack loaded in the reviewer's process", () => {
  // Under the kit's node_modules, so the fixture packs resolve the kit's @pulumi/policy.
  const root = fs.mkdtempSync(path.join(ROOT, "node_modules", ".cache", "enclave-in-process-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  function pack(name: string, entry: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name, version: "1.2.3", main: "index.js" }),
    );
    fs.writeFileSync(path.join(dir, "index.js"), entry);
    return dir;
  }

  /** A pack with one advisory policy that flags every resource. */
  const flagging = (name: string) =>
    pack(
      name,
      `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack(${JSON.stringify(name)}, { policies: [{ name: "${name}-flags", description: "Flags.",
  enforcementLevel: "advisory", validateResource: (args, report) => report("flagged " + args.name) }] });
`,
    );

  const ctx = {
    stack: "dev",
    project: "p",
    organization: "o",
    config: {},
    secretKeys: [],
    policyConfig: {},
  };

  function request(name: string): PackRequest {
    const r = new analyzer.AnalyzeRequest();
    r.setType("aws:s3/bucket:Bucket");
    r.setName(name);
    r.setUrn(`urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`);
    r.setProperties(Struct.fromJavaScript({}));
    r.setOptions(new analyzer.AnalyzerResourceOptions());
    return new PackRequest(r);
  }

  it("reports a pack that throws while loading with the pack's message, and restores the working directory", () => {
    const cwd = process.cwd();
    const dir = pack("throws", 'throw new Error("fixture pack cannot load its policies");\n');
    expect(() => loadPackHandlers(dir)).toThrow("fixture pack cannot load its policies");
    expect(process.cwd()).toBe(cwd);
    expect(() => loadPackHandlers(pack("empty", ""))).toThrow(/defined no PolicyPack/);
  });

  it("serves each pack with its own @pulumi/policy server: one pack's levels never reach another", async () => {
    const a = loadPackHandlers(flagging("pack-a"));
    const b = loadPackHandlers(flagging("pack-b"));
    const stack = new PackRequest(new analyzer.AnalyzeStackRequest());
    const mandatory = { ...ctx, policyConfig: { "pack-a-flags": "mandatory" } };
    const sa = await PackSession.open({ handlers: a }, "a", mandatory);
    const sb = await PackSession.open({ handlers: b }, "b", ctx);
    sa.analyze("x", request("x"));
    sb.analyze("x", request("x"));
    const [ra, rb] = await Promise.all([sa.finish(stack), sb.finish(stack)]);
    expect(ra.pack).toMatchObject({ name: "pack-a", version: "1.2.3" });
    expect(ra.violations.map((v) => [v.policy, v.enforcementLevel, v.message])).toEqual([
      ["pack-a-flags", "mandatory", "flagged x"],
    ]);
    expect(rb.violations.map((v) => [v.policy, v.enforcementLevel, v.message])).toEqual([
      ["pack-b-flags", "advisory", "flagged x"],
    ]);
  });
});
