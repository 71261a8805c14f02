import { arr, rec, str } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { credentialsIn } from "../../lib/kubernetes/credentials";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

export default podPolicy({
  name: "kubernetes-core-pod-disallow-credential-values",
  description:
    "Containers must not carry credentials in literal values, whatever the variable is called: no env value, command or args entry may hold a URL with a password (scheme://user:password@host), a PEM private key, an AWS access key id (AKIA or ASIA and 16 characters), a Google service account key file, or a GitHub or Slack token in its published format. Placeholders the kubelet or a template fills in later ($(VAR), ${VAR}) are not credentials. A literal value is stored in clear in the workload object, outside the KMS envelope encryption of Secrets, and is shown to everyone who can read the workload.",
  severity: "high",
  remediation:
    "Put the credential in a Kubernetes Secret (generated per stack as a Pulumi secret) and reference it with env[*].valueFrom.secretKeyRef or a secret volume. For a connection URL, keep the URL without its password and add the password from the Secret ($(DB_PASSWORD) in the value expands a variable set from a secretKeyRef earlier in env), or store the whole URL in the Secret.",
  controls: { nist: ["IA-5(7)", "SC-28", "SC-28(1)"], cis: cisKubernetes("5.4.1") },
  concern: "encryption",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const found: string[] = [];
      for (const e of arr(c.props.env)) {
        const entry = rec(e);
        const kinds = credentialsIn(entry.value);
        if (kinds.length > 0) {
          found.push(`env ${str(entry.name) ?? "(unnamed)"} (${kinds.join(", ")})`);
        }
      }
      for (const field of ["command", "args"] as const) {
        arr(c.props[field]).forEach((v, i) => {
          const kinds = credentialsIn(v);
          if (kinds.length > 0) {
            found.push(`${field}[${i}] (${kinds.join(", ")})`);
          }
        });
      }
      if (found.length > 0) {
        parts.push(`${containerLabel(c)}: ${found.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`literal values hold credentials: ${parts.join("; ")}`);
    }
  },
});
