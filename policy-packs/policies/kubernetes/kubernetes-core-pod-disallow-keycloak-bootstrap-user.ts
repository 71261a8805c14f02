import { arr, rec, str } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/**
 * Keycloak's settings that create a password-only administrator user in the master realm at first
 * start: KC_BOOTSTRAP_ADMIN_* (Keycloak 26) and the older KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD.
 */
const BOOTSTRAP_USER_VARIABLES = [
  "KC_BOOTSTRAP_ADMIN_USERNAME",
  "KC_BOOTSTRAP_ADMIN_PASSWORD",
  "KEYCLOAK_ADMIN",
  "KEYCLOAK_ADMIN_PASSWORD",
];

export default podPolicy({
  name: "kubernetes-core-pod-disallow-keycloak-bootstrap-user",
  description:
    "Keycloak containers must not bootstrap an administrator user (KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD, or the older KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD). That user is created in the master realm with a password only, before any OTP flow exists, and stays there: whoever reads its Secret administers every realm. Bootstrap a service-account client instead (KC_BOOTSTRAP_ADMIN_CLIENT_ID/SECRET) and create named administrators who must enrol a second factor.",
  severity: "high",
  remediation:
    "Remove the bootstrap user variables from the Keycloak container; set KC_BOOTSTRAP_ADMIN_CLIENT_ID and KC_BOOTSTRAP_ADMIN_CLIENT_SECRET from a Secret only Keycloak and its configuration job read, and create named master-realm administrators with CONFIGURE_TOTP required (enclave: enclave:app.keycloak.admins). Disable a bootstrap user that an earlier version created once a named administrator has enrolled OTP.",
  controls: { nist: ["IA-2(1)", "IA-2(2)", "AC-2", "AC-6(5)"] },
  concern: "least-privilege",
  check(pod, report) {
    const problems: string[] = [];
    for (const c of pod.containers) {
      const set = arr(c.props.env)
        .map((e) => str(rec(e).name))
        .filter((n): n is string => n !== undefined && BOOTSTRAP_USER_VARIABLES.includes(n));
      if (set.length > 0) {
        problems.push(`${containerLabel(c)} sets ${set.join(", ")}`);
      }
    }
    if (problems.length > 0) {
      report(
        `Keycloak bootstraps a password-only master-realm administrator: ${problems.join("; ")}`,
      );
    }
  },
});
