import { isRecord, str, type Props } from "../props";
import { containerLabel } from "./describe";
import type { ContainerView, PodView } from "./pod";

const VALID = new Set(["RuntimeDefault", "Localhost"]);

type Setting = "unset" | "valid" | { readonly bad: string };

function setting(securityContext: Props): Setting {
  const profile = securityContext.seccompProfile;
  if (!isRecord(profile)) {
    return "unset";
  }
  const type = str(profile.type) ?? "";
  return VALID.has(type) ? "valid" : { bad: type || "no type" };
}

export interface SeccompFindings {
  /** `the pod (Unconfined)`, `container "app" (Unconfined)`: settings to a forbidden type. */
  readonly explicitlyBad: string[];
  /** Containers with no profile of their own and no valid pod-level profile to inherit. */
  readonly unconfined: ContainerView[];
}

/** Seccomp settings of a pod as the Pod Security Standards read them (container overrides pod). */
export function seccompSetters(pod: PodView): SeccompFindings {
  const explicitlyBad: string[] = [];
  const podSetting = setting(pod.securityContext);
  if (typeof podSetting === "object") {
    explicitlyBad.push(`the pod (${podSetting.bad})`);
  }
  const unconfined: ContainerView[] = [];
  for (const c of pod.containers) {
    const s = setting(c.securityContext);
    if (typeof s === "object") {
      explicitlyBad.push(`${containerLabel(c)} (${s.bad})`);
    } else if (s === "unset" && podSetting !== "valid") {
      unconfined.push(c);
    }
  }
  return { explicitlyBad, unconfined };
}
