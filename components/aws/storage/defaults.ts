/** Secure defaults of every enclave bucket. */

/** All four Block Public Access switches, always (CIS AWS 2.1.4). */
export const PUBLIC_ACCESS_BLOCK = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
} as const;

/**
 * ACLs disabled: the bucket owner owns every object, and only policies grant access. Uploads
 * that carry the owner-only canned ACLs (`private` from the same account, `bucket-owner-full-
 * control`) are accepted; anything else is refused. BucketOwnerPreferred is the documented
 * opt-out (enclave:aws.objectOwnership) for a client whose SDK insists on other ACLs.
 */
export const OBJECT_OWNERSHIP = "BucketOwnerEnforced";

export const SSE_ALGORITHM = "aws:kms";
/** S3 Bucket Keys: one data key per bucket for a while, far fewer KMS calls, same key. */
export const BUCKET_KEY_ENABLED = true;

/** Oldest TLS version the bucket policy accepts. */
export const MIN_TLS_VERSION = "1.2";

/** Incomplete multipart uploads are removed after a week. */
export const ABORT_INCOMPLETE_MULTIPART_DAYS = 7;

/**
 * Browsers fetch Diffgram's signed URLs directly from the bucket: reads only, from the app's
 * origin only. Uploads go through the app's backend, never from the browser.
 */
export const CORS_RULE = {
  allowedMethods: ["GET", "HEAD"],
  allowedHeaders: ["Range", "Content-Type"],
  exposeHeaders: ["Accept-Ranges", "Content-Length", "Content-Range", "ETag"],
  maxAgeSeconds: 3600,
} as const;
