import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";
import { readStackFile } from "../helpers/aws-target-stack";

/** enclave:aws.sharedDatabase (a platform's) and enclave:aws.database.instance (a tenant's). */
const PLATFORM: RawConfig = {
  "aws:region": "eu-west-1",
  "enclave:cloud": "aws",
  "enclave:stackRole": "platform",
  "enclave:environment": "dev",
  "enclave:tenant": "platform",
  "enclave:isolation": "dedicated",
  "enclave:domain": "platform.dev.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: [] }),
};
const TENANT: RawConfig = {
  "aws:region": "eu-west-1",
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "hooli",
  "enclave:isolation": "dedicated",
  "enclave:platformStack": "aws-platform",
  "enclave:domain": "annotate.hooli.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["192.0.2.0/24"] }),
  "enclave:aws": JSON.stringify({ database: { instance: "platform" } }),
};

function problems(raw: RawConfig): string[] {
  try {
    parseStackConfig(raw, { project: "enclave", stack: "review" });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

const with_ = (base: RawConfig, changes: Record<string, string | undefined>): RawConfig => {
  const raw: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) {
      delete raw[k];
    } else {
      raw[k] = v;
    }
  }
  return raw;
};
const aws = (value: unknown) => ({ "enclave:aws": JSON.stringify(value) });

describe("enclave:aws.sharedDatabase on a platform stack", () => {
  it("defaults to no shared instance, and takes true with enclave:aws.database sizing it", () => {
    expect(
      parseStackConfig(PLATFORM, { project: "enclave", stack: "p" }).aws.sharedDatabase,
    ).toBeUndefined();
    const config = parseStackConfig(
      with_(PLATFORM, aws({ sharedDatabase: true, database: { instanceClass: "db.m6g.xlarge" } })),
      { project: "enclave", stack: "p" },
    );
    expect(config.aws.sharedDatabase).toBe(true);
    expect(config.aws.database?.instanceClass).toBe("db.m6g.xlarge");
  });

  it("refuses enclave:aws.database on a platform without a shared instance, as before", () => {
    expect(
      problems(with_(PLATFORM, aws({ database: { instanceClass: "db.m6g.xlarge" } }))),
    ).toEqual([
      'enclave:aws.database = {"instanceClass":"db.m6g.xlarge"}: configures a tenant\'s data (bucket, database or trail), which a platform stack does not create. Fix: remove it from the platform stack; set it on the tenant stacks.',
    ]);
  });

  it("refuses database.instance on a platform, and sharedDatabase on a tenant", () => {
    expect(
      problems(with_(PLATFORM, aws({ sharedDatabase: true, database: { instance: "own" } }))),
    ).toEqual([
      "enclave:aws.database.instance = \"own\": is set on a platform stack, which runs no tenant's database. Fix: remove it; with enclave:aws.sharedDatabase: true the other enclave:aws.database fields size the platform's shared instance.",
    ]);
    expect(problems(with_(TENANT, aws({ sharedDatabase: true })))).toEqual([
      "enclave:aws.sharedDatabase = true: is set on a stack that is not a platform (enclave:stackRole: platform). Fix: remove it; a tenant takes the platform's shared instance with enclave:aws.database.instance: platform.",
    ]);
  });

  it("refuses a value that is not a boolean", () => {
    expect(problems(with_(PLATFORM, aws({ sharedDatabase: "yes" })))).toEqual([
      'enclave:aws.sharedDatabase = "yes": is not true or false. Fix: write true to give the platform one RDS PostgreSQL instance its tenants may share (enclave:aws.database.instance: platform), or false (the default: each tenant has an instance of its own).',
    ]);
  });
});

describe("enclave:aws.database.instance on a tenant", () => {
  it("defaults to own, and takes platform on a tenant of a platform stack", () => {
    const own = parseStackConfig(with_(TENANT, { "enclave:aws": undefined }), {
      project: "enclave",
      stack: "t",
    });
    expect(own.aws.database?.instance).toBeUndefined();
    expect(problems(TENANT)).toEqual([]);
  });

  it("refuses a value other than own or platform", () => {
    expect(problems(with_(TENANT, aws({ database: { instance: "shared" } })))).toEqual([
      'enclave:aws.database.instance = "shared": is not own or platform. Fix: write own (an RDS instance of the tenant\'s own, the default) or platform (a database and role on the shared instance of the platform stack, enclave:aws.sharedDatabase).',
    ]);
  });

  it("refuses platform without enclave:platformStack", () => {
    expect(problems(with_(TENANT, { "enclave:platformStack": undefined }))).toEqual([
      'enclave:aws.database.instance = "platform": is platform but enclave:platformStack names no platform stack. Fix: set enclave:platformStack to the platform stack whose shared instance this tenant takes, or remove it (the tenant then has an instance of its own).',
    ]);
  });

  it("refuses platform for restricted data", () => {
    expect(problems(with_(TENANT, { "enclave:classification": "restricted" }))).toEqual([
      'enclave:aws.database.instance = "platform": is platform but enclave:classification is restricted: the shared instance is encrypted with the platform\'s key and administered with one master credential for every tenant on it. Fix: remove it (a restricted tenant keeps an instance of its own, encrypted with its own key), or lower enclave:classification if the data allows.',
    ]);
  });

  it("refuses platform for a client-hosted tenant", () => {
    const found = problems(
      with_(TENANT, {
        "enclave:isolation": "client-hosted",
        "enclave:clientHosted": JSON.stringify({
          bucketName: "hooli-annotation-data",
          kmsKeyArn: "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        }),
      }),
    );
    expect(found.filter((p) => p.startsWith("enclave:aws.database.instance"))).toEqual([
      "enclave:aws.database.instance = \"platform\": is platform but enclave:isolation is client-hosted: the client's revocation of its key would not cut access to a database the platform's key encrypts. Fix: remove it; a client-hosted tenant keeps an instance of its own.",
    ]);
  });

  it("refuses each field that would size an instance the tenant does not create", () => {
    expect(
      problems(
        with_(
          TENANT,
          aws({ database: { instance: "platform", instanceClass: "db.m6g.large", multiAz: true } }),
        ),
      ),
    ).toEqual([
      'enclave:aws.database.instanceClass = "db.m6g.large": sizes an RDS instance, but enclave:aws.database.instance is platform: this tenant creates none. Fix: remove it; the platform stack\'s enclave:aws.database sizes the shared instance.',
      "enclave:aws.database.multiAz = true: sizes an RDS instance, but enclave:aws.database.instance is platform: this tenant creates none. Fix: remove it; the platform stack's enclave:aws.database sizes the shared instance.",
    ]);
  });

  it("the reference stacks parse: aws-platform shares an instance, aws-tenant-shared-db takes it", () => {
    const platform = parseStackConfig(readStackFile("aws-platform"), {
      project: "enclave",
      stack: "aws-platform",
    });
    expect(platform.aws.sharedDatabase).toBe(true);
    const tenant = parseStackConfig(readStackFile("aws-tenant-shared-db"), {
      project: "enclave",
      stack: "aws-tenant-shared-db",
    });
    expect(tenant.aws.database?.instance).toBe("platform");
    expect(tenant.platformStack).toBe("aws-platform");
    expect(tenant.tenant).not.toBe(
      parseStackConfig(readStackFile("aws-tenant-dedicated"), {
        project: "enclave",
        stack: "aws-tenant-dedicated",
      }).tenant,
    );
  });
});
