import { resourcePolicy } from "../../lib/define";
import { rec, str } from "../../lib/props";
import { realmsIn, requiresSecondFactorOfAll } from "../../lib/kubernetes/keycloak";
import { CONFIG_MAP_TOKENS, SECRET_TOKENS } from "../../lib/kubernetes/types";

/** Annotation stating a realm import's OTP scope (`all` or `administrators`), as enclave writes it. */
export const REALM_OTP_ANNOTATION = "enclave.dev/realm-otp";

export default resourcePolicy({
  name: "kubernetes-core-secret-require-realm-otp",
  description:
    "A Keycloak realm imported from a Secret or ConfigMap must require a second factor (OTP or WebAuthn) of every user at every browser login, not only of administrators or of users who enrolled: annotators' accounts reach the training data. Where the realm JSON is visible its browser flow is read; the annotation enclave.dev/realm-otp (all | administrators) states the scope where it is not (a preview does not know a realm holding a generated client secret).",
  severity: "medium",
  remediation:
    "Require OTP in the realm's browser flow for every user (an auth-otp-form step REQUIRED after the password, not under a CONDITIONAL subflow); in enclave, remove enclave:app.keycloak.otp: administrators (the default is all).",
  controls: { nist: ["IA-2(1)", "IA-2(2)", "IA-2(8)"] },
  concern: "least-privilege",
  resourceTypes: [...SECRET_TOKENS, ...CONFIG_MAP_TOKENS],
  check(resource, report) {
    const stated = str(rec(rec(resource.props["metadata"])["annotations"])[REALM_OTP_ANNOTATION]);
    if (stated !== undefined && stated !== "all") {
      report(
        `the realm import states OTP scope "${stated}" (${REALM_OTP_ANNOTATION}): users outside it log in with a password alone`,
      );
    }
    const isSecret = resource.type.endsWith(":Secret");
    for (const { key, realm } of realmsIn(resource.props, isSecret)) {
      if (!requiresSecondFactorOfAll(realm)) {
        report(
          `realm "${String(realm["realm"])}" (${key}) does not require a second factor of every user in its browser flow "${str(realm["browserFlow"]) ?? "browser"}"`,
        );
      }
    }
  },
});
