import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { runResourcePolicy, runStackPolicy, urnOf } from "../../helpers/policy";
import { BUCKET, mutate } from "../../helpers/gcp-fixtures";
import { UNKNOWN } from "../../helpers/unknowns";
import pap from "../../../policy-packs/policies/gcp/gcp-storage-bucket-enforce-public-access-prevention";
import uniform from "../../../policy-packs/policies/gcp/gcp-storage-bucket-enable-uniform-access";
import cmek from "../../../policy-packs/policies/gcp/gcp-storage-bucket-encrypt-with-cmek";
import versioning from "../../../policy-packs/policies/gcp/gcp-storage-bucket-enable-versioning";
import forceDestroy from "../../../policy-packs/policies/gcp/gcp-storage-bucket-disallow-force-destroy";
import publicMembers from "../../../policy-packs/policies/gcp/gcp-storage-bucket-disallow-public-members";
import accessLogging from "../../../policy-packs/policies/gcp/gcp-storage-bucket-enable-access-logging";

const run = (policy: EnclaveResourcePolicy, type: string, props: Record<string, unknown>) => {
  const outcome = runResourcePolicy(policy, { type, props });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const changed = (policy: EnclaveResourcePolicy, path: string, value: unknown) =>
  run(policy, GCP.bucket, mutate(BUCKET, path, value));

describe("Cloud Storage bucket policies", () => {
  it.each([pap, uniform, cmek, versioning, forceDestroy].map((p) => [p.name, p] as const))(
    "%s passes the compliant bucket",
    (_n, policy) => {
      expect(run(policy, GCP.bucket, BUCKET)).toEqual([]);
    },
  );

  it("gcp-storage-bucket-enforce-public-access-prevention fails inherited or unset prevention", () => {
    expect(changed(pap, "publicAccessPrevention", "inherited")).toEqual([
      'publicAccessPrevention is "inherited", so an IAM grant or ACL can make the bucket public. Set it to "enforced".',
    ]);
    expect(changed(pap, "publicAccessPrevention", undefined)).toEqual([
      'publicAccessPrevention is not set, so an IAM grant or ACL can make the bucket public. Set it to "enforced".',
    ]);
  });

  it("gcp-storage-bucket-enable-uniform-access fails fine-grained ACLs", () => {
    expect(changed(uniform, "uniformBucketLevelAccess", false)).toEqual([
      "uniformBucketLevelAccess is false, so object ACLs can grant access that bucket IAM does not show. Set it to true.",
    ]);
  });

  it("gcp-storage-bucket-encrypt-with-cmek fails without a default key", () => {
    expect(changed(cmek, "encryption", undefined)).toEqual([
      "encryption.defaultKmsKeyName is not set, so objects are encrypted with a Google-managed key. Set it to a Cloud KMS crypto key id.",
    ]);
  });

  it("gcp-storage-bucket-enable-versioning fails without versioning", () => {
    expect(changed(versioning, "versioning.enabled", false)).toEqual([
      "versioning.enabled is false and the bucket has no retention policy, so overwritten or deleted objects cannot be restored. Set versioning.enabled to true (or set retentionPolicy.retentionPeriod).",
    ]);
  });

  it("gcp-storage-bucket-enable-versioning accepts a retention policy instead (GCS refuses both)", () => {
    const locked = mutate(BUCKET, "retentionPolicy", {
      retentionPeriod: "2592000",
      isLocked: true,
    });
    expect(run(versioning, GCP.bucket, mutate(locked, "versioning.enabled", false))).toEqual([]);
    expect(
      run(
        versioning,
        GCP.bucket,
        mutate(mutate(locked, "versioning.enabled", false), "retentionPolicy.retentionPeriod", "0"),
      ),
    ).toEqual([
      "versioning.enabled is false and the bucket has no retention policy, so overwritten or deleted objects cannot be restored. Set versioning.enabled to true (or set retentionPolicy.retentionPeriod).",
    ]);
  });

  it("gcp-storage-bucket-disallow-force-destroy fails forceDestroy", () => {
    expect(changed(forceDestroy, "forceDestroy", true)).toEqual([
      "forceDestroy is true, so deleting or replacing the bucket deletes every object in it. Set it to false.",
    ]);
  });
});

describe("gcp-storage-bucket-disallow-public-members", () => {
  const member = {
    bucket: "enclave-prod-data",
    role: "roles/storage.objectViewer",
    member: "serviceAccount:app@enclave-prod.iam.gserviceaccount.com",
  };

  it("passes grants to specific principals", () => {
    expect(run(publicMembers, GCP.bucketIamMember, member)).toEqual([]);
    expect(
      run(publicMembers, GCP.bucketAcl, {
        bucket: "b",
        roleEntities: ["OWNER:project-owners-123", "READER:group-devs@example.com"],
      }),
    ).toEqual([]);
  });

  it("fails IAM members, bindings and policies that name allUsers or allAuthenticatedUsers", () => {
    expect(run(publicMembers, GCP.bucketIamMember, { ...member, member: "allUsers" })).toEqual([
      "member grants roles/storage.objectViewer to allUsers, which makes the bucket public. Grant it to specific principals.",
    ]);
    expect(
      run(publicMembers, GCP.bucketIamBinding, {
        bucket: "b",
        role: "roles/storage.objectViewer",
        members: ["group:devs@example.com", "allAuthenticatedUsers"],
      }),
    ).toEqual([
      "members grants roles/storage.objectViewer to allAuthenticatedUsers, which makes the bucket public. Grant it to specific principals.",
    ]);
    const policyData = JSON.stringify({
      bindings: [
        { role: "roles/storage.admin", members: ["user:a@example.com"] },
        { role: "roles/storage.legacyObjectReader", members: ["allUsers"] },
      ],
    });
    expect(run(publicMembers, GCP.bucketIamPolicy, { bucket: "b", policyData })).toEqual([
      "policyData.bindings[1] grants roles/storage.legacyObjectReader to allUsers, which makes the bucket public. Grant it to specific principals.",
    ]);
  });

  it("fails public ACLs: canned, role entities and single entities", () => {
    expect(run(publicMembers, GCP.bucketAcl, { bucket: "b", predefinedAcl: "publicRead" })).toEqual(
      [
        'The ACL is public (predefinedAcl "publicRead"). Remove the public entries and use uniform bucket-level access.',
      ],
    );
    expect(
      run(publicMembers, GCP.defaultObjectAcl, { bucket: "b", roleEntities: ["READER:allUsers"] }),
    ).toEqual([
      'The ACL is public (roleEntities "READER:allUsers"). Remove the public entries and use uniform bucket-level access.',
    ]);
    expect(
      run(publicMembers, GCP.objectAccessControl, {
        bucket: "b",
        object: "o",
        role: "READER",
        entity: "allAuthenticatedUsers",
      }),
    ).toEqual([
      'The ACL is public (entity "allAuthenticatedUsers"). Remove the public entries and use uniform bucket-level access.',
    ]);
  });
});

describe("gcp-storage-bucket-enable-access-logging", () => {
  const data = { type: GCP.bucket, name: "data", props: BUCKET };
  const logs = {
    type: GCP.bucket,
    name: "logs",
    props: { ...mutate(BUCKET, "logging", undefined), name: "enclave-prod-logs" },
  };

  it("passes a logged bucket and exempts the bucket that receives its logs", () => {
    expect(runStackPolicy(accessLogging, [data, logs]).violations).toEqual([]);
  });

  it("exempts a log bucket found through the engine's property dependencies", () => {
    const unnamedLogs = { ...logs, props: { ...logs.props, name: "enclave-prod-logs-7f3a" } };
    const dataDependingOnLogs = { ...data, propertyDependencies: { logging: ["logs"] } };
    expect(runStackPolicy(accessLogging, [dataDependingOnLogs, unnamedLogs]).violations).toEqual(
      [],
    );
  });

  it("fails a bucket without access logs", () => {
    const unlogged = {
      type: GCP.bucket,
      name: "data",
      props: mutate(BUCKET, "logging", undefined),
    };
    expect(runStackPolicy(accessLogging, [unlogged]).violations).toEqual([
      {
        message:
          'Bucket "data" has no logging.logBucket and the stack has no Data Access audit logs for Cloud Storage, so object reads and writes are not recorded. Set logging.logBucket to a log bucket.',
        urn: urnOf(GCP.bucket, "data"),
      },
    ]);
    expect(
      runStackPolicy(accessLogging, [data, logs], { exemptLogBuckets: false }).violations.map(
        (v) => v.urn,
      ),
    ).toEqual([urnOf(GCP.bucket, "logs")]);
  });

  it("passes unlogged buckets when the stack turns on Data Access audit logs for Cloud Storage", () => {
    const unlogged = {
      type: GCP.bucket,
      name: "data",
      props: mutate(BUCKET, "logging", undefined),
    };
    const audit = (logTypes: string[]) => ({
      type: GCP.projectIamAuditConfig,
      name: "storage-audit",
      props: {
        project: "enclave-prod",
        service: "storage.googleapis.com",
        auditLogConfigs: logTypes.map((logType) => ({ logType })),
      },
    });
    expect(
      runStackPolicy(accessLogging, [unlogged, audit(["DATA_READ", "DATA_WRITE"])]).violations,
    ).toEqual([]);
    expect(
      runStackPolicy(accessLogging, [unlogged, audit(["ADMIN_READ"])]).violations,
    ).toHaveLength(1);
  });

  it("during a preview, skips a bucket whose log target is unknown, and the buckets it may log to", () => {
    const pending = {
      type: GCP.bucket,
      name: "pending",
      props: mutate(BUCKET, "logging.logBucket", UNKNOWN),
    };
    const unlogged = {
      type: GCP.bucket,
      name: "data",
      props: mutate(BUCKET, "logging", undefined),
    };
    expect(runStackPolicy(accessLogging, [pending, unlogged]).violations).toEqual([]);
    expect(
      runStackPolicy(accessLogging, [pending, unlogged], {
        exemptLogBuckets: false,
      }).violations.map((v) => v.urn),
    ).toEqual([urnOf(GCP.bucket, "data")]);
  });
});
