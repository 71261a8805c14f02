import { beforeAll, describe, expect, it } from "vitest";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  REGION,
  agent,
  named,
  ofType,
  resolve,
  runProgram,
  setGcpMocks,
} from "../../helpers/gcp-target-mocks";
import type { GcpPlatformCluster } from "../../../components/gcp/tenant";
import { resolveGcpSettings } from "../../../stacks/config/gcp-settings";

/** GcpPlatform and GcpTenant on the mock engine, every enclave policy run over what they build. */
type Platform = typeof import("../../../components/gcp/platform");
type Tenant = typeof import("../../../components/gcp/tenant");
type Kms = typeof import("../../../components/gcp/kms");
let platformModule: Platform;
let tenantModule: Tenant;
let kms: Kms;

const NETWORK = `projects/${PROJECT}/global/networks/enclave-platform-dev-vpc`;
const CLUSTER: GcpPlatformCluster = {
  stack: "gcp-platform",
  clusterName: "enclave-platform-dev",
  clusterEndpoint: "10.213.0.2",
  kubeconfig: "{}",
  workloadIdentityPool: `${PROJECT}.svc.id.goog`,
  networkId: NETWORK,
  subnetCidr: "10.60.0.0/20",
  podsCidr: "10.64.0.0/14",
  servicesCidr: "10.68.0.0/20",
  apiServerCidr: "172.16.0.16/28",
  googleApiCidrs: ["199.36.153.8/30"],
  serviceAccessRangeName: "enclave-platform-dev-psa",
  serviceAccessCidr: "10.72.0.0/20",
};
const COMMON = {
  project: PROJECT,
  region: REGION,
  environment: "dev" as const,
  stack: "t",
  allowlist: { admin: ["10.200.0.0/24"], users: ["192.0.2.0/24"] },
  settings: resolveGcpSettings("dev", {}),
};
/** Types only a platform (or a stack with its own VPC) creates. */
const PLATFORM_TYPES = [
  "gcp:compute/network:Network",
  "gcp:compute/subnetwork:Subnetwork",
  "gcp:compute/router:Router",
  "gcp:compute/routerNat:RouterNat",
  "gcp:compute/firewall:Firewall",
  "gcp:compute/globalAddress:GlobalAddress",
  "gcp:servicenetworking/connection:Connection",
  "gcp:container/cluster:Cluster",
  "gcp:container/nodePool:NodePool",
  "gcp:binaryauthorization/policy:Policy",
  "gcp:projects/service:Service",
  "gcp:projects/serviceIdentity:ServiceIdentity",
  "gcp:projects/iAMAuditConfig:IAMAuditConfig",
];

beforeAll(async () => {
  await setGcpMocks();
  platformModule = await import("../../../components/gcp/platform");
  tenantModule = await import("../../../components/gcp/tenant");
  kms = await import("../../../components/gcp/kms");
});

const platform = () =>
  new platformModule.GcpPlatform("p", {
    ...COMMON,
    name: "platform",
    admittedImages: ["quay.io/jetstack/cert-manager-controller@*"],
  });

const tenant = () =>
  new tenantModule.GcpTenant("t", {
    ...COMMON,
    tenant: "globex",
    isolation: "dedicated",
    domain: "annotate.globex.example.com",
    platform: CLUSTER,
    now: new Date("2026-12-04T00:00:00Z"),
  });

describe("GcpPlatform", () => {
  it("builds the VPC, one PSA range, the cluster and the project's policies, and no tenant's data", async () => {
    const { resources, result } = await runProgram(platform);
    for (const type of PLATFORM_TYPES.filter((t) => !t.includes("router"))) {
      expect(ofType(resources, type).length, type).toBeGreaterThan(0);
    }
    for (const type of [
      "gcp:storage/bucket:Bucket",
      "gcp:sql/databaseInstance:DatabaseInstance",
      "gcp:serviceaccount/key:Key",
      "gcp:secretmanager/secret:Secret",
      "kubernetes:core/v1:Namespace",
    ]) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    expect(ofType(resources, "gcp:compute/network:Network")).toHaveLength(1);
    expect(ofType(resources, "gcp:container/cluster:Cluster")).toHaveLength(1);
    const range = named(resources, "gcp:compute/globalAddress:GlobalAddress", "p-psa-range");
    expect(range.inputs).toMatchObject({
      name: "enclave-platform-dev-psa",
      purpose: "VPC_PEERING",
      address: "10.72.0.0",
      prefixLength: 20,
    });
    expect(await resolve(result.serviceAccessRangeName)).toBe("enclave-platform-dev-psa");
    // The platform's ring holds the cluster's keys only.
    expect(
      ofType(resources, "gcp:kms/cryptoKey:CryptoKey")
        .map((k) => k.inputs["name"])
        .sort(),
    ).toEqual(["cluster", "volumes"]);
    const audit = ofType(resources, "gcp:projects/iAMAuditConfig:IAMAuditConfig");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.inputs["service"]).toBe("storage.googleapis.com");
    const [policy] = ofType(resources, "gcp:binaryauthorization/policy:Policy");
    expect(policy!.inputs["admissionWhitelistPatterns"]).toEqual([
      { namePattern: "quay.io/jetstack/cert-manager-controller@*" },
    ]);
    expect(result.workloadIdentityPool).toBe(`${PROJECT}.svc.id.goog`);
  });

  it("passes every enclave policy", async () => {
    const { resources } = await runProgram(platform);
    expect(reviewResources(resources)).toEqual([]);
  });
});

describe("GcpTenant", () => {
  it("creates no network, subnet, cluster, node pool, PSA range or project policy", async () => {
    const { resources } = await runProgram(tenant);
    for (const type of PLATFORM_TYPES) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    expect(ofType(resources, "pulumi:providers:kubernetes")).toHaveLength(1);
    expect(named(resources, "pulumi:providers:kubernetes", "t-k8s").inputs["kubeconfig"]).toBe(
      "{}",
    );
  });

  it("holds its own key ring (storage, database, logs), buckets and Cloud SQL in the platform's VPC", async () => {
    const { resources, result } = await runProgram(tenant);
    const [ring] = ofType(resources, "gcp:kms/keyRing:KeyRing");
    expect(ring!.inputs["name"]).toBe("enclave-globex-dev");
    expect(
      ofType(resources, "gcp:kms/cryptoKey:CryptoKey")
        .map((k) => k.inputs["name"])
        .sort(),
    ).toEqual(["database", "logs", "storage"]);
    const users = named(
      resources,
      "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
      "t-keys-database-users",
    );
    expect(users.inputs["members"]).toEqual([
      agent("gcp-sa-cloud-sql"),
      agent("gcp-sa-secretmanager"),
    ]);
    expect(ofType(resources, "gcp:storage/bucket:Bucket")).toHaveLength(2);
    const instance = named(
      resources,
      "gcp:sql/databaseInstance:DatabaseInstance",
      "t-database-instance",
    );
    expect(instance.inputs["settings"].ipConfiguration).toMatchObject({
      ipv4Enabled: false,
      privateNetwork: NETWORK,
      allocatedIpRange: "enclave-platform-dev-psa",
    });
    expect(instance.dependsOn).toEqual(["t-keys"]);
    expect(result.database.cidrs).toEqual(["10.72.0.0/20"]);
    expect(result.storage.network).toEqual({ cidrs: ["199.36.153.8/30"], port: 443 });
    expect(result.ingress).toMatchObject({
      clusterCidrs: ["10.60.0.0/20", "10.64.0.0/14"],
      kubernetesApiCidrs: ["172.16.0.16/28"],
      cloudApiCidrs: ["199.36.153.8/30"],
      certManager: "present",
    });
    const namespace = named(resources, "kubernetes:core/v1:Namespace", "t-credentials");
    expect(namespace.inputs["metadata"].name).toBe("credentials-globex-dev");
  });

  it("binds the bootstrap Job through the platform's Workload Identity pool, once per name", async () => {
    const { resources } = await runProgram(() => {
      const t = tenant();
      const request = {
        name: "database-bootstrap",
        namespace: "enclave-globex",
        serviceAccountName: "database-bootstrap",
        access: "database-bootstrap" as const,
      };
      t.bindServiceAccount(request);
      expect(() => t.bindServiceAccount(request)).toThrow(
        'GcpTenant t: bindServiceAccount was called twice with name "database-bootstrap"',
      );
      expect(t.bindServiceAccount({ ...request, name: "x", access: "tenant-storage" })).toEqual({
        serviceAccountAnnotations: {},
      });
      return t;
    });
    const member = named(
      resources,
      "gcp:serviceaccount/iAMMember:IAMMember",
      "t-database-bootstrap-workload-identity",
    );
    expect(member.inputs["member"]).toBe(
      `serviceAccount:${PROJECT}.svc.id.goog[enclave-globex/database-bootstrap]`,
    );
  });

  it("passes every enclave policy but the waivable ones its reference stack waives", async () => {
    const { resources } = await runProgram(tenant);
    expect(
      reviewResources(resources, {
        "gcp-sql-databaseinstance-review-statement-logging": { passwordsSentAs: "scram-verifier" },
      }).map((f) => [f.policy, f.resource]),
    ).toEqual([
      ["gcp-serviceaccount-key-disallow-user-managed", "t-diffgram-storage-key-a"],
      ["gcp-serviceaccount-key-disallow-user-managed", "t-diffgram-storage-key-b"],
      // The project's storage audit config is the platform's (one per project).
      ["gcp-storage-bucket-require-data-access-logs", "t-storage-data"],
    ]);
  });
});

describe("TenantKeyRing purposes", () => {
  it("refuses an empty or unknown purpose list", () => {
    const base = {
      project: PROJECT,
      location: REGION,
      ringName: "enclave-acme-dev",
      protectionLevel: "SOFTWARE" as const,
      keys: {},
      labels: {},
    };
    expect(kms.validateKeyRingArgs({ ...base, purposes: [] })).toEqual([
      {
        path: "purposes",
        value: [],
        problem: "is empty, so the ring would hold no key",
        fix: "name the purposes the ring holds a key for, or leave purposes out for all of them",
      },
    ]);
    expect(
      kms.validateKeyRingArgs({ ...base, purposes: ["secrets" as never] }).map((p) => p.path),
    ).toEqual(["purposes[0]"]);
    expect(
      kms
        .validateKeyRingArgs({ ...base, purposes: ["storage"], keys: {} as never })
        .map((p) => p.path),
    ).toEqual(["keys.storage"]);
  });
});
