import { parse } from "yaml";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { resourcePolicy } from "../../lib/define";
import { get, isRecord, rec, str, strings } from "../../lib/props";
import { CONFIG_MAP_TOKENS } from "../../lib/kubernetes/types";

/** Traefik's Middleware CRD, current and legacy API groups. */
export const MIDDLEWARE_TOKENS = [
  "kubernetes:traefik.io/v1alpha1:Middleware",
  "kubernetes:traefik.containo.us/v1alpha1:Middleware",
];

/** `ipWhiteList` is the name before Traefik v3 (still read by v3 with a deprecation warning). */
const ALLOWLIST_KEYS = ["ipAllowList", "ipWhiteList"];

/** The sourceRange lists of one middleware definition, labelled `<where>.<key>.sourceRange`. */
function allowlists(where: string, middleware: unknown): [string, unknown[]][] {
  return ALLOWLIST_KEYS.filter((key) => isRecord(rec(middleware)[key])).map((key) => [
    `${where}.${key}.sourceRange`,
    [...strings(get(rec(middleware)[key], "sourceRange"))],
  ]);
}

/** Middlewares of a file-provider document (YAML or JSON): `http.middlewares.<name>`. */
function fromDynamicFile(file: string, text: string): [string, unknown[]][] {
  if (!ALLOWLIST_KEYS.some((key) => text.includes(key))) {
    return [];
  }
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return []; // not YAML: Traefik refuses it too (TOML files are not read here)
  }
  return Object.entries(rec(get(doc, "http.middlewares"))).flatMap(([name, m]) =>
    allowlists(`${file}: middleware ${name}`, m),
  );
}

export default resourcePolicy({
  name: "kubernetes-traefik-middleware-restrict-ip-allowlist",
  description: `Traefik IP allowlist middlewares (ipAllowList, formerly ipWhiteList), in a Middleware resource or in a dynamic-configuration file kept in a ConfigMap, must not admit the internet, in one range or in pieces (${INTERNET_RULE}). The allowlist is what keeps the app and its admin console to the users' and operators' networks; a range that covers the internet removes that fence silently.`,
  severity: "high",
  remediation:
    "Set sourceRange to the stack's allowlist CIDRs (enclave:allowlist.users / admin), each /8 or narrower for IPv4 and /32 or narrower for IPv6, never 0.0.0.0/0, ::/0 or a set of short prefixes that adds up to the internet.",
  controls: { nist: ["AC-4", "SC-7", "SC-7(5)", "AC-17"] },
  concern: "network-exposure",
  resourceTypes: [...MIDDLEWARE_TOKENS, ...CONFIG_MAP_TOKENS],
  check({ type, props }, report) {
    const lists = MIDDLEWARE_TOKENS.includes(type)
      ? allowlists("spec", props.spec)
      : Object.entries(rec(props.data)).flatMap(([file, text]) =>
          fromDynamicFile(file, str(text) ?? ""),
        );
    for (const [where, ranges] of lists) {
      for (const problem of internetProblems(where, ranges)) {
        report(`${problem}. Allow only the users' and operators' networks.`);
      }
    }
  },
});
