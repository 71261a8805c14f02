/**
 * Whether PostgreSQL settings write role statements, and so any password they carry in clear, to
 * the server log. `CREATE ROLE ... PASSWORD 'x'` and `ALTER ROLE ... PASSWORD 'x'` are DDL, and
 * PostgreSQL logs the statement text (CREATE ROLE documentation, "Notes").
 *
 * - log_statement: `ddl` logs every DDL statement, `mod` adds data-modifying ones, `all` everything.
 * - log_min_duration_statement: 0 or more logs the text of every statement that ran at least that
 *   many milliseconds (0: every statement), role statements included; -1 (the default) logs none.
 * - pgaudit.log: the `role` class covers GRANT, REVOKE and CREATE/ALTER/DROP ROLE, `all` every
 *   class; the `ddl` class is "all DDL that is not included in the ROLE class", so it does not log
 *   role passwords. Classes may be excluded with a leading minus (`all, -role`).
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { get, str } from "./props";

/** The statement-logging settings among PostgreSQL parameters, as `name = value` for messages. */
export function roleStatementLogging(parameters: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const p of parameters) {
    const name = str(get(p, "name"))?.trim().toLowerCase();
    const raw = get(p, "value");
    const value = (typeof raw === "string" || typeof raw === "number" ? String(raw) : "")
      .trim()
      .toLowerCase();
    if (name === "log_statement" && ["ddl", "mod", "all"].includes(value)) {
      found.push(`log_statement = ${value}`);
    }
    if (name === "log_min_duration_statement" && /^\d+$/.test(value)) {
      found.push(`log_min_duration_statement = ${value}`);
    }
    if (name === "pgaudit.log" && pgauditLogsRoles(value)) {
      found.push(`pgaudit.log = ${value}`);
    }
  }
  return found;
}

/** Whether a pgaudit.log class list includes the role class (directly or through all). */
export function pgauditLogsRoles(list: string): boolean {
  let roles = false;
  for (const entry of list.split(",").map((c) => c.trim().toLowerCase())) {
    const excluded = entry.startsWith("-");
    const cls = excluded ? entry.slice(1).trim() : entry;
    if (cls === "role" || cls === "all") {
      roles = !excluded;
    }
  }
  return roles;
}

/** How the stack says its programs send role passwords. */
export const PASSWORDS_SENT_AS = ["unknown", "scram-verifier"] as const;

export const PASSWORDS_SENT_AS_SCHEMA: PolicyConfigJSONSchema = {
  type: "string",
  enum: [...PASSWORDS_SENT_AS],
  default: "unknown",
  description:
    'How the programs that create or alter database roles send their passwords. "scram-verifier": only SCRAM-SHA-256 verifiers computed client-side (no clear password in any statement), so logging DDL or role statements records no password. "unknown" (the default): a logged role statement may carry a clear password.',
};

export const STATEMENT_LOGGING_REMEDIATION =
  "Keep the DDL log (it is the audit trail of schema and role changes) and send role passwords as SCRAM-SHA-256 verifiers computed client-side (CREATE/ALTER ROLE ... PASSWORD 'SCRAM-SHA-256$4096:...', as psql's \\password does); then set this policy's passwordsSentAs parameter to \"scram-verifier\" in the stack. Otherwise drop ddl/mod/all from log_statement and role/all from pgaudit.log, and keep log_min_duration_statement at -1.";

/** The flagged settings, as one clause. */
export function describeLogging(found: readonly string[]): string {
  return `${found.join(" and ")} write${found.length === 1 ? "s" : ""} CREATE/ALTER ROLE statements, with any password they carry in clear, to the database log`;
}
