import { resourcePolicy } from "../../lib/define";
import { rec } from "../../lib/props";
import { cisKubernetes, quoted } from "../../lib/kubernetes/describe";
import { credentialsIn } from "../../lib/kubernetes/credentials";
import { isSecretLookingEntry } from "../../lib/kubernetes/secrets";
import { CONFIG_MAP_TOKENS } from "../../lib/kubernetes/types";

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** binaryData values are base64; their text is what a pod reads from the mounted file. */
function decoded(value: string): string {
  return Buffer.from(value, "base64").toString("utf8");
}

export default resourcePolicy({
  name: "kubernetes-core-configmap-disallow-secrets",
  description:
    "ConfigMaps must not hold secret values: no key of data or binaryData whose name ends in password, secret, token, credential or key (such as DB_PASSWORD, FERNET_KEY, tls.key), or starts with password, secret, token or credential followed by a qualifier (SECRET_BLAH; not a setting about the secret such as SECRET_PATH, nor a value shaped like a number, boolean, duration, path or plain URL), may have a non-empty value; and no value, whatever its key, may hold a credential in its published format (a URL with a password, a PEM private key, an AWS access key id, a Google service account key file, a GitHub or Slack token; placeholders such as $(VAR) or ${VAR} aside). ConfigMaps are readable by every role that reads configuration, and the cluster's KMS envelope encryption of Secrets does not cover them, so the value is stored and shown in clear.",
  severity: "high",
  remediation:
    "Move the value into a Kubernetes Secret (generated per stack as a Pulumi secret) and reference it from the pod with secretKeyRef or a secret volume; keep only non-secret settings in the ConfigMap.",
  controls: { nist: ["IA-5(7)", "SC-28", "SC-28(1)"], cis: cisKubernetes("5.4.1") },
  concern: "encryption",
  resourceTypes: CONFIG_MAP_TOKENS,
  check(resource, report) {
    const keys = [resource.props.data, resource.props.binaryData].flatMap((section) => {
      const entries = rec(section);
      return Object.keys(entries).filter((k) => {
        const value = entries[k];
        return nonEmpty(value) && isSecretLookingEntry(k, value);
      });
    });
    if (keys.length > 0) {
      report(`ConfigMap holds secret-looking keys with values: ${quoted(keys)}`);
    }
    const credentials: string[] = [];
    for (const [section, text] of [
      [resource.props.data, (v: string) => v],
      [resource.props.binaryData, decoded],
    ] as const) {
      const entries = rec(section);
      for (const k of Object.keys(entries)) {
        const value = entries[k];
        const kinds = nonEmpty(value) && !keys.includes(k) ? credentialsIn(text(value)) : [];
        if (kinds.length > 0) {
          credentials.push(`"${k}" (${kinds.join(", ")})`);
        }
      }
    }
    if (credentials.length > 0) {
      report(`ConfigMap values hold credentials: ${credentials.join(", ")}`);
    }
  },
});
