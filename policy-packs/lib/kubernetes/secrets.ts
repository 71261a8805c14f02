/**
 * Whether a configuration key or environment variable name denotes secret material.
 *
 * The name is split into words (`DB_PASSWORD`, `db-password`, `dbPassword`, `tls.key` all give
 * their words), and it is secret-looking when its LAST word names a secret: `password`,
 * `passwd`, `pwd`, `passphrase`, `secret`, `token`, `credential(s)`, `apikey`, `key` (but not
 * `public key`). Judging the last word keeps settings *about* secrets out (`TOKEN_LIFESPAN`,
 * `SECRET_NAME`, `PASSWORD_FILE`, `KEYCLOAK_URL`, `AWS_ACCESS_KEY_ID`).
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
  const last = w[w.length - 1];
  if (last === undefined || !SECRET_WORDS.has(last)) {
    return false;
  }
  const previous = w[w.length - 2];
  return !((last === "key" || last === "keys") && previous === "public");
}
