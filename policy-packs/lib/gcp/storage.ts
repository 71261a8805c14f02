/**
 * Cloud Storage helpers shared by the bucket policies: which buckets receive other buckets' usage
 * logs (log sinks, exempt from the data rules), and what Data Access audit configs record.
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, get, rec, str, strings, type Props } from "../props";
import { tryRead, UNKNOWN } from "../stack";

/** A bucket reference in canonical form: `gs://name/` and `name` compare equal. */
export const bucketKey = (value: string): string =>
  value
    .trim()
    .replace(/^gs:\/\//, "")
    .replace(/\/+$/, "");

/** The bucket a bucket sends its usage and storage logs to ("" when none). */
export const logTarget = (bucket: PolicyResource): string =>
  (str(get(bucket.props, "logging.logBucket")) ?? "").trim();

/** The buckets of a stack that receive another bucket's logs, and whether that is certain. */
export interface LogSinks {
  /** True when a bucket logs to a target not known yet (preview): any bucket may be a sink. */
  readonly unknown: boolean;
  isSink(bucket: PolicyResource): boolean;
}

export function logSinks(buckets: readonly PolicyResource[]): LogSinks {
  const urns = new Set<string>();
  const names = new Set<string>();
  let unknown = false;
  for (const bucket of buckets) {
    (bucket.propertyDependencies?.["logging"] ?? []).forEach((d) => urns.add(d.urn));
    const target = tryRead(() => logTarget(bucket));
    if (target === UNKNOWN) {
      unknown = true;
    } else if (target !== "") {
      names.add(bucketKey(target));
    }
  }
  return {
    unknown,
    isSink: (bucket) => {
      const own = [bucket.props.name, bucket.props.id].filter(
        (v): v is string => typeof v === "string",
      );
      return urns.has(bucket.urn) || own.some((n) => names.has(bucketKey(n)));
    },
  };
}

/** Services whose audit config covers Cloud Storage. */
const STORAGE_SERVICES = new Set(["storage.googleapis.com", "allServices"]);

/** What one audit config records of Cloud Storage's data access: log types and exempted members. */
export interface StorageAudit {
  readonly logTypes: ReadonlySet<string>;
  /** Exempted members of its DATA_READ and DATA_WRITE configs. */
  readonly exempted: readonly string[];
}

/** The Cloud Storage part of an IAM audit config (project, folder or organization), or undefined. */
export function storageAudit(props: Props): StorageAudit | undefined {
  const service = str(props.service)?.trim();
  if (service === undefined || !STORAGE_SERVICES.has(service)) {
    return undefined;
  }
  const logTypes = new Set<string>();
  const exempted: string[] = [];
  for (const raw of arr(props.auditLogConfigs)) {
    const config = rec(raw);
    const type = str(config.logType)?.trim().toUpperCase();
    if (type === undefined) {
      continue;
    }
    logTypes.add(type);
    if (type === "DATA_READ" || type === "DATA_WRITE") {
      exempted.push(...strings(config.exemptedMembers));
    }
  }
  return { logTypes, exempted };
}

/** Data Access audit logs (DATA_READ and DATA_WRITE) for Cloud Storage, which record every object access. */
export function auditsStorageDataAccess(props: Props): boolean {
  const audit = storageAudit(props);
  return audit !== undefined && audit.logTypes.has("DATA_READ") && audit.logTypes.has("DATA_WRITE");
}
