import { words } from "./secrets";

/**
 * Client (and broker) settings that turn TLS certificate verification off, as they appear in
 * environment variables and configuration files. Shared by
 * kubernetes-core-pod-disallow-tls-verify-off (container env values) and
 * kubernetes-core-configmap-disallow-tls-verify-off (ConfigMap data).
 *
 * A setting is a name and a value. What is judged:
 *
 * - **libpq / MySQL ssl modes**: a name ending in `sslmode` / `ssl_mode` (`PGSSLMODE`,
 *   `DB_SSL_MODE`, the `sslmode=` of a connection URL) set to `disable`, `allow`, `prefer` or
 *   `require` (MySQL: `disabled`, `preferred`, `required`). `require` encrypts but verifies no
 *   certificate, so an attacker on the path can present any certificate. `verify-ca` (chain
 *   verified, host name not) and `verify-full` pass: the kit's Platform contract admits
 *   `verify-ca` for existing clusters whose database certificate does not carry the service name.
 * - **JDBC**: `sslfactory=org.postgresql.ssl.NonValidatingFactory`.
 * - **Verification switches**, read with the polarity their name gives: a name holding a verify
 *   word (`verify`, `verification`, `validate`, `verifypeer`, ...) and a TLS word (`ssl`, `tls`,
 *   `https`, `cert`, `peer`, `hostname`) is off when set to `false`/`0`/`no`/`off`/`none`/
 *   `verify_none`/`cert_none` (`MINIO_SSL_VERIFY=false`, `PYTHONHTTPSVERIFY=0`,
 *   `CURLOPT_SSL_VERIFYPEER=0`, `ssl_options.verify = verify_none`); the same name with a
 *   negation word (`disable(d)`, `skip`, `insecure`, `no`, `ignore`) is off when set to
 *   `true`/`1`/`yes`/`on` (`GIT_SSL_NO_VERIFY=1`, `insecureSkipVerify: true`). So Diffgram's
 *   `DIFFGRAM_MINIO_DISABLED_SSL_VERIFY=False` (verification on) stays silent.
 * - **Node.js**: `NODE_TLS_REJECT_UNAUTHORIZED=0`, and `rejectUnauthorized: false`.
 * - **requests**: an empty `CURL_CA_BUNDLE` (requests before 2.28 then verified nothing,
 *   psf/requests#6071). An empty `REQUESTS_CA_BUNDLE` stays silent: requests falls back to
 *   `CURL_CA_BUNDLE` and then to its own default, verification on.
 * - **Keycloak**: `sslRequired` / `ssl-required` = `none` (a realm or adapter that accepts plain
 *   HTTP); adapter `disable-trust-manager: true` and `allow-any-hostname: true`; the
 *   `tls-hostname-verifier` option (`KC_TLS_HOSTNAME_VERIFIER`) and the older truststore
 *   `hostname-verification-policy` set to `ANY`.
 * - **RabbitMQ / Erlang**: `verify_none` as the value of a verify setting (above), and the
 *   advanced.config tuple `{verify, verify_none}`.
 * - **nginx as a TLS client** (`http` and `stream` proxies, e.g. a TLS sidecar in front of a
 *   client that cannot verify): `proxy_ssl_verify off;` (also `grpc_`/`uwsgi_ssl_verify`), and a
 *   text that proxies to a TLS upstream (`proxy_ssl on;`, `proxy_pass https://`) with no
 *   `proxy_ssl_verify on;` anywhere, since nginx's default is off. A file whose one block verifies
 *   and another omits the directive passes (inheritance is not followed).
 *
 * Not judged: values from Secrets (not visible), defaults left unset (a URL without `sslmode`
 * takes libpq's `prefer` or `PGSSLMODE` from elsewhere), command-line flags, and keys nested under
 * a TLS section in YAML (`tls:` / `verify: false` on separate lines).
 */

export interface TlsVerifyOff {
  /** The setting as written: `NAME=value`. */
  readonly setting: string;
  /** Why it turns verification off. */
  readonly why: string;
}

const WEAK_SSL_MODES: Readonly<Record<string, string>> = {
  disable: "no TLS at all",
  allow: "TLS only if the server insists, no certificate verified",
  prefer: "TLS if offered, no certificate verified",
  require: "encrypts but verifies no certificate",
  disabled: "no TLS at all",
  preferred: "TLS if offered, no certificate verified",
  required: "encrypts but verifies no certificate",
};

const VERIFY_WORDS = new Set([
  "verify",
  "verification",
  "verifying",
  "validate",
  "validation",
  "verifypeer",
  "verifyhost",
]);
const TLS_WORDS = new Set([
  "ssl",
  "tls",
  "https",
  "cert",
  "certs",
  "certificate",
  "certificates",
  "peer",
  "hostname",
]);
const NEGATION_WORDS = new Set(["disable", "disabled", "skip", "insecure", "no", "ignore"]);

const OFF_VALUES = new Set(["false", "0", "no", "n", "off", "none", "verify_none", "cert_none"]);
const ON_VALUES = new Set(["true", "1", "yes", "y", "on"]);

/** Words of a name, with glued forms (`PYTHONHTTPSVERIFY`, `sslverify`) split into their parts. */
function nameWords(name: string): string[] {
  return words(name).flatMap((w) => {
    const glued = /^(.*?)(ssl|tls|https)(verify|verification|validation)$/.exec(w);
    return glued ? [...(glued[1] ? [glued[1]] : []), glued[2]!, glued[3]!] : [w];
  });
}

function unquote(value: string): string {
  return value
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim();
}

/** Why one setting turns verification off, or undefined when it does not. */
export function tlsVerifyOff(name: string, rawValue: string): string | undefined {
  const value = unquote(rawValue).toLowerCase();
  const w = nameWords(name);
  const joined = w.join("_");
  const last = w[w.length - 1] ?? "";
  if (last.endsWith("sslmode") || joined.endsWith("ssl_mode")) {
    const weak = WEAK_SSL_MODES[value];
    return weak ? `sslmode ${value}: ${weak}` : undefined;
  }
  if (last === "sslfactory" || joined.endsWith("ssl_factory")) {
    return value.endsWith("nonvalidatingfactory")
      ? "NonValidatingFactory accepts any server certificate"
      : undefined;
  }
  if (joined === "node_tls_reject_unauthorized" || joined.endsWith("reject_unauthorized")) {
    return value === "0" || value === "false"
      ? "Node.js then accepts any server certificate"
      : undefined;
  }
  if (joined === "curl_ca_bundle") {
    return value === ""
      ? "an empty CA bundle turns verification off in requests < 2.28"
      : undefined;
  }
  if (joined.endsWith("ssl_required")) {
    return value === "none" ? "Keycloak then accepts plain HTTP" : undefined;
  }
  if (joined.endsWith("disable_trust_manager") || joined.endsWith("allow_any_hostname")) {
    return ON_VALUES.has(value)
      ? "the Keycloak adapter then accepts any certificate or host name"
      : undefined;
  }
  if (joined.endsWith("hostname_verifier") || joined.endsWith("hostname_verification_policy")) {
    return value === "any" ? "any host name is accepted" : undefined;
  }
  if (!w.some((x) => VERIFY_WORDS.has(x))) {
    return undefined;
  }
  const negated = w.some((x) => NEGATION_WORDS.has(x));
  if (!negated && !w.some((x) => TLS_WORDS.has(x))) {
    return undefined;
  }
  if (negated) {
    return ON_VALUES.has(value) ? "the switch names verification off and is on" : undefined;
  }
  return OFF_VALUES.has(value) ? "certificate verification switched off" : undefined;
}

/**
 * `key = value`, `key: value`, `"key": "value"`, `KEY=value` and URL query `key=value` pairs
 * anywhere in a text (a config file, an .env file, JSON, a connection URL). The value is read
 * ahead without being consumed, so the keys inside it (a URL's query) are read too; it ends at
 * white space, a quote or a separator (`& ; , } ) ] #`).
 */
const PAIR = /(?<![\w.-])["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=](?=[ \t]*["']?([^\s"'&;,})\]#]*))/g;
const ERLANG_VERIFY_NONE = /\{\s*verify\s*,\s*verify_none\s*\}/;
const NGINX_VERIFY = /(?:^|[\s;{}])((?:proxy|grpc|uwsgi)_ssl_verify)\s+(on|off)\s*;/gm;
const NGINX_TLS_UPSTREAM = /(?:^|[\s;{}])(proxy_ssl\s+on\s*;|proxy_pass\s+https:\/\/)/m;

/** nginx directives that leave a TLS upstream unverified (see the module comment). */
function nginxVerifyOff(text: string): TlsVerifyOff[] {
  const found: TlsVerifyOff[] = [];
  let verifies = false;
  for (const m of text.matchAll(NGINX_VERIFY)) {
    if (m[2] === "off") {
      found.push({
        setting: `${m[1]} off`,
        why: "nginx accepts any certificate from the upstream",
      });
    } else if (m[1] === "proxy_ssl_verify") {
      verifies = true;
    }
  }
  if (found.length === 0 && !verifies && NGINX_TLS_UPSTREAM.test(text)) {
    const directive = /proxy_ssl\s+on/.test(text) ? "proxy_ssl on" : "proxy_pass https://";
    found.push({
      setting: `${directive} without proxy_ssl_verify on`,
      why: "nginx verifies no upstream certificate unless told to",
    });
  }
  return found;
}

/** Every setting in a text that turns verification off. */
export function tlsVerifyOffInText(text: string): TlsVerifyOff[] {
  const found: TlsVerifyOff[] = [];
  for (const m of text.matchAll(PAIR)) {
    const why = tlsVerifyOff(m[1]!, m[2]!);
    if (why) {
      found.push({ setting: `${m[1]}=${m[2]}`, why });
    }
  }
  if (ERLANG_VERIFY_NONE.test(text)) {
    found.push({ setting: "{verify, verify_none}", why: "the peer's certificate is not verified" });
  }
  found.push(...nginxVerifyOff(text));
  return dedupe(found);
}

/** A setting given as a name and a value (an env var, a ConfigMap key): the pair itself, then its value as text. */
export function tlsVerifyOffInSetting(name: string, value: string): TlsVerifyOff[] {
  const why = tlsVerifyOff(name, value);
  const own = why ? [{ setting: `${name}=${value}`, why }] : [];
  return dedupe([...own, ...tlsVerifyOffInText(value)]);
}

function dedupe(items: TlsVerifyOff[]): TlsVerifyOff[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.setting) && seen.add(i.setting) !== undefined);
}

/** `PGSSLMODE=require (sslmode require: encrypts but verifies no certificate)`, joined by "; ". */
export function describeTlsVerifyOff(items: readonly TlsVerifyOff[]): string {
  return items.map((i) => `${i.setting} (${i.why})`).join(", ");
}

/**
 * The findings of a ConfigMap's or Secret's entries, one `"<key>": ...` part per key at fault.
 * `base64` decodes the values first (a Secret's `data`); values that are not strings are skipped.
 */
export function tlsVerifyOffInEntries(
  entries: Readonly<Record<string, unknown>>,
  base64: boolean,
): string[] {
  return Object.keys(entries).flatMap((key) => {
    const raw = entries[key];
    if (typeof raw !== "string") {
      return [];
    }
    const value = base64 ? Buffer.from(raw, "base64").toString("utf8") : raw;
    const found = tlsVerifyOffInSetting(key, value);
    return found.length > 0 ? [`"${key}": ${describeTlsVerifyOff(found)}`] : [];
  });
}
