import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";
import { jsFixturePack } from "../helpers/js-pack";

/** Issue 10, item 5: prod without named cluster-admin principals stops the kit's program. */
const ROOT = path.resolve(__dirname, "../..");
const fixture = (...p: string[]) => path.join(ROOT, "test/fixtures", ...p);

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-operators-test-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(out, { recursive: true, force: true });
});

describe("prod without named cluster-admin principals", () => {
  it("exits 2 naming the key, the value and the fix, and registers nothing", async () => {
    const report = path.join(out, "r.json");
    const code = await main([
      "--program",
      ROOT,
      "--config",
      fixture("stacks/Pulumi.prod-no-admins.yaml"),
      "--policy-pack",
      jsFixturePack(fixture("packs/basic")),
      "--json",
      report,
    ]);
    expect(code).toBe(2);
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
      errors: { phase: string; message: string }[];
      resources: { type: string }[];
    };
    expect(json.errors.map((e) => [e.phase, e.message.split("\n")])).toEqual([
      [
        "config",
        [
          'Invalid configuration for stack "prod-no-admins" (1 problem); nothing was created:',
          "  - enclave:aws.clusterAdminPrincipals = []: is empty in prod, so the break-glass cluster-admin role would trust every principal of the account that has MFA. Fix: name the people who may break glass: their IAM role or user ARNs (trusted with MFA), or their IAM Identity Center permission-set roles in enclave:aws.clusterAdminSsoRoleArns.",
        ],
      ],
    ]);
    // The engine may register the root stack before the program runs; nothing else is registered.
    expect(json.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});
