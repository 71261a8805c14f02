/** Secure defaults of the enclave Cloud SQL instance; sizing comes from GcpDatabaseSettings. */

export const PORT = 5432;
/** The administrator (a Cloud SQL built-in user, member of cloudsqlsuperuser) the bootstrap Job uses. */
export const ADMIN_USERNAME = "enclave_admin";
/** 48 letters and digits (about 285 bits): ASCII, as the bootstrap's SCRAM computation requires. */
export const ADMIN_PASSWORD = { length: 48, special: false } as const;

export const SQL_SSL_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"] as const;
export type SqlSslMode = (typeof SQL_SSL_MODES)[number];

/** Majors Cloud SQL offers whose SCRAM default and pgAudit the kit relies on. */
export const POSTGRES_MAJORS = [15, 16, 17] as const;

/**
 * Google's shared CA hierarchy (Certificate Authority Service): the server certificate names the
 * instance, so clients verify it with sslmode=verify-full, and it rotates without a per-instance
 * CA to hand out again.
 */
export const SERVER_CA_MODE = "GOOGLE_MANAGED_CAS_CA";

/**
 * Database flags. Who connected and when, every schema change, and (pgAudit, NIST AU-2, AU-12)
 * every read and write of the app's tables and every role change, in Cloud Logging. Statements
 * only: `pgaudit.log_parameter` is off so bound values are not written, `log_statement` stays at
 * `ddl` (never `mod` or `all`, which log data-changing statements with their values) and
 * `log_min_duration_statement` at -1 (no statement is logged for being slow). The bootstrap sends
 * role passwords as SCRAM verifiers, so a logged CREATE/ALTER ROLE holds no password. The
 * extension itself is created by the database bootstrap.
 */
export const DATABASE_FLAGS = [
  /** IAM database authentication, for people and workloads with IAM identities. */
  { name: "cloudsql.iam_authentication", value: "on" },
  { name: "cloudsql.enable_pgaudit", value: "on" },
  { name: "pgaudit.log", value: "read,write,role,ddl" },
  { name: "pgaudit.log_parameter", value: "off" },
  { name: "pgaudit.log_catalog", value: "off" },
  { name: "pgaudit.log_relation", value: "on" },
  { name: "log_connections", value: "on" },
  { name: "log_disconnections", value: "on" },
  { name: "log_statement", value: "ddl" },
  { name: "log_lock_waits", value: "on" },
  { name: "log_min_duration_statement", value: "-1" },
] as const;

/** Enterprise edition (the db-custom tiers); PostgreSQL 16+ would otherwise default to Enterprise Plus. */
export const EDITION = "ENTERPRISE";
export const DISK_TYPE = "PD_SSD";
/** Storage grows on its own, up to this many times its configured size. */
export const DISK_AUTORESIZE_FACTOR = 10;
/** Daily backups start at 02:00 UTC, kept in the instance's region; PITR logs kept 7 days. */
export const BACKUP = { startTime: "02:00", transactionLogRetentionDays: 7 } as const;
/** Sunday 03:00 UTC, on the stable track (updates a few weeks after the preview track). */
export const MAINTENANCE_WINDOW = { day: 7, hour: 3, updateTrack: "stable" } as const;
/**
 * Query Insights: normalised queries (literals replaced), the client address, no application tags.
 */
export const INSIGHTS = {
  queryInsightsEnabled: true,
  queryStringLength: 1024,
  recordApplicationTags: false,
  recordClientAddress: true,
} as const;

/** Private Service Access: the producer service Cloud SQL peers from. */
export const SERVICE_NETWORKING = "servicenetworking.googleapis.com";
