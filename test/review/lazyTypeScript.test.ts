import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

describe("deferTypeScript", () => {
  it("keeps the SDK from loading the TypeScript compiler until something uses it, then hands over the real one", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "test/fixtures/scripts/lazy-typescript.ts")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      deferred: true,
      deferredAgain: false,
      deferredAfterSdkLoad: true,
      serialized: true,
      realLoadedOnUse: true,
      sameCompiler: "function",
    });
  });
});
