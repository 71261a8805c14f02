import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gcpPolicies } from "../../policy-packs/policies/gcp";
import { main } from "../../review/cli";

/**
 * Issue 13, "an insecure GCP program is reviewed end to end (exit 1) with the findings checked by
 * URN": a real `@pulumi/gcp` program (network, firewall, KMS, GKE, node pool, bucket, Cloud SQL,
 * service account) written with the providers' easy defaults, reviewed by the offline reviewer with
 * every kit pack over the analyzer protocol, as `pulumi preview --policy-pack` would.
 */
const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/programs/gcp-insecure");
const URN = "urn:pulumi:dev::gcp-insecure::";

/** Each finding the program must produce: the policy, the resource's type and name, how often. */
const EXPECTED: [policy: string, type: string, name: string, times?: number][] = [
  ["gcp-compute-firewall-restrict-public-ingress", "gcp:compute/firewall:Firewall", "ssh"],
  ["gcp-compute-subnetwork-enable-flow-logs", "gcp:compute/subnetwork:Subnetwork", "subnet"],
  ["gcp-container-cluster-disallow-client-certificate", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-disallow-legacy-abac", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-binary-authorization", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-deletion-protection", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-intranode-visibility", "gcp:container/cluster:Cluster", "gke"],
  // loggingService "none" and monitoringService "none": one finding each.
  ["gcp-container-cluster-enable-logging-monitoring", "gcp:container/cluster:Cluster", "gke", 2],
  ["gcp-container-cluster-enable-network-policy", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-private-nodes", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-release-channel", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-secrets-encryption", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-security-posture", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-shielded-nodes", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-enable-workload-identity", "gcp:container/cluster:Cluster", "gke"],
  ["gcp-container-cluster-restrict-control-plane-access", "gcp:container/cluster:Cluster", "gke"],
  [
    "gcp-container-nodepool-disallow-default-service-account",
    "gcp:container/nodePool:NodePool",
    "pool",
  ],
  // Auto-repair and auto-upgrade both off.
  [
    "gcp-container-nodepool-enable-auto-repair-upgrade",
    "gcp:container/nodePool:NodePool",
    "pool",
    2,
  ],
  ["gcp-container-nodepool-enable-gke-metadata-server", "gcp:container/nodePool:NodePool", "pool"],
  // Secure boot and integrity monitoring both off.
  ["gcp-container-nodepool-enable-shielded-instance", "gcp:container/nodePool:NodePool", "pool", 2],
  ["gcp-container-nodepool-encrypt-boot-disk", "gcp:container/nodePool:NodePool", "pool"],
  ["gcp-container-nodepool-require-cos-containerd", "gcp:container/nodePool:NodePool", "pool"],
  ["gcp-iam-binding-disallow-basic-roles", "gcp:projects/iAMMember:IAMMember", "app-owner"],
  [
    "gcp-iam-binding-disallow-default-compute-service-account",
    "gcp:projects/iAMMember:IAMMember",
    "default-compute-reader",
  ],
  [
    "gcp-iam-binding-disallow-service-account-admin-roles",
    "gcp:projects/iAMMember:IAMMember",
    "app-storage-admin",
  ],
  [
    "gcp-iam-binding-disallow-service-account-impersonation",
    "gcp:projects/iAMMember:IAMMember",
    "impersonation",
  ],
  ["gcp-kms-cryptokey-configure-destroy-delay", "gcp:kms/cryptoKey:CryptoKey", "key"],
  [
    "gcp-kms-cryptokey-disallow-public-members",
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "key-public",
  ],
  ["gcp-kms-cryptokey-enable-rotation", "gcp:kms/cryptoKey:CryptoKey", "key"],
  ["gcp-serviceaccount-key-disallow-user-managed", "gcp:serviceaccount/key:Key", "app-key"],
  [
    "gcp-sql-databaseinstance-disallow-public-ip",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "db",
  ],
  // No backups, and so no point-in-time recovery either.
  ["gcp-sql-databaseinstance-enable-backups", "gcp:sql/databaseInstance:DatabaseInstance", "db", 2],
  // Neither the Pulumi-side nor the API-side deletion protection.
  [
    "gcp-sql-databaseinstance-enable-deletion-protection",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "db",
    2,
  ],
  [
    "gcp-sql-databaseinstance-enable-iam-authentication",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "db",
  ],
  // Neither log_connections nor log_disconnections.
  [
    "gcp-sql-databaseinstance-enable-connection-logging",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "db",
    2,
  ],
  ["gcp-sql-databaseinstance-enable-pgaudit", "gcp:sql/databaseInstance:DatabaseInstance", "db"],
  ["gcp-sql-databaseinstance-encrypt-with-cmek", "gcp:sql/databaseInstance:DatabaseInstance", "db"],
  ["gcp-sql-databaseinstance-require-ssl", "gcp:sql/databaseInstance:DatabaseInstance", "db"],
  [
    "gcp-sql-databaseinstance-review-statement-logging",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "db",
  ],
  ["gcp-storage-bucket-disallow-force-destroy", "gcp:storage/bucket:Bucket", "data"],
  [
    "gcp-storage-bucket-disallow-public-members",
    "gcp:storage/bucketIAMMember:BucketIAMMember",
    "data-public",
  ],
  ["gcp-storage-bucket-enable-access-logging", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-enable-locked-retention", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-enable-uniform-access", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-enable-versioning", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-encrypt-with-cmek", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-enforce-public-access-prevention", "gcp:storage/bucket:Bucket", "data"],
  ["gcp-storage-bucket-require-data-access-logs", "gcp:storage/bucket:Bucket", "data"],
  // The stateful resources, none labelled with its tenant, classification and owner.
  ["pulumi-resource-stateful-require-data-tags", "gcp:storage/bucket:Bucket", "data"],
  ["pulumi-resource-stateful-require-data-tags", "gcp:sql/databaseInstance:DatabaseInstance", "db"],
  ["pulumi-resource-stateful-require-data-tags", "gcp:container/cluster:Cluster", "gke"],
  ["pulumi-resource-stateful-require-data-tags", "gcp:kms/cryptoKey:CryptoKey", "key"],
  // The stateful resources, none protected.
  ["pulumi-resource-stateful-require-protect", "gcp:storage/bucket:Bucket", "data"],
  ["pulumi-resource-stateful-require-protect", "gcp:sql/databaseInstance:DatabaseInstance", "db"],
  ["pulumi-resource-stateful-require-protect", "gcp:container/cluster:Cluster", "gke"],
  ["pulumi-resource-stateful-require-protect", "gcp:kms/cryptoKey:CryptoKey", "key"],
];

interface Report {
  violations: { policy: string; enforcementLevel: string; urn?: string; message: string }[];
  errors: unknown[];
  resources: { urn: string; type: string }[];
}

let out: string;
let code: number;
let report: Report;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-gcp-insecure-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const file = path.join(out, "r.json");
  code = await main(["--program", PROGRAM, "--stack", "dev", "--json", file]);
  vi.restoreAllMocks();
  report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
}, 240_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("an insecure GCP program, reviewed end to end", () => {
  it("fails at mandatory with no evaluation error", () => {
    expect(code).toBe(1);
    expect(report.errors).toEqual([]);
    expect(new Set(report.violations.map((v) => v.enforcementLevel))).toEqual(
      new Set(["mandatory"]),
    );
  });

  it("gives exactly the expected findings, by URN", () => {
    const expected = EXPECTED.flatMap(([policy, type, name, times = 1]) =>
      Array.from({ length: times }, () => `${policy} ${URN}${type}::${name}`),
    ).sort();
    const actual = report.violations.map((v) => `${v.policy} ${v.urn}`).sort();
    expect(actual).toEqual(expected);
  });

  it("is judged by every GCP policy the packs carry: each fires at least once", () => {
    const fired = new Set(report.violations.map((v) => v.policy));
    const silent = gcpPolicies.map((p) => p.name).filter((name) => !fired.has(name));
    expect(silent).toEqual([]);
  });

  it("every finding names a resource the program registered", () => {
    const urns = new Set(report.resources.map((r) => r.urn));
    for (const v of report.violations) {
      expect(urns.has(v.urn ?? "")).toBe(true);
    }
  });
});
