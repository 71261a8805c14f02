/**
 * Credentials recognised by their published formats inside a literal value, whatever the key or
 * variable is called: the value itself is the secret. Placeholders that a program, the kubelet
 * or a template engine fills in later (`$(DB_PASSWORD)`, `${DB_PASSWORD}`, `{{ .password }}`,
 * `%(password)s`, `<password>`, `$DB_PASSWORD`, `****`) are not credentials.
 */
export interface CredentialKind {
  /** What was found, for messages: "a URL with a password". */
  readonly label: string;
  readonly matches: (value: string) => boolean;
}

/** A whole placeholder: expanded later, so the literal holds no secret. */
const PLACEHOLDER =
  /^(?:\$\([^)]*\)|\$\{[^}]*\}|\{\{.*\}\}|%\([^)]*\)s|<[^<>]*>|\$[A-Za-z_][A-Za-z0-9_]*|\*+|x{3,}|X{3,})$/;

function isPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(s);
}

// scheme://[user]:password@host, userinfo as RFC 3986 allows it (no "/", "?", "#" or "@").
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/?#@:]*):([^\s/?#@]+)@[^\s/?#@]/gi;

function hasUrlWithPassword(value: string): boolean {
  for (const m of value.matchAll(URL_WITH_PASSWORD)) {
    const password = decodeOrKeep(m[2]!);
    if (!isPlaceholder(password)) {
      return true;
    }
  }
  return false;
}

function decodeOrKeep(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// RSA, EC, DSA, OPENSSH, ENCRYPTED and PKCS#8 private keys, and PGP private key blocks, with key
// material after the header (not a header followed by a placeholder).
// Encapsulated headers (Proc-Type, DEK-Info) may come first, one per line; a line ends in a
// newline or, inside JSON, in an escaped one.
const PEM_PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n)*(?:[A-Za-z-]+:[^\n\\]*(?:\\n|\n)(?:\s|\\n)*)*[A-Za-z0-9+/=]{40}/;

// Access key ids of IAM users (AKIA) and of temporary credentials (ASIA): 16 base32 characters.
const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z0-9])/g;
/** The id AWS's documentation uses in every example. */
const AWS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

function hasAwsAccessKeyId(value: string): boolean {
  return [...value.matchAll(AWS_ACCESS_KEY_ID)].some((m) => m[0] !== AWS_EXAMPLE_KEY_ID);
}

// A Google service account key file: its type and an embedded PEM private key.
const GCP_SA_TYPE = /"type"\s*:\s*"service_account"/;
const GCP_SA_PRIVATE_KEY = /"private_key"\s*:\s*"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

// GitHub: ghp_ (classic personal), gho_ (OAuth), ghu_ (user-to-server), ghs_ (server-to-server),
// ghr_ (refresh) + 36 base62 characters; github_pat_ (fine-grained personal) + 82.
const GITHUB_TOKEN =
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,})(?![A-Za-z0-9_])/;

// Slack: xoxb- (bot), xoxp- (user), xoxe- (refresh), xoxa-/xoxr-/xoxs- (older app, refresh and
// session tokens), xapp- (app-level), and incoming webhook URLs.
const SLACK_TOKEN =
  /(?<![A-Za-z0-9-])(?:xox[abeprs]-[0-9]{6,}-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-1-[A-Za-z0-9-]{20,}|xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-f0-9]{32,})/;
// The last segment is the secret; Slack's documentation writes it as X...X.
const SLACK_WEBHOOK =
  /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[A-Z0-9]+\/(?!X+(?![A-Za-z0-9]))[A-Za-z0-9]{16,}/;

const PEM_LABEL = "a PEM private key";
const GCP_KEY_LABEL = "a Google service account key";

export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  { label: "a URL with a password", matches: hasUrlWithPassword },
  { label: PEM_LABEL, matches: (v) => PEM_PRIVATE_KEY.test(v) },
  { label: "an AWS access key id", matches: hasAwsAccessKeyId },
  {
    label: GCP_KEY_LABEL,
    matches: (v) => GCP_SA_TYPE.test(v) && GCP_SA_PRIVATE_KEY.test(v),
  },
  { label: "a GitHub token", matches: (v) => GITHUB_TOKEN.test(v) },
  { label: "a Slack token", matches: (v) => SLACK_TOKEN.test(v) || SLACK_WEBHOOK.test(v) },
];

/** The kinds of credential a literal value holds (none for a non-string or a placeholder). */
export function credentialsIn(value: unknown): string[] {
  if (typeof value !== "string") {
    return [];
  }
  const found = CREDENTIAL_KINDS.filter((k) => k.matches(value)).map((k) => k.label);
  // A service account key file is named as such, not also as the PEM key it embeds.
  return found.includes(GCP_KEY_LABEL) ? found.filter((l) => l !== PEM_LABEL) : found;
}
