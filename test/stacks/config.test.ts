import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";

const CTX = { project: "enclave", stack: "acme-dev" };

const GOOD: RawConfig = {
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({
    admin: ["198.51.100.0/24"],
    users: ["203.0.113.0/24", "2001:db8::/48"],
  }),
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

const withValue = (key: string, value: string | undefined): RawConfig => {
  const raw: Record<string, string> = { ...GOOD };
  if (value === undefined) {
    delete raw[key];
  } else {
    raw[key] = value;
  }
  return raw;
};
const withAllowlist = (allowlist: unknown) =>
  withValue("enclave:allowlist", JSON.stringify(allowlist));

describe("stack config: valid", () => {
  it("parses the contract's keys into typed values, with defaults for optional keys", () => {
    expect(parseStackConfig(GOOD, CTX)).toEqual({
      project: "enclave",
      stack: "acme-dev",
      cloud: "aws",
      environment: "dev",
      tenant: "acme",
      isolation: "dedicated",
      domain: "annotate.acme.example.com",
      allowlist: { admin: ["198.51.100.0/24"], users: ["203.0.113.0/24", "2001:db8::/48"] },
      classification: "confidential",
      policy: {},
      waivers: [],
      aws: {},
      gcp: {},
      stackRole: "tenant",
      awsRegion: "eu-west-1",
    });
  });

  it.each([
    ["tenant of 20 characters", withValue("enclave:tenant", "a".repeat(20))],
    ["tenant 'shared'", withValue("enclave:tenant", "shared")],
    [
      "an empty users list keeps the app closed",
      withAllowlist({ admin: ["198.51.100.7/32"], users: [] }),
    ],
    [
      "client-hosted isolation (with the client's bucket and key)",
      {
        ...withValue("enclave:isolation", "client-hosted"),
        "enclave:clientHosted": JSON.stringify({
          bucketName: "client-bucket",
          kmsKeyArn: "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        }),
      },
    ],
  ])("accepts %s", (_label, raw) => {
    expect(problems(raw)).toEqual([]);
  });
});

describe("stack config: every problem named with key, value and fix", () => {
  it.each<[string, RawConfig, string[]]>([
    [
      "unknown cloud",
      withValue("enclave:cloud", "azure"),
      [
        'enclave:cloud = "azure": is not a supported cloud. Fix: set it to one of aws, gcp, kubernetes.',
      ],
    ],
    [
      "unknown environment",
      withValue("enclave:environment", "production"),
      [
        'enclave:environment = "production": is not a supported environment. Fix: set it to one of dev, staging, prod.',
      ],
    ],
    [
      "unknown isolation",
      withValue("enclave:isolation", "private"),
      [
        'enclave:isolation = "private": is not a supported isolation level. Fix: set it to one of shared, dedicated, client-hosted.',
      ],
    ],
    [
      "tenant with upper case",
      withValue("enclave:tenant", "Acme"),
      [
        'enclave:tenant = "Acme": is not a DNS label. Fix: use lower-case letters, digits and inner hyphens only, e.g. "acme-labs".',
      ],
    ],
    [
      "tenant longer than 20",
      withValue("enclave:tenant", "a".repeat(21)),
      [
        `enclave:tenant = "${"a".repeat(21)}": is longer than 20 characters. Fix: use a shorter DNS label (1-20 characters).`,
      ],
    ],
    [
      "tenant ending in a hyphen",
      withValue("enclave:tenant", "acme-"),
      [
        'enclave:tenant = "acme-": is not a DNS label. Fix: use lower-case letters, digits and inner hyphens only, e.g. "acme-labs".',
      ],
    ],
    [
      "domain that is not an FQDN",
      withValue("enclave:domain", "https://annotate.example.com/"),
      [
        'enclave:domain = "https://annotate.example.com/": is not a fully qualified domain name. Fix: use a lower-case name such as "annotate.example.com", without scheme, port, path or trailing dot.',
      ],
    ],
    [
      "single-label domain",
      withValue("enclave:domain", "localhost"),
      [
        'enclave:domain = "localhost": is not a fully qualified domain name. Fix: use a lower-case name such as "annotate.example.com", without scheme, port, path or trailing dot.',
      ],
    ],
    [
      "octet out of range",
      withAllowlist({ admin: ["10.0.0.300/24"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "10.0.0.300/24": is not a valid IPv4 CIDR block (invalid ipv4 address). Fix: use four octets of 0-255 and a prefix length from 0 to 32, e.g. 203.0.113.0/24.',
      ],
    ],
    [
      "prefix longer than 32",
      withAllowlist({ admin: ["10.0.0.0/33"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "10.0.0.0/33": is not a valid IPv4 CIDR block (invalid subnet mask). Fix: use four octets of 0-255 and a prefix length from 0 to 32, e.g. 203.0.113.0/24.',
      ],
    ],
    [
      "host bits set",
      withAllowlist({ admin: ["198.51.100.7/24"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "198.51.100.7/24": has host bits set after the prefix. Fix: write the network address, "198.51.100.0/24".',
      ],
    ],
    [
      "address without a prefix",
      withAllowlist({ admin: ["198.51.100.7"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "198.51.100.7": is not a CIDR block (no prefix length). Fix: write the prefix explicitly, e.g. "198.51.100.7/32" for a single address.',
      ],
    ],
    [
      "the whole IPv4 internet",
      withAllowlist({ admin: ["198.51.100.0/24"], users: ["0.0.0.0/0"] }),
      [
        'enclave:allowlist.users[0] = "0.0.0.0/0": admits the whole internet. Fix: list only the networks that must have access; enclave never opens to everyone.',
      ],
    ],
    [
      "the whole IPv6 internet",
      withAllowlist({ admin: ["::/0"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "::/0": admits the whole internet. Fix: list only the networks that must have access; enclave never opens to everyone.',
      ],
    ],
    [
      "the internet in two /1 halves (the pre-fix shape config accepted)",
      withAllowlist({ admin: ["198.51.100.0/24"], users: ["0.0.0.0/1", "128.0.0.0/1"] }),
      [
        'enclave:allowlist.users[0] = "0.0.0.0/1": is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
        'enclave:allowlist.users[1] = "128.0.0.0/1": is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
      ],
    ],
    [
      "a /7",
      withAllowlist({ admin: ["10.0.0.0/7"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "10.0.0.0/7": is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
      ],
    ],
    [
      "the internet in eight /9s",
      withAllowlist({
        admin: ["198.51.100.0/24"],
        users: [
          "1.0.0.0/9",
          "17.0.0.0/9",
          "33.0.0.0/9",
          "49.0.0.0/9",
          "65.0.0.0/9",
          "81.0.0.0/9",
          "97.0.0.0/9",
          "113.0.0.0/9",
        ],
      }),
      [
        'enclave:allowlist.users = ["1.0.0.0/9","17.0.0.0/9","33.0.0.0/9","49.0.0.0/9","65.0.0.0/9","81.0.0.0/9"...: together covers 1.81% of the public IPv4 space, the internet in pieces (the limit is 1.56%). Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
      ],
    ],
    [
      "an IPv4-mapped IPv6 half",
      withAllowlist({ admin: ["::ffff:0.0.0.0/97"], users: [] }),
      [
        'enclave:allowlist.admin[0] = "::ffff:0.0.0.0/97": carries the IPv4 range 0.0.0.0/1, which is broader than IPv4 /8, a share of the internet rather than a network. Fix: list only the networks that must have access, each IPv4 /8 or narrower and IPv6 /32 or narrower, together less than 1/64 of the public address space.',
      ],
    ],
    [
      "empty admin allowlist",
      withAllowlist({ admin: [], users: ["203.0.113.0/24"] }),
      [
        'enclave:allowlist.admin = []: is empty, so nobody could reach the admin plane. Fix: list the operators\' networks, e.g. ["198.51.100.0/24"].',
      ],
    ],
    [
      "allowlist given as a string",
      withValue("enclave:allowlist", "198.51.100.0/24"),
      [
        'enclave:allowlist = "198.51.100.0/24": is a plain string where an object or list is expected. Fix: write it as a YAML mapping or list in the stack file (see docs/configuration.md).',
      ],
    ],
    [
      "allowlist entry of the wrong type",
      withAllowlist({ admin: [24], users: [] }),
      [
        'enclave:allowlist.admin[0] = 24: is not a string. Fix: write the CIDR block as a quoted string, e.g. "203.0.113.0/24".',
      ],
    ],
    [
      "allowlist with an unknown field",
      withAllowlist({ admin: ["198.51.100.0/24"], users: [], operators: [] }),
      [
        'enclave:allowlist = ["operators"]: has unknown field operators. Fix: use only admin, users.',
      ],
    ],
    [
      "a misspelt field inside a nested object, with the fields that exist there",
      { ...GOOD, "enclave:aws": JSON.stringify({ database: { multiAZ: true } }) },
      [
        'enclave:aws.database = ["multiAZ"]: has unknown field multiAZ. Fix: use only instance, instanceClass, engineVersion, allocatedStorageGiB, maxAllocatedStorageGiB, multiAz, backupRetentionDays, caCertIdentifier, caBundlePem.',
      ],
    ],
    [
      "missing required key",
      withValue("enclave:domain", undefined),
      [
        "enclave:domain = (not set): is required. Fix: set it in stacks/Pulumi.acme-dev.yaml (FQDN of the app; the identity provider is served at idp.<domain>.).",
      ],
    ],
    [
      "misspelt key",
      { ...GOOD, "enclave:alowlist": "{}" },
      [
        'enclave:alowlist = "{}": is not a key enclave knows. Fix: did you mean enclave:allowlist?.',
      ],
    ],
    [
      "aws without a region",
      withValue("aws:region", undefined),
      [
        "aws:region = (not set): is required when enclave:cloud is aws. Fix: set it, e.g. `pulumi config set aws:region eu-west-1`.",
      ],
    ],
  ])("refuses %s", (_label, raw, expected) => {
    expect(problems(raw)).toEqual(expected);
  });

  it("reports every problem at once, in one error", () => {
    const raw = {
      ...GOOD,
      "enclave:cloud": "azure",
      "enclave:tenant": "Acme Corp",
      "enclave:allowlist": JSON.stringify({ admin: [], users: ["0.0.0.0/0", "10.0.0.0/33"] }),
    };
    const error = (() => {
      try {
        parseStackConfig(raw, CTX);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error.issues.map((i) => i.key)).toEqual([
      "enclave:cloud",
      "enclave:tenant",
      "enclave:allowlist.admin",
      "enclave:allowlist.users[0]",
      "enclave:allowlist.users[1]",
    ]);
    expect(error.message.split("\n")[0]).toBe(
      'Invalid configuration for stack "acme-dev" (5 problems); nothing was created:',
    );
  });

  it("validates waivers: justification, expiry date", () => {
    expect(
      problems({
        ...GOOD,
        "enclave:waivers": JSON.stringify([
          { policy: "p", resource: "r", justification: "because", expires: "next year" },
        ]),
      }),
    ).toEqual([
      'enclave:waivers[0].justification = "because": is too short to justify a waiver. Fix: say why the risk is accepted and who accepted it (20 characters at least).',
      'enclave:waivers[0].expires = "next year": is not a date. Fix: write the last day the waiver holds as YYYY-MM-DD.',
    ]);
  });
});
