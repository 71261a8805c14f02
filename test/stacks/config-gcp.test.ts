import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";
import { resolveGcpSettings } from "../../stacks/config/gcp-settings";

const CTX = { project: "enclave", stack: "gcp-dev" };

const GOOD: RawConfig = {
  "enclave:cloud": "gcp",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["10.200.0.0/24"], users: ["203.0.113.0/24"] }),
  "gcp:project": "acme-annotate-dev",
  "gcp:region": "europe-west1",
};

const withRaw = (over: Record<string, string | undefined>): RawConfig => {
  const raw: Record<string, string> = { ...GOOD };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) {
      delete raw[k];
    } else {
      raw[k] = v;
    }
  }
  return raw;
};
const withGcp = (gcp: unknown, over: Record<string, string | undefined> = {}) =>
  withRaw({ "enclave:gcp": JSON.stringify(gcp), ...over });
const withAdmin = (admin: string[], gcp?: unknown) =>
  withRaw({
    "enclave:allowlist": JSON.stringify({ admin, users: [] }),
    ...(gcp !== undefined ? { "enclave:gcp": JSON.stringify(gcp) } : {}),
  });

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

describe("enclave:gcp: valid", () => {
  it("defaults to {} and carries gcp:project and gcp:region", () => {
    const config = parseStackConfig(GOOD, CTX);
    expect(config.gcp).toEqual({});
    expect([config.gcpProject, config.gcpRegion]).toEqual(["acme-annotate-dev", "europe-west1"]);
  });

  it("parses every field", () => {
    const gcp = {
      subnetCidr: "10.10.0.0/20",
      podsCidr: "10.16.0.0/14",
      servicesCidr: "10.20.0.0/20",
      controlPlaneCidr: "172.16.8.0/28",
      airGapped: true,
      publicEndpoint: true,
      keyProtectionLevel: "HSM",
      logRetentionDays: 731,
      noncurrentVersionRetentionDays: 30,
      bucketRetention: { days: 365, locked: false },
      databaseRangeCidr: "10.30.0.0/24",
      keyRotationDays: 30,
      releaseChannel: "STABLE",
      securityPosture: "ENTERPRISE",
      nodes: {
        machineType: "n2-standard-8",
        minNodesPerZone: 2,
        maxNodesPerZone: 5,
        diskSizeGb: 200,
      },
    };
    expect(parseStackConfig(withGcp(gcp), CTX).gcp).toEqual(gcp);
  });

  it("resolves the secure defaults, retention locked for 30 days in prod only", () => {
    expect(resolveGcpSettings("dev", {})).toEqual({
      ranges: {
        subnetCidr: "10.60.0.0/20",
        podsCidr: "10.64.0.0/14",
        servicesCidr: "10.68.0.0/20",
        controlPlaneCidr: "172.16.0.16/28",
      },
      airGapped: false,
      publicEndpoint: false,
      keyProtectionLevel: "SOFTWARE",
      logRetentionDays: 365,
      noncurrentVersionRetentionDays: 90,
      keyRotationDays: 90,
      databaseRangeCidr: "10.72.0.0/20",
      database: {
        tier: "db-custom-1-3840",
        diskSizeGb: 20,
        availabilityType: "ZONAL",
        retainedBackups: 7,
      },
      releaseChannel: "REGULAR",
      securityPosture: "BASIC",
      nodes: {
        machineType: "e2-standard-4",
        minNodesPerZone: 1,
        maxNodesPerZone: 2,
        diskSizeGb: 50,
      },
    });
    expect(resolveGcpSettings("staging", {}).nodes.maxNodesPerZone).toBe(3);
    expect(resolveGcpSettings("prod", {}).nodes).toEqual({
      machineType: "n2-standard-4",
      minNodesPerZone: 1,
      maxNodesPerZone: 4,
      diskSizeGb: 100,
    });
    expect(resolveGcpSettings("prod", { nodes: { maxNodesPerZone: 9 } }).nodes).toEqual({
      machineType: "n2-standard-4",
      minNodesPerZone: 1,
      maxNodesPerZone: 9,
      diskSizeGb: 100,
    });
    expect(resolveGcpSettings("staging", {}).database).toEqual({
      tier: "db-custom-2-7680",
      diskSizeGb: 50,
      availabilityType: "REGIONAL",
      retainedBackups: 14,
    });
    expect(resolveGcpSettings("prod", {}).database).toEqual({
      tier: "db-custom-4-15360",
      diskSizeGb: 100,
      availabilityType: "REGIONAL",
      retainedBackups: 30,
    });
    expect(resolveGcpSettings("dev", { keyRotationDays: 14 }).keyRotationDays).toBe(14);
    expect(resolveGcpSettings("staging", {}).bucketRetention).toBeUndefined();
    expect(resolveGcpSettings("prod", {}).bucketRetention).toEqual({ days: 30, locked: true });
    expect(resolveGcpSettings("prod", { bucketRetention: false }).bucketRetention).toBeUndefined();
    expect(
      resolveGcpSettings("dev", { bucketRetention: { days: 7, locked: false } }).bucketRetention,
    ).toEqual({ days: 7, locked: false });
  });

  it("accepts private admin networks, and public ones with the public endpoint", () => {
    expect(problems(withAdmin(["10.0.0.0/8", "172.20.0.0/16", "192.168.1.0/24"]))).toEqual([]);
    expect(problems(withAdmin(["100.64.0.0/10"]))).toEqual([]);
    expect(problems(withAdmin(["198.51.100.0/24"], { publicEndpoint: true }))).toEqual([]);
  });
});

describe("enclave:gcp: refused, naming the key, the value and the fix", () => {
  it("requires gcp:project and gcp:region", () => {
    expect(problems(withRaw({ "gcp:project": undefined, "gcp:region": undefined }))).toEqual([
      "gcp:project = (not set): is required when enclave:cloud is gcp. Fix: set it, e.g. `pulumi config set gcp:project my-project`.",
      "gcp:region = (not set): is required when enclave:cloud is gcp. Fix: set it, e.g. `pulumi config set gcp:region europe-west1`.",
    ]);
  });

  it("checks the project id's and the region's format", () => {
    expect(
      problems(withRaw({ "gcp:project": "123456789012", "gcp:region": "europe-west1-b" })),
    ).toEqual([
      'gcp:project = "123456789012": is not a Google Cloud project id. Fix: use the project id (not its name or number): 6-30 lower-case letters, digits and hyphens, starting with a letter, e.g. "acme-annotate-prod".',
      'gcp:region = "europe-west1-b": is not a Google Cloud region. Fix: use a region (not a zone) such as "europe-west1" or "us-central1".',
    ]);
  });

  it("refuses a public authorized network while the endpoint is private", () => {
    expect(problems(withAdmin(["10.1.0.0/16", "198.51.100.0/24"]))).toEqual([
      'enclave:allowlist.admin[1] = "198.51.100.0/24": is a public network, but the control plane has a private endpoint only (master authorized networks must then be private ranges). Fix: list the private ranges the admins reach the VPC from (VPN, Interconnect, a bastion subnet: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10), or set enclave:gcp.publicEndpoint to true (an opt-out the packs flag) to reach the public endpoint from this network.',
    ]);
  });

  it("refuses IPv6 authorized networks, public endpoint or not", () => {
    for (const gcp of [undefined, { publicEndpoint: true }]) {
      expect(problems(withAdmin(["2001:db8:1::/48"], gcp))).toEqual([
        'enclave:allowlist.admin[0] = "2001:db8:1::/48": is an IPv6 network, and GKE master authorized networks take IPv4 blocks only. Fix: list the admins\' IPv4 networks.',
      ]);
    }
  });

  it("refuses an unknown field, listing the known ones", () => {
    expect(problems(withGcp({ nat: "none" }))).toEqual([
      'enclave:gcp = ["nat"]: has unknown field nat. Fix: use only subnetCidr, podsCidr, servicesCidr, controlPlaneCidr, airGapped, publicEndpoint, keyProtectionLevel, logRetentionDays, noncurrentVersionRetentionDays, bucketRetention, databaseRangeCidr, keyRotationDays, releaseChannel, securityPosture, nodes, tenantImageRepositories.',
    ]);
  });

  it("refuses enclave:gcp on another cloud", () => {
    expect(problems(withGcp({}, { "enclave:cloud": "aws", "aws:region": "eu-west-1" }))).toEqual([
      "enclave:gcp = {}: is set but enclave:cloud is aws. Fix: remove it; it configures the GCP target only.",
    ]);
  });

  it("refuses ranges that are malformed, public, of the wrong size, or overlapping", () => {
    expect(problems(withGcp({ subnetCidr: "10.60.0.1/20" }))).toEqual([
      'enclave:gcp.subnetCidr = "10.60.0.1/20": has host bits set after the prefix. Fix: write the network address, "10.60.0.0/20".',
    ]);
    expect(problems(withGcp({ podsCidr: "203.0.112.0/21" }))).toEqual([
      'enclave:gcp.podsCidr = "203.0.112.0/21": is not a private IPv4 range, so the pods\' secondary range would take addresses that belong to someone on the internet. Fix: use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, e.g. "10.64.0.0/14".',
    ]);
    expect(problems(withGcp({ controlPlaneCidr: "172.16.0.0/24" }))).toEqual([
      'enclave:gcp.controlPlaneCidr = "172.16.0.0/24": is a /24, but the control plane\'s range must be a /28. Fix: use a block a /28, e.g. "172.16.0.16/28".',
    ]);
    expect(problems(withGcp({ servicesCidr: "10.60.8.0/24" }))).toEqual([
      'enclave:gcp.servicesCidr = "10.60.8.0/24": overlaps subnetCidr (10.60.0.0/20). Fix: choose ranges that share no address, e.g. 10.60.0.0/20 for subnetCidr and 10.68.0.0/20 for servicesCidr.',
    ]);
  });

  it("refuses bad values of the other fields", () => {
    expect(
      problems(
        withGcp({
          airGapped: "yes",
          keyProtectionLevel: "EXTERNAL",
          logRetentionDays: 7,
          bucketRetention: { days: 0, locked: true },
        }),
      ),
    ).toEqual([
      'enclave:gcp.airGapped = "yes": is not true or false. Fix: write true (no Cloud NAT, no internet route, Google APIs through restricted.googleapis.com only) or false (egress through Cloud NAT, the default).',
      'enclave:gcp.keyProtectionLevel = "EXTERNAL": is not a supported Cloud KMS protection level. Fix: set it to one of SOFTWARE, HSM.',
      "enclave:gcp.logRetentionDays = 7: is below 30. Fix: use 30 to 3650.",
      "enclave:gcp.bucketRetention.days = 0: is below 1. Fix: use 1 to 36500.",
    ]);
  });

  it("refuses a Diffgram key rotation beyond 90 days, below 2, or not whole", () => {
    expect(problems(withGcp({ keyRotationDays: 91 }))).toEqual([
      "enclave:gcp.keyRotationDays = 91: is above 90. Fix: use 2 to 90.",
    ]);
    expect(problems(withGcp({ keyRotationDays: 1 }))).toEqual([
      "enclave:gcp.keyRotationDays = 1: is below 2. Fix: use 2 to 90.",
    ]);
    expect(problems(withGcp({ keyRotationDays: 7.5 }))).toEqual([
      "enclave:gcp.keyRotationDays = 7.5: is not a whole number. Fix: write the days a Diffgram storage key lives as a whole number, e.g. 90.",
    ]);
    expect(problems(withGcp({ keyRotationDays: "90" }))).toEqual([
      'enclave:gcp.keyRotationDays = "90": is not a number. Fix: write the days a Diffgram storage key lives as a whole number, e.g. 90.',
    ]);
  });

  it("refuses a database range that is malformed, public, of the wrong size or overlapping the VPC", () => {
    expect(problems(withGcp({ databaseRangeCidr: "10.72.0.1/20" }))).toEqual([
      'enclave:gcp.databaseRangeCidr = "10.72.0.1/20": has host bits set after the prefix. Fix: write the network address, "10.72.0.0/20".',
    ]);
    expect(problems(withGcp({ databaseRangeCidr: "8.8.0.0/20" }))).toEqual([
      'enclave:gcp.databaseRangeCidr = "8.8.0.0/20": is not a private IPv4 range, so the database would take addresses of the internet. Fix: use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, e.g. "10.72.0.0/20".',
    ]);
    expect(problems(withGcp({ databaseRangeCidr: "10.72.0.0/28" }))).toEqual([
      'enclave:gcp.databaseRangeCidr = "10.72.0.0/28": is a /28, but Private Service Access for Cloud SQL needs /16 to /24. Fix: use a block from /16 to /24, e.g. "10.72.0.0/20".',
    ]);
    expect(problems(withGcp({ databaseRangeCidr: "10.66.0.0/20" }))).toEqual([
      'enclave:gcp.databaseRangeCidr = "10.66.0.0/20": overlaps the VPC\'s range 10.64.0.0/14. Fix: choose a range that shares no address with the subnet, pods, services or control plane ranges.',
    ]);
  });

  it("refuses a release channel, posture tier or node pool enclave does not build", () => {
    expect(
      problems(
        withGcp({
          releaseChannel: "RAPID",
          securityPosture: "DISABLED",
          nodes: { machineType: "big", minNodesPerZone: 0, diskSizeGb: 10, spot: true },
        }),
      ),
    ).toEqual([
      'enclave:gcp.releaseChannel = "RAPID": is not a supported GKE release channel. Fix: set it to one of REGULAR, STABLE.',
      'enclave:gcp.securityPosture = "DISABLED": is not a supported GKE security posture tier. Fix: set it to one of BASIC, ENTERPRISE.',
      'enclave:gcp.nodes.machineType = "big": is not a Compute Engine machine type. Fix: write e.g. "e2-standard-4".',
      "enclave:gcp.nodes.minNodesPerZone = 0: is below 1. Fix: use 1 to 100.",
      "enclave:gcp.nodes.diskSizeGb = 10: is below 20. Fix: use 20 to 65536.",
      'enclave:gcp.nodes = ["spot"]: has unknown field spot. Fix: use only machineType, minNodesPerZone, maxNodesPerZone, diskSizeGb.',
    ]);
  });

  it("refuses a node minimum above the maximum, naming a defaulted maximum as such", () => {
    expect(problems(withGcp({ nodes: { minNodesPerZone: 3 } }))).toEqual([
      "enclave:gcp.nodes.maxNodesPerZone = 2: is not a whole number at or above minNodesPerZone (3), taking the dev default. Fix: set the maximum at or above the minimum.",
    ]);
    expect(problems(withGcp({ nodes: { minNodesPerZone: 3, maxNodesPerZone: 2 } }))).toEqual([
      "enclave:gcp.nodes.maxNodesPerZone = 2: is not a whole number at or above minNodesPerZone (3). Fix: set the maximum at or above the minimum.",
    ]);
  });
});

describe("enclave:cloud gcp: what the target refuses before anything is created", () => {
  it("refuses a missing gcp:project or gcp:region, naming the key and the fix", () => {
    expect(problems(withRaw({ "gcp:project": undefined }))).toEqual([
      "gcp:project = (not set): is required when enclave:cloud is gcp. Fix: set it, e.g. `pulumi config set gcp:project my-project`.",
    ]);
    expect(problems(withRaw({ "gcp:region": undefined }))).toEqual([
      "gcp:region = (not set): is required when enclave:cloud is gcp. Fix: set it, e.g. `pulumi config set gcp:region europe-west1`.",
    ]);
  });

  it("refuses client-hosted, which the GCP target does not build", () => {
    expect(problems(withRaw({ "enclave:isolation": "client-hosted" }))).toContain(
      'enclave:isolation = "client-hosted": is not built on the GCP target (the client\'s bucket and Cloud KMS key by reference). Fix: use dedicated on GCP, or client-hosted on enclave:cloud aws or kubernetes.',
    );
  });
});
