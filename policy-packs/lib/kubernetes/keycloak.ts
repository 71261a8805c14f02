import { arr, isRecord, jsonDoc, rec, str } from "../props";

/**
 * Keycloak realm imports (RealmRepresentation JSON) as a Secret or ConfigMap carries them, and
 * whether a realm's browser login asks every user for a second factor.
 */

/** Authenticators that are a second factor. */
const SECOND_FACTORS = new Set([
  "auth-otp-form",
  "webauthn-authenticator",
  "auth-recovery-authn-code-form",
]);
/** Alternatives that reuse a session an earlier login established (not a way in on their own). */
const SESSION_REUSE = new Set(["auth-cookie"]);

/** Keycloak's own browser flow when a realm names none: OTP only for users who enrolled. */
const KEYCLOAK_DEFAULT_BROWSER_FLOW = "browser";

/** A parsed value that is a realm export: a `realm` name and something a realm holds. */
export function asRealm(value: unknown): Record<string, unknown> | undefined {
  const doc = jsonDoc(value);
  if (!doc || typeof doc["realm"] !== "string") {
    return undefined;
  }
  return ["browserFlow", "authenticationFlows", "clients", "users"].some((k) => k in doc)
    ? doc
    : undefined;
}

/** The realms among a Secret's or ConfigMap's values (`stringData`, `data` base64 for Secrets). */
export function realmsIn(
  props: Readonly<Record<string, unknown>>,
  base64Data: boolean,
): { key: string; realm: Record<string, unknown> }[] {
  const found: { key: string; realm: Record<string, unknown> }[] = [];
  const visit = (entries: Readonly<Record<string, unknown>>, decode: boolean) => {
    for (const [key, raw] of Object.entries(entries)) {
      if (typeof raw !== "string") {
        continue;
      }
      const text = decode ? Buffer.from(raw, "base64").toString("utf8") : raw;
      const realm = asRealm(text);
      if (realm) {
        found.push({ key, realm });
      }
    }
  };
  visit(rec(props["stringData"]), false);
  visit(rec(props["data"]), base64Data);
  return found;
}

/**
 * Whether every browser login of the realm passes a second factor: some REQUIRED step of the flow
 * is one (or a subflow that always requires one), or every ALTERNATIVE way in (other than reusing
 * a session) does. CONDITIONAL and DISABLED steps never count: they skip users. A realm with no
 * browser flow of its own uses Keycloak's, whose OTP is conditional.
 */
export function requiresSecondFactorOfAll(realm: Record<string, unknown>): boolean {
  const alias = str(realm["browserFlow"]) ?? KEYCLOAK_DEFAULT_BROWSER_FLOW;
  const flows = new Map<string, Record<string, unknown>>();
  for (const f of arr(realm["authenticationFlows"])) {
    if (isRecord(f) && typeof f["alias"] === "string") {
      flows.set(f["alias"], f);
    }
  }
  const always = (flowAlias: string, seen: Set<string>): boolean => {
    const flow = flows.get(flowAlias);
    if (!flow || seen.has(flowAlias)) {
      return false;
    }
    const next = new Set(seen).add(flowAlias);
    const executions = arr(flow["authenticationExecutions"]).filter(isRecord);
    const passes = (e: Record<string, unknown>): boolean => {
      const sub = str(e["flowAlias"]);
      return sub !== undefined
        ? always(sub, next)
        : SECOND_FACTORS.has(str(e["authenticator"]) ?? "");
    };
    if (executions.some((e) => e["requirement"] === "REQUIRED" && passes(e))) {
      return true;
    }
    const ways = executions.filter(
      (e) =>
        e["requirement"] === "ALTERNATIVE" && !SESSION_REUSE.has(str(e["authenticator"]) ?? ""),
    );
    return ways.length > 0 && ways.every(passes);
  };
  return always(alias, new Set());
}
