import { describe, expect, it } from "vitest";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { gcpPolicies } from "../../../policy-packs/policies/gcp";
import { pulumiPolicies } from "../../../policy-packs/policies/pulumi";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../../helpers/policy";
import * as F from "../../helpers/gcp-fixtures";

/** The compliant fixtures, together: what a hardened GCP footprint declares. */
const FOOTPRINT: { type: string; name: string; props: Record<string, unknown> }[] = [
  { type: GCP.cluster, name: "gke", props: F.CLUSTER },
  { type: GCP.cluster, name: "gke-default-pool", props: F.CLUSTER_WITH_DEFAULT_POOL },
  { type: GCP.nodePool, name: "gke-nodes", props: F.NODE_POOL },
  { type: GCP.sqlInstance, name: "db", props: F.SQL_INSTANCE },
  // A prod data bucket: a locked retention policy (Cloud Storage refuses versioning beside it).
  {
    type: GCP.bucket,
    name: "data",
    props: {
      ...F.mutate(F.BUCKET, "versioning", undefined),
      retentionPolicy: { retentionPeriod: "2592000", isLocked: true },
    },
  },
  {
    type: GCP.bucket,
    name: "logs",
    props: { ...F.mutate(F.BUCKET, "logging", undefined), name: "enclave-prod-logs" },
  },
  { type: GCP.cryptoKey, name: "key", props: F.CRYPTO_KEY },
  { type: GCP.firewall, name: "https", props: F.FIREWALL },
  { type: GCP.subnetwork, name: "nodes", props: F.SUBNETWORK },
  { type: GCP.projectIamMember, name: "devs", props: F.PROJECT_IAM_MEMBER },
  { type: GCP.projectIamAuditConfig, name: "storage-audit", props: F.STORAGE_AUDIT_CONFIG },
];

/**
 * The stack's policy configuration of the compliant footprint: it logs role statements (pgAudit's
 * role class) and, like the kit's bootstrap, sends role passwords as SCRAM verifiers.
 */
const CONFIG: Readonly<Record<string, Record<string, unknown>>> = {
  "gcp-sql-databaseinstance-review-statement-logging": { passwordsSentAs: "scram-verifier" },
};

describe("the compliant GCP footprint", () => {
  const policies = [...gcpPolicies, ...pulumiPolicies];

  it.each(FOOTPRINT.map((r) => [r.name, r] as const))(
    "%s passes every GCP and Pulumi resource policy when protected",
    (_n, r) => {
      for (const policy of policies) {
        if (isStackPolicy(policy) || !(policy.enclave.resourceTypes ?? []).includes(r.type)) {
          continue;
        }
        expect(
          runResourcePolicy(policy, {
            type: r.type,
            props: r.props,
            opts: { protect: true },
            ...(CONFIG[policy.name] ? { config: CONFIG[policy.name] } : {}),
          }),
          policy.name,
        ).toEqual({ violations: [] });
      }
    },
  );

  it("passes every GCP stack policy", () => {
    for (const policy of policies.filter(isStackPolicy)) {
      expect(runStackPolicy(policy, FOOTPRINT).violations, policy.name).toEqual([]);
    }
  });

  it("is judged by every GCP resource policy at least once", () => {
    const judged = gcpPolicies.filter(
      (p) =>
        isStackPolicy(p) || FOOTPRINT.some((r) => (p.enclave.resourceTypes ?? []).includes(r.type)),
    );
    const unjudged = gcpPolicies.filter((p) => !judged.includes(p)).map((p) => p.name);
    // Policies on IAM grants to buckets and keys, ACLs and service account keys have their own fixtures.
    expect(unjudged.sort()).toEqual([
      "gcp-kms-cryptokey-disallow-public-members",
      "gcp-serviceaccount-key-disallow-user-managed",
      "gcp-storage-bucket-disallow-public-members",
    ]);
  });
});
