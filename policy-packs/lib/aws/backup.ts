/**
 * AWS Backup selections as the policies read them: which databases a selection assigns to its
 * plan, by ARN (`resources`, `*` wildcards allowed, minus `notResources`) or by tag
 * (`selectionTags` of type STRINGEQUALS, any of which assigns).
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, get, rec, str, strings } from "../props";
import { UNKNOWN, tryRead, type Unknown } from "../stack";

export const BACKUP_SELECTION = "aws:backup/selection:Selection";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
export const BACKUP_VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

/** `*` matches any run of characters, as in AWS Backup's resource ARNs. */
function arnMatches(pattern: string, arn: string): boolean {
  const re = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${re.join(".*")}$`).test(arn);
}

/**
 * True when the selection assigns the database, false when it does not, UNKNOWN when a value
 * needed to decide is not known yet (a preview).
 */
export function selects(selection: PolicyResource, db: PolicyResource): boolean | Unknown {
  const byDependency = (selection.propertyDependencies ?? {})["resources"] ?? [];
  const excludedByDependency = (selection.propertyDependencies ?? {})["notResources"] ?? [];
  if (excludedByDependency.some((d) => d.urn === db.urn)) {
    return false;
  }
  const excluded = tryRead(() => strings(selection.props.notResources));
  const arn = tryRead(() => str(db.props.arn));
  if (byDependency.some((d) => d.urn === db.urn)) {
    if (excluded === UNKNOWN) {
      return UNKNOWN;
    }
    if (excluded.length === 0 || arn === undefined) {
      return true;
    }
    return arn === UNKNOWN ? UNKNOWN : !excluded.some((p) => arnMatches(p, arn));
  }
  const patterns = tryRead(() => strings(selection.props.resources));
  if (patterns === UNKNOWN || excluded === UNKNOWN) {
    return UNKNOWN;
  }
  if (patterns.length > 0) {
    if (arn === UNKNOWN) {
      return UNKNOWN;
    }
    if (arn === undefined) {
      return false;
    }
    return patterns.some((p) => arnMatches(p, arn)) && !excluded.some((p) => arnMatches(p, arn));
  }
  const conditions = tryRead(() =>
    arr(selection.props.selectionTags).map((t) => ({
      type: str(get(t, "type")),
      key: str(get(t, "key")),
      value: str(get(t, "value")),
    })),
  );
  const tags = tryRead(() => ({ ...rec(db.props.tagsAll), ...rec(db.props.tags) }));
  if (conditions === UNKNOWN || tags === UNKNOWN) {
    return UNKNOWN;
  }
  return conditions.some(
    (c) =>
      c.type === "STRINGEQUALS" &&
      c.key !== undefined &&
      c.value !== undefined &&
      tags[c.key] === c.value,
  );
}
