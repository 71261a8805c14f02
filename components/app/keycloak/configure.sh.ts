import { KEYCLOAK_DEFAULTS } from "../defaults";

/**
 * Master-realm roles of the account Diffgram logs in with (Diffgram's KeycloakDiffgramClient
 * logs in to the master realm at every start). `create-realm` because its start-up calls
 * create_realm, which Keycloak authorises before it answers "exists"; the others are roles of the
 * master realm's `<tenant>-realm` client, i.e. management of the tenant's realm only.
 */
export const DIFFGRAM_MASTER_REALM_ROLE = "create-realm";
export const DIFFGRAM_TENANT_REALM_ROLES = [
  "view-realm",
  "manage-users",
  "view-users",
  "query-users",
  "manage-clients",
  "view-clients",
  "query-clients",
] as const;

/**
 * The master realm's browser flow: cookie, or username + password and then OTP, for every user
 * (enrolment forced at the first login: a REQUIRED OTP form sets CONFIGURE_TOTP on a user who has
 * none). Built from its authenticators, not copied from Keycloak's built-in "browser" flow, whose
 * sub-flows change names between releases. Direct grants (kcadm, Diffgram's account) keep the
 * built-in direct-grant flow: see docs/app-layer.md, "Keycloak admin plane".
 */
export const MASTER_BROWSER_FLOW = "enclave-admin-browser";
export const MASTER_BROWSER_FORMS = "enclave-admin-browser-forms";

export interface ConfigureScriptSettings {
  readonly realm: string;
  readonly accessTokenLifespanSeconds: number;
  readonly ssoSessionIdleSeconds: number;
  readonly ssoSessionMaxSeconds: number;
  readonly eventsRetentionDays: number;
  readonly passwordMinLength: number;
}

/**
 * The Keycloak configuration job's script (bash, in the Keycloak image, kcadm.sh). It trusts only
 * the tenant's internal CA, logs in as the bootstrap administrator, hardens the master realm
 * (TLS everywhere, brute-force detection, password policy, short tokens, events with details, OTP
 * for every administrator's browser login), and creates or updates the master-realm account
 * Diffgram uses, with the roles above and nothing else.
 *
 * The bootstrap administrator is for this job: operators create named administrators (each
 * enrols OTP at first login) and then disable it (docs/app-layer.md, "Keycloak admin plane").
 * Disabling it here needs the config to name those administrators, which it does not yet.
 * Credentials come from environment variables filled from Kubernetes Secrets; nothing is printed.
 */
export function configureScript(s: ConfigureScriptSettings): string {
  const events = s.eventsRetentionDays * 86400;
  const tenantRoles = DIFFGRAM_TENANT_REALM_ROLES.map((r) => `--rolename ${r}`).join(" ");
  return `#!/bin/bash
set -euo pipefail
export HOME=/tmp
KCADM=/opt/keycloak/bin/kcadm.sh
CONFIG=/tmp/kcadm.config
STOREPASS="enclave-$RANDOM$RANDOM$RANDOM"
keytool -importcert -noprompt -alias enclave-internal-ca -file /etc/enclave/internal-ca/ca.crt \\
  -keystore /tmp/truststore.p12 -storetype PKCS12 -storepass "$STOREPASS" >/dev/null
"$KCADM" config truststore --config "$CONFIG" --trustpass "$STOREPASS" /tmp/truststore.p12
"$KCADM" config truststore --config /tmp/probe.config --trustpass "$STOREPASS" /tmp/truststore.p12

logged_in=false
for attempt in {1..60}; do
  if "$KCADM" config credentials --config "$CONFIG" --server "$KC_SERVER" --realm master \\
      --user "$BOOTSTRAP_USERNAME" --password "$BOOTSTRAP_PASSWORD" >/dev/null 2>&1; then
    logged_in=true
    break
  fi
  echo "waiting for Keycloak (attempt $attempt)"
  sleep 10
done
[ "$logged_in" = true ] || { echo "could not log in to Keycloak as the bootstrap administrator" >&2; exit 1; }

# Harden the master realm (the administrators' realm).
"$KCADM" update realms/master --config "$CONFIG" \\
  -s sslRequired=all -s registrationAllowed=false -s bruteForceProtected=true -s permanentLockout=false \\
  -s failureFactor=${KEYCLOAK_DEFAULTS.failureFactor} -s waitIncrementSeconds=${KEYCLOAK_DEFAULTS.waitIncrementSeconds} -s maxFailureWaitSeconds=${KEYCLOAK_DEFAULTS.maxFailureWaitSeconds} \\
  -s 'passwordPolicy=length(${s.passwordMinLength}) and maxLength(128) and notUsername and passwordHistory(5)' \\
  -s accessTokenLifespan=${s.accessTokenLifespanSeconds} -s ssoSessionIdleTimeout=${s.ssoSessionIdleSeconds} -s ssoSessionMaxLifespan=${s.ssoSessionMaxSeconds} \\
  -s revokeRefreshToken=true -s refreshTokenMaxReuse=0 \\
  -s eventsEnabled=true -s eventsExpiration=${events} -s adminEventsEnabled=true -s adminEventsDetailsEnabled=true \\
  -s 'attributes.adminEventsExpiration="${events}"'

# Two factors for every administrator's browser login (the admin console): the master realm's
# browser flow becomes cookie, or password then OTP, with OTP REQUIRED for everyone.
"$KCADM" update authentication/required-actions/CONFIGURE_TOTP --config "$CONFIG" -r master -s enabled=true
flows=$("$KCADM" get authentication/flows --config "$CONFIG" -r master --fields alias --format csv --noquotes)
if ! grep -qxF "${MASTER_BROWSER_FLOW}" <<<"$flows"; then
  "$KCADM" create authentication/flows --config "$CONFIG" -r master -s alias=${MASTER_BROWSER_FLOW} \\
    -s providerId=basic-flow -s topLevel=true -s builtIn=false \\
    -s 'description=Cookie, or password then OTP, for every administrator' >/dev/null
  "$KCADM" create authentication/flows/${MASTER_BROWSER_FLOW}/executions/execution --config "$CONFIG" -r master -s provider=auth-cookie >/dev/null
  "$KCADM" create authentication/flows/${MASTER_BROWSER_FLOW}/executions/flow --config "$CONFIG" -r master \\
    -s alias=${MASTER_BROWSER_FORMS} -s type=basic-flow -s provider=registration-page-form >/dev/null
  "$KCADM" create authentication/flows/${MASTER_BROWSER_FORMS}/executions/execution --config "$CONFIG" -r master -s provider=auth-username-password-form >/dev/null
  "$KCADM" create authentication/flows/${MASTER_BROWSER_FORMS}/executions/execution --config "$CONFIG" -r master -s provider=auth-otp-form >/dev/null
fi
# Requirements are set on every run, so a changed flow is put back.
require() {
  local id
  id=$("$KCADM" get authentication/flows/${MASTER_BROWSER_FLOW}/executions --config "$CONFIG" -r master \\
    --fields id,providerId,displayName --format csv --noquotes | awk -F, -v key="$1" '$2 == key || $3 == key { print $1; exit }')
  [ -n "$id" ] || { echo "master browser flow: no execution $1" >&2; exit 1; }
  "$KCADM" update authentication/flows/${MASTER_BROWSER_FLOW}/executions --config "$CONFIG" -r master \\
    -b '{"id":"'"$id"'","requirement":"'"$2"'"}'
}
require auth-cookie ALTERNATIVE
require ${MASTER_BROWSER_FORMS} ALTERNATIVE
require auth-username-password-form REQUIRED
require auth-otp-form REQUIRED
"$KCADM" update realms/master --config "$CONFIG" -s browserFlow=${MASTER_BROWSER_FLOW}

# The account Diffgram logs in with: created once, its password set when it does not work yet.
existing=$("$KCADM" get users --config "$CONFIG" -r master -q "username=$DIFFGRAM_USERNAME" -q exact=true --fields id --format csv --noquotes)
if [ -z "$existing" ]; then
  "$KCADM" create users --config "$CONFIG" -r master -s "username=$DIFFGRAM_USERNAME" -s enabled=true >/dev/null
fi
if ! "$KCADM" config credentials --config /tmp/probe.config --server "$KC_SERVER" --realm master \\
    --user "$DIFFGRAM_USERNAME" --password "$DIFFGRAM_PASSWORD" >/dev/null 2>&1; then
  "$KCADM" set-password --config "$CONFIG" -r master --username "$DIFFGRAM_USERNAME" --new-password "$DIFFGRAM_PASSWORD"
fi
"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --rolename ${DIFFGRAM_MASTER_REALM_ROLE}
"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --cclientid "${s.realm}-realm" ${tenantRoles}
echo "master realm hardened; account $DIFFGRAM_USERNAME manages realm ${s.realm}"
`;
}
