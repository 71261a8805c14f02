import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeAnalyzeResponse } from "../../review/analyzer/client";
import { JudgedTally } from "../../review/analyzer/judged";
import type { PolicyDescription } from "../../review/model";
import { compiledPackHost } from "../../review/analyzer/compile";
import { startPack } from "../../review/analyzer/process";

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

describe("the kit's pack host", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function pack(entry: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-host-"));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "fixture", version: "1.0.0", main: "index.js" }),
    );
    fs.writeFileSync(path.join(dir, "index.js"), entry);
    return dir;
  }

  it("reports a pack that throws while loading as a start error carrying the pack's message", async () => {
    const host = compiledPackHost(fs.mkdtempSync(path.join(os.tmpdir(), "enclave-host-cache-")));
    dirs.push(path.dirname(host));
    const dir = pack('throw new Error("fixture pack cannot load its policies");\n');
    await expect(startPack(dir, { runFrom: dir, host, timeoutMs: 20_000 })).rejects.toThrow(
      /exited with code 1 before serving: Error: fixture pack cannot load its policies/,
    );
  });

  it("runs the pack in its own folder, as the runner does, and hands back the port it prints", async () => {
    const host = compiledPackHost(fs.mkdtempSync(path.join(os.tmpdir(), "enclave-host-cache-")));
    dirs.push(path.dirname(host));
    const dir = pack("");
    // The fixture "serves" on 4242 only when started in its own folder (0 otherwise).
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `process.stdout.write(process.cwd() === ${JSON.stringify(fs.realpathSync(dir))} ? "4242\\n" : "0\\n");\nsetInterval(() => {}, 1000);\n`,
    );
    const started = await startPack(dir, { runFrom: dir, host, timeoutMs: 20_000 });
    try {
      expect(started.address).toBe("127.0.0.1:4242");
      expect(started.directory).toBe(path.resolve(dir));
    } finally {
      started.stop();
    }
  });
});
