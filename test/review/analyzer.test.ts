import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeDiagnostics } from "../../review/analyzer/client";
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

describe("decodeDiagnostics", () => {
  it("reads the diagnostics of an AnalyzeResponse exactly as the generated decoder does, skipping the not-applicable list", () => {
    const response = new analyzer.AnalyzeResponse();
    const na = new analyzer.PolicyNotApplicable();
    na.setPolicyName("other-type");
    na.setReason("Policy only applies to resources of type 'aws:s3/bucketV2:BucketV2'");
    response.addNotApplicable(na);
    response.addDiagnostics(
      diagnostic("kms-rotation", "urn:pulumi:dev::p::aws:kms/key:Key::k", "Rotation is off."),
    );
    response.addNotApplicable(na);
    response.addDiagnostics(
      diagnostic("kms-window", "urn:pulumi:dev::p::aws:kms/key:Key::k", "Window is 7 days."),
    );
    const bytes = Buffer.from(response.serializeBinary());

    const expected = analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes))
      .getDiagnosticsList()
      .map((d) => d.toObject());
    const decoded = decodeDiagnostics(bytes).map((d) => d.toObject());
    expect(decoded).toEqual(expected);
    expect(decoded.map((d) => d.policyname)).toEqual(["kms-rotation", "kms-window"]);
  });

  it("reads an empty response as no diagnostics", () => {
    expect(decodeDiagnostics(Buffer.alloc(0))).toEqual([]);
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
