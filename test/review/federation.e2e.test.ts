import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../review/cli";
import { LDAP, OIDC_BROKER } from "../helpers/federation";

const ROOT = path.resolve(__dirname, "../..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-federation-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

/** The onprem-dev reference stack with corporate identity added, written to a scratch file. */
function stackFile(name: string, federation: unknown, secrets: Record<string, unknown>): string {
  const doc = parse(fs.readFileSync(path.join(ROOT, "stacks/Pulumi.onprem-dev.yaml"), "utf8"));
  const app = doc.config["enclave:app"] ?? {};
  doc.config["enclave:app"] = { ...app, keycloak: { ...app.keycloak, federation } };
  Object.assign(doc.config, secrets);
  const file = path.join(out, `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

describe("the offline review of a stack with corporate identity", () => {
  it("reviews clean with an OIDC broker and AD, secrets given as secure values", async () => {
    const file = stackFile(
      "fed-good",
      { broker: OIDC_BROKER, ldap: LDAP },
      {
        "enclave:brokerClientSecret": { secure: "AAABAJ0fZmFrZQ==" },
        "enclave:ldapBindCredential": { secure: "AAABAJ1fZmFrZQ==" },
      },
    );
    const json = path.join(out, "fed-good.json");
    expect(await main(["--config", file, "--json", json])).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    const names = report.resources.map(
      (r: { inputs: { metadata?: { name?: string } } }) => r.inputs.metadata?.name,
    );
    expect(names).toContain("keycloak-federation");
  });

  it("stops with exit 2 on ldap://, an http:// IdP URL and a secret in plain text", async () => {
    const file = stackFile(
      "fed-bad",
      {
        broker: { ...OIDC_BROKER, jwksUrl: "http://login.corp.example.com/certs" },
        ldap: { ...LDAP, url: "ldap://dc1.corp.example.com" },
      },
      {
        "enclave:brokerClientSecret": { secure: "AAABAJ0fZmFrZQ==" },
        "enclave:ldapBindCredential": "plain-bind-password",
      },
    );
    expect(await main(["--config", file])).toBe(2);
    expect(stderr).toContain(
      'enclave:app.keycloak.federation.ldap.url = "ldap://dc1.corp.example.com": is plain LDAP',
    );
    expect(stderr).toContain(
      'enclave:app.keycloak.federation.broker.jwksUrl = "http://login.corp.example.com/certs": is plain http',
    );
    expect(stderr).toContain(
      'enclave:ldapBindCredential = "[not shown: set in plain text]": is stored in plain text',
    );
    expect(stderr).not.toContain("plain-bind-password");
  });
});
