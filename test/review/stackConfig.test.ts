import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { listStacks, loadProgram, ProgramError } from "../../review/program";
import { placeholderFor, readStackConfig, StackConfigError } from "../../review/stackConfig";

function tempProgram(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-program-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("program and stack config loading", () => {
  it("reads a program without Pulumi.yaml: project from the folder, index.ts, stacks beside it", () => {
    const dir = tempProgram({ "index.ts": "export {};", "Pulumi.dev.yaml": "config: {}\n" });
    const program = loadProgram(dir);
    expect(program).toMatchObject({
      dir,
      project: path.basename(dir),
      main: path.join(dir, "index.ts"),
      stackConfigDir: dir,
    });
    expect(listStacks(program)).toEqual(["dev"]);
  });

  it("follows Pulumi.yaml's name, main, stackConfigDir and config defaults", () => {
    const dir = tempProgram({
      "Pulumi.yaml":
        "name: kit\nruntime: nodejs\nmain: src/index.ts\nstackConfigDir: stacks\nconfig:\n  size:\n    type: integer\n    default: 3\n",
      "src/index.ts": "export {};",
      "stacks/Pulumi.prod.yaml": "config:\n  kit:name: prod\n",
    });
    const program = loadProgram(dir);
    expect(program.main).toBe(path.join(dir, "src/index.ts"));
    expect(listStacks(program)).toEqual(["prod"]);
    expect(readStackConfig(program, "prod").values).toEqual({
      "kit:size": "3",
      "kit:name": "prod",
    });
  });

  it("replaces secure values, even nested ones, with placeholders and lists them; objects become JSON", () => {
    const dir = tempProgram({
      "index.ts": "export {};",
      "Pulumi.dev.yaml": [
        "config:",
        "  aws:region: eu-west-1",
        "  app:token:",
        "    secure: v1:AAAA",
        "  app:db:",
        "    host: db.internal",
        "    password:",
        "      secure: v1:BBBB",
        "  plain: 7",
      ].join("\n"),
    });
    const program = loadProgram(dir);
    const config = readStackConfig(program, "dev");
    expect(config.placeholderSecrets).toEqual(["app:token", "app:db"]);
    expect(config.secretKeys).toEqual(["app:token", "app:db"]);
    expect(config.values["app:token"]).toBe(placeholderFor("app:token"));
    expect(JSON.parse(config.values["app:db"]!)).toEqual({
      host: "db.internal",
      password: placeholderFor("app:db"),
    });
    expect(config.values[`${program.project}:plain`]).toBe("7");
  });

  it("names the missing stack file and the fix", () => {
    const dir = tempProgram({ "index.ts": "export {};" });
    expect(() => readStackConfig(loadProgram(dir), "prod")).toThrow(StackConfigError);
    expect(() => readStackConfig(loadProgram(dir), "prod")).toThrow(
      `no stack "prod": ${path.join(dir, "Pulumi.prod.yaml")} does not exist.`,
    );
  });

  it("refuses non-Node.js programs and folders without an entry point", () => {
    expect(() => loadProgram(tempProgram({ "Pulumi.yaml": "name: x\nruntime: python\n" }))).toThrow(
      /declares runtime "python"; the offline reviewer runs Node.js \(TypeScript\) programs only/,
    );
    expect(() => loadProgram(tempProgram({ "README.md": "" }))).toThrow(ProgramError);
  });
});
