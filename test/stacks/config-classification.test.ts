import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";

const CTX = { project: "enclave", stack: "acme-dev" };
const GOOD: RawConfig = {
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: [] }),
  "aws:region": "eu-west-1",
};

function problems(raw: RawConfig): string[] {
  try {
    parseStackConfig(raw, CTX);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("enclave:classification and enclave:owner", () => {
  it("default to confidential and no owner (the tenant answers for its data)", () => {
    const config = parseStackConfig(GOOD, CTX);
    expect(config.classification).toBe("confidential");
    expect(config.owner).toBeUndefined();
  });

  it.each(["internal", "confidential", "restricted"])("accepts classification %s", (value) => {
    expect(parseStackConfig({ ...GOOD, "enclave:classification": value }, CTX).classification).toBe(
      value,
    );
  });

  it("accepts an owner that fits a tag and a label", () => {
    for (const owner of ["acme-data-governance", "a", "team_42", "x".repeat(63)]) {
      expect(parseStackConfig({ ...GOOD, "enclave:owner": owner }, CTX).owner).toBe(owner);
    }
  });

  it("refuses an unknown classification, naming the values", () => {
    expect(problems({ ...GOOD, "enclave:classification": "secret" })).toEqual([
      'enclave:classification = "secret": is not a supported data classification. Fix: set it to one of internal, confidential, restricted.',
    ]);
  });

  it.each([
    ["upper case and spaces", "Data Governance"],
    ["an e-mail address", "owner@acme.example.com"],
    ["a trailing hyphen", "acme-"],
    ["more than 63 characters", "x".repeat(64)],
    ["an empty string", ""],
  ])("refuses an owner with %s", (_label, owner) => {
    expect(problems({ ...GOOD, "enclave:owner": owner })).toEqual([
      `enclave:owner = "${owner}": is not a valid owner. Fix: use 1-63 lower-case letters, digits, "-" or "_", starting and ending with a letter or digit (it is an AWS tag, a GCP label and a Kubernetes label value), e.g. "acme-data-governance".`,
    ]);
  });
});
