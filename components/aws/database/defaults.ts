/** Secure defaults of the enclave PostgreSQL instance. */

export const ENGINE = "postgres";
export const PORT = 5432;
/** The master user; its password is generated and rotated by RDS in Secrets Manager. */
export const MASTER_USERNAME = "enclave_admin";

/** Log types exported to CloudWatch Logs (into groups the kit creates, encrypted, with retention). */
export const LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * Parameters of the instance's parameter group. All are dynamic except the preloaded library,
 * applied at the next reboot (`pending-reboot`, as RDS requires for static parameters); a new
 * instance starts with it.
 */
export const PARAMETERS = [
  /** Refuse every connection that is not TLS (CIS / NIST SC-8). */
  { name: "rds.force_ssl", value: "1" },
  { name: "ssl_min_protocol_version", value: "TLSv1.2" },
  { name: "password_encryption", value: "scram-sha-256" },
  /** Who connected and when, and every schema change; not statements' data. */
  { name: "log_connections", value: "1" },
  { name: "log_disconnections", value: "1" },
  { name: "log_statement", value: "ddl" },
  { name: "log_lock_waits", value: "1" },
  /**
   * pgAudit (NIST AU-2, AU-12): every read and write of the app's tables, every role change and
   * every schema change, in the postgresql log exported to CloudWatch Logs. Statements only:
   * `log_parameter` stays off so bound values (passwords included) are not written, and the
   * bootstrap sends role passwords as SCRAM verifiers anyway. The extension itself is created by
   * the database bootstrap.
   */
  { name: "shared_preload_libraries", value: "pgaudit", applyMethod: "pending-reboot" },
  { name: "pgaudit.log", value: "read,write,role,ddl" },
  { name: "pgaudit.log_parameter", value: "0" },
  { name: "pgaudit.log_catalog", value: "0" },
  { name: "pgaudit.log_relation", value: "1" },
] as const;

export const STORAGE_TYPE = "gp3";
/** Performance Insights is encrypted with the database key; 7 days is the free retention. */
export const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;
export const BACKUP_WINDOW = "02:00-03:00";
export const MAINTENANCE_WINDOW = "sun:03:30-sun:04:30";

/**
 * Enhanced Monitoring (FSBP RDS.6): OS metrics of the instance every this many seconds, sent by
 * RDS to CloudWatch Logs (RDSOSMetrics) through a role only RDS monitoring can assume. Prod
 * samples twice as often; all environments monitor.
 */
export const MONITORING_INTERVAL_SECONDS = { dev: 60, staging: 60, prod: 30 } as const;
/** The values RDS accepts for monitoringInterval (0 turns monitoring off). */
export const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60] as const;
/** AWS managed policy of the Enhanced Monitoring role. */
export const MONITORING_POLICY = "service-role/AmazonRDSEnhancedMonitoringRole";
