import { beforeAll, describe, expect, it } from "vitest";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  REGION,
  named,
  ofType,
  runProgram,
  setGcpMocks,
} from "../../helpers/gcp-target-mocks";

type Storage = typeof import("../../../components/gcp/storage");
let storage: Storage;

const RING = `projects/${PROJECT}/locations/${REGION}/keyRings/enclave-acme-prod/cryptoKeys`;
const labels = {
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
  "enclave-stack": "gcp-prod",
  "enclave-classification": "confidential",
  "enclave-owner": "acme",
  "managed-by": "pulumi",
};

beforeAll(async () => {
  await setGcpMocks();
  storage = await import("../../../components/gcp/storage");
});

type Args = import("../../../components/gcp/storage").TenantStorageArgs;
const ARGS: Args = {
  project: PROJECT,
  location: REGION,
  dataBucketName: "enclave-acme-prod-data-x1",
  logBucketName: "enclave-acme-prod-access-logs-x1",
  dataKeyId: `${RING}/storage`,
  logsKeyId: `${RING}/logs`,
  appOrigin: "https://annotate.acme.example.com",
  noncurrentVersionRetentionDays: 90,
  logRetention: { days: 365, locked: true },
  labels,
};
const build = (over: Partial<Args> = {}) =>
  runProgram(() => new storage.TenantStorage("acme", { ...ARGS, ...over }));

const SECURE = {
  project: PROJECT,
  location: "EUROPE-WEST1",
  storageClass: "STANDARD",
  uniformBucketLevelAccess: true,
  publicAccessPrevention: "enforced",
  forceDestroy: false,
  deletionPolicy: "PREVENT",
  softDeletePolicy: { retentionDurationSeconds: 604800 },
};

describe("TenantStorage", () => {
  it("makes both buckets private, uniform, CMEK-encrypted with their own key, and protected", async () => {
    const { resources } = await build();
    const data = named(resources, "gcp:storage/bucket:Bucket", "acme-data");
    const logs = named(resources, "gcp:storage/bucket:Bucket", "acme-access-logs");
    expect(data.inputs).toMatchObject({
      ...SECURE,
      name: "enclave-acme-prod-data-x1",
      encryption: { defaultKmsKeyName: `${RING}/storage` },
      labels: { ...labels, "enclave-purpose": "storage" },
    });
    expect(logs.inputs).toMatchObject({
      ...SECURE,
      name: "enclave-acme-prod-access-logs-x1",
      encryption: { defaultKmsKeyName: `${RING}/logs` },
      labels: { ...labels, "enclave-purpose": "access-logs" },
    });
    expect([data.protect, logs.protect]).toEqual([true, true]);
  });

  it("logs the data bucket's usage into the log bucket, which only GCS's log writer may add to", async () => {
    const { resources } = await build();
    const data = named(resources, "gcp:storage/bucket:Bucket", "acme-data");
    expect(data.inputs.logging).toEqual({
      logBucket: "enclave-acme-prod-access-logs-x1",
      logObjectPrefix: "enclave-acme-prod-data-x1/",
    });
    const grants = ofType(resources, "gcp:storage/bucketIAMMember:BucketIAMMember");
    expect(grants.map((g) => g.inputs)).toEqual([
      {
        bucket: "enclave-acme-prod-access-logs-x1",
        role: "roles/storage.objectCreator",
        member: "group:cloud-storage-analytics@google.com",
      },
    ]);
  });

  it("keeps logs under a retention policy for logRetention days, then deletes them", async () => {
    const { resources } = await build({ logRetention: { days: 400, locked: false } });
    const logs = named(resources, "gcp:storage/bucket:Bucket", "acme-access-logs");
    expect(logs.inputs.retentionPolicy).toEqual({ retentionPeriod: "34560000", isLocked: false });
    expect(logs.inputs.versioning).toEqual({ enabled: false });
    expect(logs.inputs.lifecycleRules).toEqual([
      { action: { type: "Delete" }, condition: { age: 400 } },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ]);
  });

  it("admits CORS reads from the app's origin only", async () => {
    const { resources } = await build();
    const data = named(resources, "gcp:storage/bucket:Bucket", "acme-data");
    expect(data.inputs.cors).toEqual([
      {
        origins: ["https://annotate.acme.example.com"],
        methods: ["GET", "HEAD"],
        responseHeaders: ["Content-Type", "Content-Length", "ETag"],
        maxAgeSeconds: 3600,
      },
    ]);
  });

  it("without a retention policy, keeps noncurrent versions for the configured days", async () => {
    const { resources } = await build({ noncurrentVersionRetentionDays: 30 });
    const data = named(resources, "gcp:storage/bucket:Bucket", "acme-data");
    expect(data.inputs.versioning).toEqual({ enabled: true });
    expect(data.inputs.retentionPolicy).toBeUndefined();
    expect(data.inputs.lifecycleRules).toEqual([
      {
        action: { type: "Delete" },
        condition: { daysSinceNoncurrentTime: 30, withState: "ARCHIVED" },
      },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ]);
  });

  it("with a retention policy (locked in prod), no versioning: GCS refuses both", async () => {
    const { resources } = await build({ retention: { days: 30, locked: true } });
    const data = named(resources, "gcp:storage/bucket:Bucket", "acme-data");
    expect(data.inputs.retentionPolicy).toEqual({ retentionPeriod: "2592000", isLocked: true });
    expect(data.inputs.versioning).toEqual({ enabled: false });
    expect(data.inputs.lifecycleRules).toEqual([
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ]);
  });

  it("passes every policy, with and without a retention policy, but the project's audit config", async () => {
    for (const retention of [undefined, { days: 30, locked: true }]) {
      const { resources } = await build(retention ? { retention } : {});
      // Data Access audit logs are the project's (one config per project and service): the
      // footprint sets them (GcpFootprint, reviewed whole in the gcp reference stacks). A prod
      // data bucket without a locked retention policy is the opt-out enclave:gcp.bucketRetention
      // false, which the packs flag.
      expect(
        reviewResources(resources)
          .map((f) => `${f.policy} ${f.resource}`)
          .sort(),
      ).toEqual([
        ...(retention ? [] : ["gcp-storage-bucket-enable-locked-retention acme-data"]),
        "gcp-storage-bucket-require-data-access-logs acme-data",
      ]);
    }
  });

  it("refuses bad bucket names, a bucket logging into itself, and a non-https origin", () => {
    expect(
      storage.validateTenantStorageArgs({
        ...ARGS,
        dataBucketName: "Google-Data",
        logBucketName: "Google-Data",
        appOrigin: "http://annotate.acme.example.com/",
      }),
    ).toEqual([
      {
        path: "dataBucketName",
        value: "Google-Data",
        problem: "is not a bucket name Cloud Storage accepts",
        fix: 'use 3-63 lower-case letters, digits, "-" and "_", starting and ending with a letter or digit, without "goog"',
      },
      {
        path: "logBucketName",
        value: "Google-Data",
        problem: "is not a bucket name Cloud Storage accepts",
        fix: 'use 3-63 lower-case letters, digits, "-" and "_", starting and ending with a letter or digit, without "goog"',
      },
      {
        path: "logBucketName",
        value: "Google-Data",
        problem: "is the data bucket's name, so the bucket would log into itself",
        fix: "give the access logs their own bucket",
      },
      {
        path: "appOrigin",
        value: "http://annotate.acme.example.com/",
        problem: "is not an https origin",
        fix: 'write "https://<domain>", without path, port or trailing slash',
      },
    ]);
  });
});
