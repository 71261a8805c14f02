import { arr, bool, get, str, type Props } from "../props";

export type SqlEngine = "postgres" | "mysql" | "sqlserver";

/** The engine of a Cloud SQL instance from its databaseVersion (`POSTGRES_16`, `MYSQL_8_0`, ...). */
export function sqlEngine(props: Props): SqlEngine | undefined {
  const version = str(props.databaseVersion)?.trim().toUpperCase() ?? "";
  if (version.startsWith("POSTGRES")) {
    return "postgres";
  }
  if (version.startsWith("MYSQL")) {
    return "mysql";
  }
  if (version.startsWith("SQLSERVER")) {
    return "sqlserver";
  }
  return undefined;
}

/** A read replica: its backups and point-in-time recovery belong to the primary. */
export function isReadReplica(props: Props): boolean {
  const primary = str(props.masterInstanceName);
  const kind = str(props.instanceType)?.trim().toUpperCase();
  return (primary !== undefined && primary.trim() !== "") || kind === "READ_REPLICA_INSTANCE";
}

export const IP_CONFIGURATION = "settings.ipConfiguration";

/** Whether the instance gets a public IPv4 address: the provider's default is yes. */
export function hasPublicIp(props: Props): boolean {
  return bool(get(props, `${IP_CONFIGURATION}.ipv4Enabled`)) !== false;
}

/**
 * A database flag's value (trimmed, lower-cased) from settings.databaseFlags; undefined when the
 * instance does not set it. The last entry wins, as Cloud SQL keeps one value per flag.
 */
export function databaseFlag(props: Props, name: string): string | undefined {
  let found: string | undefined;
  for (const flag of arr(get(props, "settings.databaseFlags"))) {
    if (str(get(flag, "name"))?.trim().toLowerCase() === name) {
      const value = get(flag, "value");
      found =
        typeof value === "string" || typeof value === "number"
          ? String(value).trim().toLowerCase()
          : "";
    }
  }
  return found;
}

/** Whether a flag value turns the setting on (`on`, `true`, `1`, as PostgreSQL reads booleans). */
export function isOn(value: string | undefined): boolean {
  return value === "on" || value === "true" || value === "1" || value === "yes";
}
