import { get, isRecord, rec, str, type Props } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);
const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/** The profile type a securityContext sets, when it sets one that is not allowed. */
function badType(securityContext: Props): string | undefined {
  const profile = securityContext.appArmorProfile;
  if (!isRecord(profile)) {
    return undefined;
  }
  const type = str(profile.type) ?? "";
  return ALLOWED_TYPES.has(type) ? undefined : type;
}

function allowedAnnotation(value: string): boolean {
  return value === "" || value === "runtime/default" || value.startsWith("localhost/");
}

/** Pod Security Standards, baseline "AppArmor". */
export default podPolicy({
  name: "kubernetes-core-pod-restrict-apparmor",
  description:
    "Pods must not override or disable the runtime's default AppArmor profile: securityContext.appArmorProfile.type may only be RuntimeDefault or Localhost, and the legacy container.apparmor.security.beta.kubernetes.io annotations only runtime/default or localhost/<profile>. Without AppArmor a compromised process keeps every file and mount permission of the node's runtime.",
  severity: "medium",
  remediation:
    'Remove appArmorProfile settings of type Unconfined from the pod and container security contexts (use type RuntimeDefault, or Localhost with a profile loaded on the nodes) and remove "unconfined" or other values from the container.apparmor.security.beta.kubernetes.io/<container> pod annotations.',
  controls: { nist: ["AC-3(3)", "CM-7"] },
  concern: "workload-security",
  check(pod, report) {
    const setters: string[] = [];
    const podType = badType(pod.securityContext);
    if (podType !== undefined) {
      setters.push(`the pod (${podType || "no type"})`);
    }
    for (const c of pod.containers) {
      const t = badType(c.securityContext);
      if (t !== undefined) {
        setters.push(`${containerLabel(c)} (${t || "no type"})`);
      }
    }
    if (setters.length > 0) {
      report(
        `securityContext.appArmorProfile.type is not RuntimeDefault or Localhost on ${setters.join(", ")}`,
      );
    }
    const annotations = rec(get(pod.metadata, "annotations"));
    const bad = Object.keys(annotations)
      .filter((k) => k.startsWith(ANNOTATION_PREFIX))
      .sort()
      .filter((k) => !allowedAnnotation(str(annotations[k]) ?? ""))
      .map((k) => `${k}=${String(annotations[k])}`);
    if (bad.length > 0) {
      report(`AppArmor annotations select a forbidden profile: ${bad.join(", ")}`);
    }
  },
});
