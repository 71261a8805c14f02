import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

describe("deferClosureSerializationModules", () => {
  it("keeps the SDK from loading TypeScript and arborist until something uses them, then hands over the real modules", () => {
    const out = execFileSync(
      process.execPath,
      ["--require", "tsx/cjs", path.join(ROOT, "test/fixtures/scripts/lazy-modules.ts")],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(JSON.parse(out)).toEqual({
      deferred: ["typescript", "@npmcli/arborist"],
      deferredAgain: [],
      afterSdkLoad: ["typescript", "@npmcli/arborist"],
      arboristInterop: true,
      arboristClass: "function",
      serialized: true,
      afterUse: [],
      compiler: "function",
    });
  });
});
