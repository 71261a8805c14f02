/**
 * Whether a configuration key or environment variable name denotes secret material.
 *
 * The name is split into whole words (`DB_PASSWORD`, `db-password`, `dbPassword`, `tls.key` all
 * give their words; `monkey` holds no `key`), and all of them are read:
 *
 * - a secret word (`password`, `passwd`, `pwd`, `passphrase`, `secret`, `token`,
 *   `credential(s)`, `apikey`, `privatekey`, `key(s)`) must be followed only by words that still
 *   name the value itself (`SECRET_KEY_BASE`, `PASSWORD_VALUE`, `key.json`, `key.pem`), so that
 *   settings *about* a secret stay out (`TOKEN_LIFESPAN`, `SECRET_NAME`, `PASSWORD_FILE`,
 *   `AWS_ACCESS_KEY_ID`, `KMS_KEY_ARN`);
 * - a `key` named by what kind of key it is that holds no secret stays out: a KMS key or a public
 *   key (an identifier or public material), an S3 object key, a cache, partition or sort key
 *   (`KMS_KEY`, `S3_KEY`, `CACHE_KEY`, `PUBLIC_KEY`); `API_KEY`, `SECRET_KEY`, `PRIVATE_KEY`,
 *   `ACCESS_KEY`, `ENCRYPTION_KEY` remain secrets.
 *
 * `isSecretLookingEntry` also reads a name that *starts* with an unambiguous secret word and goes
 * on with a qualifier (`SECRET_BLAH`, `PASSWORD_ADMIN`, `TOKEN_GITHUB`), unless a later word makes
 * it a setting about the secret (`SECRET_PATH`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`) or the value is
 * shaped like a setting (a number, a boolean, a duration, a size, an absolute path, a URL without
 * credentials).
 */
const SECRET_WORDS = new Set([
  "password",
  "passwords",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "credential",
  "credentials",
  "apikey",
  "privatekey",
  "key",
  "keys",
]);

/** Words after a secret word that still name the secret value (its encoding or file format). */
const VALUE_WORDS = new Set([
  "value",
  "base",
  "b64",
  "base64",
  "hex",
  "raw",
  "plain",
  "plaintext",
  "string",
  "str",
  "data",
  "json",
  "pem",
  "p12",
  "pfx",
  "jks",
]);

/** Kinds of `key` that are identifiers, public material or lookup keys, not secrets. */
const NOT_SECRET_KEYS = new Set([
  "kms",
  "cmk",
  "public",
  "s3",
  "object",
  "bucket",
  "cache",
  "partition",
  "sort",
  "hash",
  "range",
  "shard",
  "routing",
  "primary",
  "foreign",
  "idempotency",
  "dedup",
  "lookup",
]);

/** Secret words that name a secret when they lead the name (`key` and `pwd` alone do not). */
const LEADING_SECRET_WORDS = new Set([
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "credential",
  "credentials",
  "apikey",
  "privatekey",
]);

/** Words after a leading secret word that make the name a setting about the secret. */
const ABOUT_WORDS = new Set([
  "name",
  "names",
  "file",
  "files",
  "path",
  "paths",
  "dir",
  "directory",
  "mount",
  "ref",
  "reference",
  "arn",
  "id",
  "ids",
  "alias",
  "url",
  "uri",
  "endpoint",
  "host",
  "port",
  "issuer",
  "audience",
  "scope",
  "scopes",
  "type",
  "kind",
  "mode",
  "format",
  "algorithm",
  "alg",
  "hash",
  "length",
  "len",
  "size",
  "min",
  "max",
  "count",
  "ttl",
  "lifespan",
  "lifetime",
  "expiry",
  "expires",
  "expiration",
  "timeout",
  "interval",
  "duration",
  "seconds",
  "minutes",
  "hours",
  "days",
  "rotation",
  "header",
  "prefix",
  "suffix",
  "version",
  "enabled",
  "enable",
  "disabled",
  "disable",
  "required",
  "policy",
  "store",
  "manager",
  "provider",
  "backend",
  "source",
  "location",
  "namespace",
  "method",
  "methods",
  "mechanism",
  "scheme",
  "strategy",
  "encoder",
  "encoding",
  "hasher",
  "hashing",
  "engine",
  "encryption",
  "cipher",
  "validation",
  "validator",
  "verification",
  "complexity",
  "strength",
  "pattern",
  "regex",
  "rule",
  "rules",
  "level",
  "limit",
  "threshold",
  "retries",
  "attempts",
  "history",
  "age",
  "window",
  "grace",
  "renewal",
  "refresh",
  "reset",
  "exchange",
  "introspection",
  "revocation",
  "cache",
  "storage",
  "generator",
]);

/** A number, boolean, duration, size, absolute path or credential-free URL: a setting's value. */
const SETTING_VALUE = [
  /^-?\d+(\.\d+)?$/,
  /^(true|false|yes|no|on|off|enabled|disabled|none|null)$/i,
  /^\d+(\.\d+)?(ns|us|ms|s|m|h|d|w)$/i,
  /^\d+(\.\d+)?\s*([kmgtp]i?b?)$/i,
  /^(\/|~\/)\S*$/,
  /^[a-z][a-z0-9+.-]*:\/\/[^\s@]+$/i,
];

/** An absolute path with no whitespace, as a mounted secret's location is written. */
const FILE_PATH = /^\/[^\s]*$/;

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

export function isSecretLookingName(name: string): boolean {
  const w = words(name);
  let i = w.length - 1;
  while (i >= 0 && VALUE_WORDS.has(w[i]!)) {
    i -= 1;
  }
  const word = w[i];
  if (word === undefined || !SECRET_WORDS.has(word)) {
    return false;
  }
  const previous = w[i - 1];
  return !((word === "key" || word === "keys") && previous && NOT_SECRET_KEYS.has(previous));
}

/**
 * Whether a name/value pair (an env entry, a ConfigMap key) looks like a secret given as a literal:
 * a secret-looking name, or a name led by an unambiguous secret word whose other words say nothing
 * about the secret (`SECRET_BLAH`) holding a value that is not shaped like a setting.
 */
export function isSecretLookingEntry(name: string, value: string): boolean {
  // An absolute file path says where a secret is mounted (GOOGLE_APPLICATION_CREDENTIALS,
  // PASSWORD_FILE): the secret itself is in the file, not in the value.
  if (FILE_PATH.test(value.trim())) {
    return false;
  }
  if (isSecretLookingName(name)) {
    return true;
  }
  const w = words(name);
  return (
    w.length > 1 &&
    LEADING_SECRET_WORDS.has(w[0]!) &&
    !w.slice(1).some((x) => ABOUT_WORDS.has(x)) &&
    !SETTING_VALUE.some((re) => re.test(value.trim()))
  );
}
