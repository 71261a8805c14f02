import { describe, expect, it } from "vitest";
import { NOT_STATEFUL, STATEFUL_TYPES, statefulEntry } from "../../../policy-packs/lib/stateful";
import { runResourcePolicy } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";
import requireProtect from "../../../policy-packs/policies/pulumi/pulumi-resource-stateful-require-protect";

const run = (type: string, props: Record<string, unknown>, protect: boolean) =>
  runResourcePolicy(requireProtect, { type, props, opts: { protect } });

const STATEFULSET_DELETING_CLAIMS = {
  spec: {
    persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
    volumeClaimTemplates: [
      { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"] } },
    ],
  },
};

describe("the stateful types table", () => {
  it("lists each type once, with what it holds, and never both in and out", () => {
    const types = STATEFUL_TYPES.map((t) => t.type);
    expect(new Set(types).size).toBe(types.length);
    for (const t of STATEFUL_TYPES) {
      expect(t.type).toMatch(/^[a-z0-9-]+:[A-Za-z0-9/.-]+:[A-Za-z0-9]+$/);
      expect(t.holds.trim()).not.toBe("");
    }
    // A type may be excluded only as a whole (no `when`) or in the configurations `when` rejects.
    for (const excluded of NOT_STATEFUL) {
      const entry = STATEFUL_TYPES.find((t) => t.type === excluded.type);
      expect(entry === undefined || entry.when !== undefined).toBe(true);
    }
  });

  it("covers the data stores and keys of all three targets", () => {
    for (const type of [
      "aws:kms/key:Key",
      "aws:s3/bucketV2:BucketV2",
      "aws:rds/cluster:Cluster",
      "aws:eks/cluster:Cluster",
      "gcp:kms/cryptoKey:CryptoKey",
      "gcp:storage/bucket:Bucket",
      "gcp:sql/databaseInstance:DatabaseInstance",
      "gcp:container/cluster:Cluster",
      "kubernetes:core/v1:PersistentVolumeClaim",
    ]) {
      expect(statefulEntry(type, {}), type).toBeDefined();
    }
  });
});

describe("pulumi-resource-stateful-require-protect", () => {
  it("passes protected stateful resources", () => {
    for (const { type } of STATEFUL_TYPES) {
      expect(run(type, STATEFULSET_DELETING_CLAIMS, true)).toEqual({ violations: [] });
    }
  });

  it("fails every unprotected stateful type, naming what it holds", () => {
    for (const entry of STATEFUL_TYPES) {
      expect(run(entry.type, STATEFULSET_DELETING_CLAIMS, false).violations, entry.type).toEqual([
        `This resource holds ${entry.holds}, but it is not protected, so a delete or a replacement would destroy it. Set the resource option protect: true.`,
      ]);
    }
    expect(run("gcp:sql/databaseInstance:DatabaseInstance", {}, false).violations).toEqual([
      "This resource holds databases and their automated backups, but it is not protected, so a delete or a replacement would destroy it. Set the resource option protect: true.",
    ]);
  });

  it("judges a StatefulSet only when deleting it deletes its claims", () => {
    const type = "kubernetes:apps/v1:StatefulSet";
    expect(
      run(type, { spec: { volumeClaimTemplates: [{ metadata: { name: "data" } }] } }, false)
        .violations,
    ).toEqual([]);
    const retained = {
      spec: {
        ...STATEFULSET_DELETING_CLAIMS.spec,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain" },
      },
    };
    expect(run(type, retained, false).violations).toEqual([]);
    expect(run(type, STATEFULSET_DELETING_CLAIMS, false).violations).toHaveLength(1);
  });

  it("is not applicable to stateless types, nor while a StatefulSet's retention policy is unknown", () => {
    expect(run("gcp:compute/firewall:Firewall", {}, false).notApplicable).toMatch(/only applies/);
    expect(run("kubernetes:core/v1:Namespace", {}, false).notApplicable).toMatch(/only applies/);
    const pending = {
      spec: {
        ...STATEFULSET_DELETING_CLAIMS.spec,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: UNKNOWN },
      },
    };
    expect(run("kubernetes:apps/v1:StatefulSet", pending, false)).toEqual({
      violations: [],
      notApplicable: "depends on values that are known only after deployment",
    });
  });
});
