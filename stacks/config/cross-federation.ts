import type { AppConfig } from "./app";
import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";

const FEDERATION = "enclave:app.keycloak.federation";

/**
 * The federation secrets go with their upstream: an OIDC broker needs enclave:brokerClientSecret,
 * LDAP needs enclave:ldapBindCredential, and a secret with nothing to use it is refused (a
 * forgotten credential left in a stack file is one more to leak and rotate).
 */
export const federationSecrets: CrossCheck = (config) => {
  const federation = (config["app"] as AppConfig | undefined)?.keycloak?.federation;
  const issues: ConfigIssue[] = [];
  const pair = (key: string, needed: boolean, set: boolean, needs: string, fix: string) => {
    if (needed && !set) {
      issues.push({
        key,
        value: undefined,
        problem: `is required by ${needs}`,
        fix: `set it as a secret: \`pulumi config set --secret ${key} <value>\` (${fix})`,
      });
    } else if (!needed && set) {
      issues.push({
        key,
        value: "[not shown]",
        problem: `is set, but ${needs} is not configured`,
        fix: `remove it (\`pulumi config rm ${key}\`), or configure ${needs}`,
      });
    }
  };
  pair(
    "enclave:brokerClientSecret",
    federation?.broker?.kind === "oidc",
    config["brokerClientSecret"] !== undefined,
    `an OIDC broker (${FEDERATION}.broker with kind oidc)`,
    "the client secret the upstream identity provider issued for this realm",
  );
  pair(
    "enclave:ldapBindCredential",
    federation?.ldap !== undefined,
    config["ldapBindCredential"] !== undefined,
    `LDAP federation (${FEDERATION}.ldap)`,
    "the password of the bind account named in ldap.bindDn",
  );
  return issues;
};
