import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyBundle } from "../../review/bundle/verify";
import { main } from "../../review/cli";
import { SECRET_SIG, SIG } from "../../review/engine/serialized";
import { placeholderFor } from "../../review/stackConfig";
import { readStackExport } from "../../review/state/read";

/** `--state FILE`: what it reads of a stack export, and every way a bad export is refused. */
const ROOT = path.resolve(__dirname, "../..");
const ENCRYPTION = path.join(ROOT, "policy-packs/encryption");

let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-state-unit-"));
  stderr = "";
  stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const STACK = "urn:pulumi:aws-dev::enclave::pulumi:pulumi:Stack::enclave-aws-dev";
const PROVIDER = "urn:pulumi:aws-dev::enclave::pulumi:providers:aws::default_7_12_0";
const KEY = "urn:pulumi:aws-dev::enclave::aws:kms/key:Key::data-key";

/** A small export: the stack, a default provider, a key without rotation, a deleted bucket. */
function exportDoc(): { version: number; deployment: { resources: Record<string, unknown>[] } } {
  return {
    version: 3,
    deployment: {
      resources: [
        { urn: STACK, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
        {
          urn: PROVIDER,
          custom: true,
          id: "5f0e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
          type: "pulumi:providers:aws",
          inputs: { region: "eu-west-1" },
          outputs: { region: "eu-west-1" },
        },
        {
          urn: KEY,
          custom: true,
          id: "3f1d2b4c",
          type: "aws:kms/key:Key",
          parent: STACK,
          protect: true,
          provider: `${PROVIDER}::5f0e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b`,
          inputs: {
            enableKeyRotation: false,
            deletionWindowInDays: 30,
            description: { [SIG]: SECRET_SIG, ciphertext: "v1:AAAA:c2VjcmV0" },
          },
          outputs: {
            enableKeyRotation: false,
            arn: "arn:aws:kms:eu-west-1:123456789012:key/3f1d2b4c",
            description: { [SIG]: SECRET_SIG, plaintext: '"the plaintext"' },
          },
          customTimeouts: { create: 0, update: 0, delete: 0 },
        },
        {
          urn: "urn:pulumi:aws-dev::enclave::aws:s3/bucket:Bucket::gone",
          custom: true,
          id: "gone-1",
          type: "aws:s3/bucket:Bucket",
          delete: true,
          inputs: {},
          outputs: {},
        },
      ],
    },
  };
}

function write(name: string, content: string | object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

async function refused(args: string[]): Promise<string> {
  const code = await main(args);
  expect(code).toBe(2);
  return stderr;
}

describe("readStackExport", () => {
  it("reads the live resources, keeps default providers apart and puts placeholders for secrets", () => {
    const state = readStackExport(write("ok.json", exportDoc()));
    expect({ project: state.project, stack: state.stack }).toEqual({
      project: "enclave",
      stack: "aws-dev",
    });
    // The deleted bucket (pending deletion) is not part of the stack; the provider is given as
    // the key's `provider`, not analyzed.
    expect(state.resources.map((r) => r.urn)).toEqual([STACK, KEY]);
    expect(state.defaultProviders.map((r) => r.urn)).toEqual([PROVIDER]);
    const key = state.resources[1]!;
    expect(key).toMatchObject({
      name: "data-key",
      custom: true,
      id: "3f1d2b4c",
      protect: true,
      parent: STACK,
      provider: `${PROVIDER}::5f0e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b`,
      dependencies: [],
      propertyDependencies: {},
    });
    expect(key.customTimeouts).toBeUndefined();
    expect(key.inputs["description"]).toEqual({
      [SIG]: SECRET_SIG,
      value: placeholderFor(`${KEY} inputs.description`),
    });
    expect(key.outputs["description"]).toEqual({
      [SIG]: SECRET_SIG,
      value: placeholderFor(`${KEY} outputs.description`),
    });
    expect(JSON.stringify(state)).not.toContain("the plaintext");
    expect(JSON.stringify(state)).not.toContain("c2VjcmV0");
    expect(state.secrets).toEqual([`${KEY} inputs.description`, `${KEY} outputs.description`]);
  });
});

describe("--state refuses what it cannot review (exit 2, one paragraph)", () => {
  const FIX =
    "Fix: give the file `pulumi stack export --file FILE` wrote, unedited (run it again if it failed).";

  it("a missing file", async () => {
    const file = path.join(dir, "absent.json");
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file}: no such file. Fix: write the export with \`pulumi stack export --stack NAME --file ${file}\`, or give the path of an existing export.\n`,
    );
  });

  it("an empty file", async () => {
    const file = write("empty.json", " \n");
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file} is empty: a stack export is a JSON document with "version" and "deployment". ${FIX}\n`,
    );
  });

  it("malformed JSON", async () => {
    const text = '{"version": 3, "deployment": {"resources": [';
    const file = write("broken.json", text);
    let parseError = "";
    try {
      JSON.parse(text);
    } catch (e) {
      parseError = (e as Error).message;
    }
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file} is not valid JSON (${parseError}). A stack export is the JSON document \`pulumi stack export\` prints. ${FIX}\n`,
    );
  });

  it.each([2, 4])("a deployment of version %i", async (version) => {
    const file = write(`v${version}.json`, { ...exportDoc(), version });
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file} holds a deployment of version ${version}; the reviewer reads version 3 only, what \`pulumi stack export\` writes with the Pulumi CLI 3.x. Fix: export the stack again with a Pulumi 3.x CLI (\`pulumi stack export --file FILE\`).\n`,
    );
  });

  it("a document that is not a stack export", async () => {
    const file = write("config.json", { config: { "aws:region": "eu-west-1" } });
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file} is not a stack export: it has no "deployment" object (a stack export is \`{ "version": 3, "deployment": { "resources": [...] } }\`). ${FIX}\n`,
    );
  });

  const RESOURCE_RULE =
    'Every resource of a stack export needs a "urn" and a "type" (strings), and its fields their exported types.';

  it.each([
    ["urn", 'has no "urn" (a string)'],
    ["type", 'has no "type" (a string)'],
  ])("a resource without %s", async (field, problem) => {
    const doc = exportDoc();
    delete doc.deployment.resources[2]![field];
    const file = write(`no-${field}.json`, doc);
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file}: deployment.resources[2] ${problem}. ${RESOURCE_RULE} ${FIX}\n`,
    );
  });

  it("a urn that is not a string, and one that is not a URN", async () => {
    const doc = exportDoc();
    doc.deployment.resources[1]!["urn"] = 42;
    const file = write("urn-number.json", doc);
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file}: deployment.resources[1] has a "urn" that is not a string. ${RESOURCE_RULE} ${FIX}\n`,
    );
    stderr = "";
    doc.deployment.resources[1]!["urn"] = "aws:kms/key:Key::data-key";
    const other = write("urn-bad.json", doc);
    expect(await refused(["--state", other])).toBe(
      `enclave review: --state ${other}: deployment.resources[1].urn "aws:kms/key:Key::data-key" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>). ${FIX}\n`,
    );
  });

  it("a field of the wrong type", async () => {
    const doc = exportDoc();
    doc.deployment.resources[2]!["protect"] = "yes";
    const file = write("protect.json", doc);
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file}: deployment.resources[2].protect: Invalid input: expected boolean, received string. ${RESOURCE_RULE} ${FIX}\n`,
    );
  });

  it("an export without resources (an empty review would pass)", async () => {
    const file = write("none.json", { version: 3, deployment: { manifest: {} } });
    expect(await refused(["--state", file])).toBe(
      `enclave review: --state ${file} holds no resources (the stack was never deployed, or was destroyed): there is nothing to review, and an empty review would pass. Fix: export the stack after \`pulumi up\`.\n`,
    );
  });

  it("--program with --state", async () => {
    const file = write("ok.json", exportDoc());
    expect(await refused(["--state", file, "--program", ROOT])).toBe(
      `enclave review: --state ${file} reviews a stack export without running any program, so --program cannot be given with it. Fix: drop --program (give --stack NAME or --config FILE for the stack's levels and waivers), or drop --state to run the program.\n`,
    );
  });

  it("--stack naming another stack than the export's", async () => {
    const file = write("ok.json", exportDoc());
    expect(await refused(["--state", file, "--stack", "aws-prod"])).toBe(
      `enclave review: --state ${file} is an export of stack "aws-dev", but --stack names "aws-prod": one stack's levels and waivers would judge another. Fix: give --stack aws-dev, or the export of aws-prod.\n`,
    );
  });

  it("--all with --state", async () => {
    const file = write("ok.json", exportDoc());
    expect(await refused(["--state", file, "--all"])).toBe(
      `enclave review: --state ${file} is the export of one stack (aws-dev); --all reviews a program's stacks. Fix: drop --all, or run --all without --state.\n`,
    );
  });
});

describe("--state with a pack, --stack and --bundle", () => {
  it("judges the export's resources under the stack's config and writes a verifiable bundle", async () => {
    const file = write("ok.json", exportDoc());
    const bundle = path.join(dir, "bundle");
    const json = path.join(dir, "r.json");
    const code = await main([
      "--state",
      file,
      "--stack",
      "aws-dev",
      "--policy-pack",
      ENCRYPTION,
      "--json",
      json,
      "--bundle",
      bundle,
    ]);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      errors: unknown[];
      configFile: string;
      violations: { policy: string; urn: string }[];
      resources: { urn: string; inputs: Record<string, unknown> }[];
    };
    expect(report.errors).toEqual([]);
    expect(code).toBe(1);
    expect(report.configFile).toBe(path.join(ROOT, "stacks/Pulumi.aws-dev.yaml"));
    expect(report.violations.map((v) => `${v.policy} ${v.urn}`)).toContain(
      `aws-kms-key-enable-rotation ${KEY}`,
    );
    expect(report.resources.find((r) => r.urn === KEY)!.inputs["description"]).toBe("[secret]");
    // The console says what was reviewed and what was replaced.
    expect(stdout).toContain(`state:     ${file} (a stack export; no program ran)`);
    expect(stdout.replace(/\s+/g, " ")).toContain(
      "notice: 2 secrets of the stack export were replaced by placeholders (ciphertext is not decrypted offline, plaintext is not passed on).",
    );
    expect(stdout).not.toContain("the plaintext");

    const manifest = JSON.parse(fs.readFileSync(path.join(bundle, "manifest.json"), "utf8")) as {
      state: { file: string; sha256: string };
      files: Record<string, string>;
      absent: { item: string }[];
    };
    expect(manifest.state.file).toBe(file);
    expect(manifest.state.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.files)).toContain("Pulumi.aws-dev.yaml");
    expect(manifest.absent.map((a) => a.item)).toContain("stack export");
    expect(verifyBundle(bundle)).toEqual({ changed: [], missing: [], extra: [] });
    for (const name of Object.keys(manifest.files)) {
      const text = fs.readFileSync(path.join(bundle, name), "utf8");
      expect(text, name).not.toContain("the plaintext");
      expect(text, name).not.toContain("c2VjcmV0");
    }
  });
});
