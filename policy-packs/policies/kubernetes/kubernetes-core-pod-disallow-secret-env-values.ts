import { arr, rec, str } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";
import { isSecretLookingEntry } from "../../lib/kubernetes/secrets";

export default podPolicy({
  name: "kubernetes-core-pod-disallow-secret-env-values",
  description:
    "Containers must not receive secrets as literal environment values: an env entry whose name ends in password, secret, token, credential or key (such as DB_PASSWORD or FERNET_KEY), or starts with password, secret, token or credential followed by a qualifier (SECRET_BLAH, PASSWORD_ADMIN; not a setting about the secret such as SECRET_PATH or TOKEN_TTL, nor a value shaped like a number, boolean, duration, path or plain URL), must come from valueFrom.secretKeyRef, not value. A literal value is stored in clear in the workload object, outside the KMS envelope encryption of Secrets, and is shown to everyone who can read Deployments.",
  severity: "high",
  remediation:
    "Put the value in a Kubernetes Secret (generated per stack as a Pulumi secret) and reference it with env[*].valueFrom.secretKeyRef, or mount the Secret as a file.",
  controls: { nist: ["IA-5(7)", "SC-28", "SC-28(1)"], cis: cisKubernetes("5.4.1") },
  concern: "encryption",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const names = arr(c.props.env)
        .map((e) => rec(e))
        .filter((e) => {
          const value = str(e.value);
          return (
            value !== undefined &&
            value.trim() !== "" &&
            isSecretLookingEntry(str(e.name) ?? "", value)
          );
        })
        .map((e) => str(e.name)!);
      if (names.length > 0) {
        parts.push(`${containerLabel(c)} sets ${names.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`secret-looking environment variables have literal values: ${parts.join("; ")}`);
    }
  },
});
