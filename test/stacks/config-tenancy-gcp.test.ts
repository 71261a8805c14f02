import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";
import { PLATFORM_GCP_FIELDS, TENANT_GCP_FIELDS } from "../../stacks/config/cross-tenancy";
import { readStackFile } from "../helpers/aws-target-stack";

/** enclave:stackRole and enclave:platformStack on enclave:cloud gcp. */
const PLATFORM: RawConfig = {
  "gcp:project": "annotate-fleet-dev",
  "gcp:region": "europe-west1",
  "enclave:cloud": "gcp",
  "enclave:stackRole": "platform",
  "enclave:environment": "dev",
  "enclave:tenant": "platform",
  "enclave:isolation": "dedicated",
  "enclave:domain": "platform.dev.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["10.200.0.0/24"], users: [] }),
};
const TENANT: RawConfig = {
  "gcp:project": "annotate-fleet-dev",
  "gcp:region": "europe-west1",
  "enclave:cloud": "gcp",
  "enclave:environment": "dev",
  "enclave:tenant": "globex",
  "enclave:isolation": "dedicated",
  "enclave:platformStack": "gcp-platform",
  "enclave:domain": "annotate.globex.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["10.200.0.0/24"], users: ["192.0.2.0/24"] }),
};
const MIRROR = "europe-west1-docker.pkg.dev/annotate-fleet-dev/globex-mirror";

function problems(raw: RawConfig, stack = "review"): string[] {
  try {
    parseStackConfig(raw, { project: "enclave", stack });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

const gcp = (base: RawConfig, value: unknown): RawConfig => ({
  ...base,
  "enclave:gcp": JSON.stringify(value),
});

describe("a GCP platform stack", () => {
  it("is accepted, with the tenants' image repositories", () => {
    expect(problems(PLATFORM)).toEqual([]);
    const config = parseStackConfig(gcp(PLATFORM, { tenantImageRepositories: [MIRROR] }), {
      project: "enclave",
      stack: "gcp-platform",
    });
    expect(config.stackRole).toBe("platform");
    expect(config.gcp?.tenantImageRepositories).toEqual([MIRROR]);
  });

  it("the reference stacks parse: gcp-platform as a platform, gcp-tenant-dedicated on it", () => {
    const platform = parseStackConfig(readStackFile("gcp-platform"), {
      project: "enclave",
      stack: "gcp-platform",
    });
    expect([platform.cloud, platform.stackRole]).toEqual(["gcp", "platform"]);
    const tenant = parseStackConfig(readStackFile("gcp-tenant-dedicated"), {
      project: "enclave",
      stack: "gcp-tenant-dedicated",
    });
    expect([tenant.cloud, tenant.stackRole, tenant.platformStack]).toEqual([
      "gcp",
      "tenant",
      "gcp-platform",
    ]);
    expect(tenant.gcpProject).toBe(platform.gcpProject);
  });

  it.each(TENANT_GCP_FIELDS.map((f) => [f]))(
    "refuses enclave:gcp.%s (a tenant's data)",
    (field) => {
      const values: Record<string, unknown> = {
        bucketRetention: { days: 30, locked: true },
        noncurrentVersionRetentionDays: 30,
        keyRotationDays: 60,
      };
      expect(problems(gcp(PLATFORM, { [field]: values[field] }))).toEqual([
        `enclave:gcp.${field} = ${JSON.stringify(values[field])}: configures a tenant's data (bucket or storage key), which a platform stack does not create. Fix: remove it from the platform stack; set it on the tenant stacks.`,
      ]);
    },
  );

  it("keeps refusing a platform on an existing cluster, with the clouds that have one", () => {
    expect(
      problems({ ...PLATFORM, "enclave:cloud": "kubernetes" }).find((p) =>
        p.startsWith("enclave:stackRole"),
      ),
    ).toBe(
      'enclave:stackRole = "platform": is platform but enclave:cloud is kubernetes. Fix: platform stacks are built on AWS and GCP in this version: set enclave:cloud to aws or gcp, or remove enclave:stackRole (the stack is then a tenant with its own cluster).',
    );
  });
});

describe("a GCP tenant on a platform stack", () => {
  it("is accepted, with its own data settings", () => {
    expect(problems(TENANT)).toEqual([]);
    expect(
      problems(
        gcp(TENANT, {
          bucketRetention: false,
          keyRotationDays: 60,
          keyProtectionLevel: "HSM",
          logRetentionDays: 400,
        }),
      ),
    ).toEqual([]);
  });

  it.each(PLATFORM_GCP_FIELDS.map((f) => [f]))(
    "refuses enclave:gcp.%s (the platform's VPC, cluster or image admission)",
    (field) => {
      const values: Record<string, unknown> = {
        subnetCidr: "10.80.0.0/20",
        podsCidr: "10.84.0.0/14",
        servicesCidr: "10.88.0.0/20",
        controlPlaneCidr: "172.16.0.32/28",
        airGapped: true,
        publicEndpoint: false,
        databaseRangeCidr: "10.92.0.0/20",
        releaseChannel: "STABLE",
        securityPosture: "BASIC",
        nodes: { machineType: "e2-standard-8" },
        tenantImageRepositories: [MIRROR],
      };
      expect(problems(gcp(TENANT, { [field]: values[field] }))).toEqual([
        `enclave:gcp.${field} = ${JSON.stringify(values[field])}: configures the VPC, the cluster or the project's image admission, which the platform stack gcp-platform owns. Fix: remove it from this tenant stack; set it on the platform stack gcp-platform.`,
      ]);
    },
  );

  it("keeps refusing client-hosted on GCP, with the GCP target's message only", () => {
    expect(
      problems({
        ...TENANT,
        "enclave:isolation": "client-hosted",
        "enclave:clientHosted": JSON.stringify({ bucketName: "client-bucket" }),
      }),
    ).toEqual([
      'enclave:isolation = "client-hosted": is not built on the GCP target (the client\'s bucket and Cloud KMS key by reference). Fix: use dedicated on GCP, or client-hosted on enclave:cloud aws or kubernetes.',
    ]);
  });

  it("refuses a tenant on a platform of an existing cluster", () => {
    expect(
      problems({ ...TENANT, "enclave:cloud": "kubernetes" }).find((p) =>
        p.startsWith("enclave:platformStack"),
      ),
    ).toBe(
      'enclave:platformStack = "gcp-platform": is set but enclave:cloud is kubernetes. Fix: tenant stacks take a platform stack\'s cluster on AWS and GCP only in this version: remove enclave:platformStack, or set enclave:cloud to aws or gcp.',
    );
  });
});

describe("enclave:gcp.tenantImageRepositories", () => {
  it("is refused on a GCP stack with its own cluster", () => {
    const own = { ...TENANT };
    delete (own as Record<string, string>)["enclave:platformStack"];
    expect(problems(gcp(own, { tenantImageRepositories: [MIRROR] }))).toEqual([
      `enclave:gcp.tenantImageRepositories = ["${MIRROR}"]: is set on a stack that is not a platform: it admits tenants' images in a platform's Binary Authorization policy. Fix: remove it; a stack with its own cluster admits the repositories of its own images (enclave:app.images).`,
    ]);
  });

  it("refuses a registry alone, a wildcard or a tag", () => {
    for (const bad of ["europe-west1-docker.pkg.dev", `${MIRROR}/**`, `${MIRROR}:1.0`]) {
      expect(problems(gcp(PLATFORM, { tenantImageRepositories: [bad] }))).toEqual([
        `enclave:gcp.tenantImageRepositories[0] = "${bad}": is not a repository of a registry. Fix: write <registry host>/<repository path> without a tag, digest or wildcard (never a registry alone), e.g. "europe-west1-docker.pkg.dev/acme-annotate/mirror".`,
      ]);
    }
  });
});
