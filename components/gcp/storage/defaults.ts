const DAY = 24 * 60 * 60;

/** Secure defaults of every enclave bucket; none is configurable. */
export const BUCKET_DEFAULTS = {
  storageClass: "STANDARD",
  uniformBucketLevelAccess: true,
  publicAccessPrevention: "enforced",
  forceDestroy: false,
  /** The provider refuses to delete the bucket even without Pulumi's protect. */
  deletionPolicy: "PREVENT",
  /** Deleted objects restorable for 7 days (Cloud Storage's default, made explicit). */
  softDeleteSeconds: 7 * DAY,
  /** Incomplete multipart uploads are removed after a week. */
  abortIncompleteUploadDays: 7,
} as const;

/** Browsers fetch signed URLs straight from GCS: reads only, from the app's origin only. */
export const CORS = {
  methods: ["GET", "HEAD"],
  responseHeaders: ["Content-Type", "Content-Length", "ETag"],
  maxAgeSeconds: 3600,
} as const;

/**
 * Cloud Storage writes usage and storage logs as this Google group, which needs to create (never
 * read) objects in the log bucket (Cloud Storage "Usage logs & storage logs").
 */
export const LOG_WRITER = {
  member: "group:cloud-storage-analytics@google.com",
  role: "roles/storage.objectCreator",
} as const;

export const SECONDS_PER_DAY = DAY;

/** Bucket names: 3-63 lower-case letters, digits, `-` and `_`, starting and ending alphanumeric. */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/;
