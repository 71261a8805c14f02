import { arr, isRecord, rec, str } from "../props";
import { requiresSecondFactorOfAll } from "./keycloak";

/**
 * What a realm import's corporate identity gets wrong: identity providers that trust the
 * upstream's e-mail, link existing accounts on their own, skip signature checks or skip the second
 * factor after a brokered login; LDAP user storage over plain LDAP, writable, or outside Keycloak's
 * truststore. Each finding is one sentence naming the object.
 */

/** Authenticators that link a brokered identity to an existing account without the user proving it. */
const AUTO_LINK = new Set(["idp-auto-link"]);
const USER_STORAGE = "org.keycloak.storage.UserStorageProvider";

/** A config value as an export (a list) or the admin API (a string) writes it. */
function value(config: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = config[key];
  return Array.isArray(v) ? str(v[0]) : str(v);
}

function flowsByAlias(realm: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const flows = new Map<string, Record<string, unknown>>();
  for (const f of arr(realm["authenticationFlows"])) {
    if (isRecord(f) && typeof f["alias"] === "string") {
      flows.set(f["alias"], f);
    }
  }
  return flows;
}

/** Every authenticator a flow can run, through its subflows (DISABLED steps excluded). */
function authenticatorsOf(
  flows: Map<string, Record<string, unknown>>,
  alias: string,
  seen = new Set<string>(),
): string[] {
  const flow = flows.get(alias);
  if (!flow || seen.has(alias)) {
    return [];
  }
  seen.add(alias);
  return arr(flow["authenticationExecutions"])
    .filter(isRecord)
    .filter((e) => e["requirement"] !== "DISABLED")
    .flatMap((e) => {
      const sub = str(e["flowAlias"]);
      return sub !== undefined
        ? authenticatorsOf(flows, sub, seen)
        : [str(e["authenticator"]) ?? ""];
    });
}

export function identityProviderFindings(realm: Record<string, unknown>): string[] {
  const out: string[] = [];
  const flows = flowsByAlias(realm);
  for (const idp of arr(realm["identityProviders"]).filter(isRecord)) {
    if (idp["enabled"] === false) {
      continue;
    }
    const name = `identity provider "${str(idp["alias"]) ?? "?"}"`;
    const config = rec(idp["config"]);
    if (idp["trustEmail"] === true) {
      out.push(
        `${name} trusts the upstream's e-mail (trustEmail: true): an upstream account with someone's address is treated as verified`,
      );
    }
    // Keycloak's built-in "first broker login" (when none is named) confirms a link by e-mail or
    // re-authentication; only a flow in the realm JSON can be read here.
    const first = str(idp["firstBrokerLoginFlowAlias"]) ?? "first broker login";
    if (authenticatorsOf(flows, first).some((a) => AUTO_LINK.has(a))) {
      out.push(
        `${name}'s first-login flow "${first}" links existing accounts automatically (idp-auto-link)`,
      );
    }
    const post = str(idp["postBrokerLoginFlowAlias"]);
    if (
      post === undefined ||
      !requiresSecondFactorOfAll({
        browserFlow: post,
        authenticationFlows: realm["authenticationFlows"],
      })
    ) {
      out.push(
        `${name} has no post-login flow that requires a second factor: a brokered user logs in with the upstream's password alone`,
      );
    }
    const provider = str(idp["providerId"]);
    if (provider === "oidc" || provider === "keycloak-oidc") {
      if (value(config, "validateSignature") !== "true") {
        out.push(`${name} does not validate the upstream's token signatures (validateSignature)`);
      }
    }
    if (provider === "saml") {
      for (const key of ["validateSignature", "wantAssertionsSigned"]) {
        if (value(config, key) !== "true") {
          out.push(
            `${name} accepts SAML assertions without checked signatures (${key} is not true)`,
          );
        }
      }
    }
  }
  return out;
}

export function userStorageFindings(realm: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const c of arr(rec(realm["components"])[USER_STORAGE]).filter(isRecord)) {
    if (str(c["providerId"]) !== "ldap") {
      continue;
    }
    const config = rec(c["config"]);
    if (value(config, "enabled") === "false") {
      continue;
    }
    const name = `user federation "${str(c["name"]) ?? "?"}"`;
    const urls = (value(config, "connectionUrl") ?? "").split(" ").filter((u) => u !== "");
    if (urls.some((u) => !/^ldaps:\/\//i.test(u))) {
      out.push(
        `${name} connects over plain LDAP (${urls.join(" ")}): bind and users' passwords cross the network unencrypted`,
      );
    }
    const mode = value(config, "editMode");
    if (mode === "WRITABLE") {
      out.push(`${name} is WRITABLE: Keycloak's administrators and users change the directory`);
    }
    if (value(config, "useTruststoreSpi") === "never") {
      out.push(`${name} does not use Keycloak's truststore (useTruststoreSpi: never)`);
    }
  }
  return out;
}

/** Login and admin events (with details) off, where the realm says so or leaves Keycloak's default. */
export function eventFindings(realm: Record<string, unknown>): string[] {
  const missing = ["eventsEnabled", "adminEventsEnabled", "adminEventsDetailsEnabled"].filter(
    (k) => realm[k] !== true,
  );
  return missing.length > 0
    ? [
        `realm "${String(realm["realm"])}" does not record ${missing.join(", ")}: logins and administrators' changes leave no trace in Keycloak`,
      ]
    : [];
}
