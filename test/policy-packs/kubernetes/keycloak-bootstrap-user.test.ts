import { describe, expect, it } from "vitest";
import { DIGEST, runOnPod } from "../../helpers/kubernetes-policy";

const name = "kubernetes-core-pod-disallow-keycloak-bootstrap-user";
const fromSecret = (variable: string, key: string) => ({
  name: variable,
  valueFrom: { secretKeyRef: { name: "keycloak-bootstrap-admin", key } },
});
const keycloak = (spec: Record<string, any>, env: Record<string, unknown>[]) => {
  spec.containers[0].image = `quay.io/keycloak/keycloak:26.7.3@${DIGEST}`;
  spec.containers[0].env = env;
};
/** The kit's Keycloak since the bootstrap client: no administrator user is created. */
const client = [
  fromSecret("KC_BOOTSTRAP_ADMIN_CLIENT_ID", "client-id"),
  fromSecret("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", "client-secret"),
];

describe(name, () => {
  it("passes a plain pod and Keycloak bootstrapping a service-account client", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(runOnPod(name, (s) => keycloak(s, client)).violations).toEqual([]);
  });

  it("fires on the kit's pre-fix shape: a bootstrap user and password from a Secret", () => {
    const preFix = [
      fromSecret("KC_BOOTSTRAP_ADMIN_USERNAME", "username"),
      fromSecret("KC_BOOTSTRAP_ADMIN_PASSWORD", "password"),
    ];
    expect(runOnPod(name, (s) => keycloak(s, preFix)).violations).toEqual([
      'Keycloak bootstraps a password-only master-realm administrator: container "app" sets KC_BOOTSTRAP_ADMIN_USERNAME, KC_BOOTSTRAP_ADMIN_PASSWORD',
    ]);
  });

  it.each(["KC_BOOTSTRAP_ADMIN_PASSWORD", "KEYCLOAK_ADMIN", "KEYCLOAK_ADMIN_PASSWORD"])(
    "fires on %s alone, beside the client",
    (variable) => {
      const env = [...client, { name: variable, value: "x" }];
      expect(runOnPod(name, (s) => keycloak(s, env)).violations).toEqual([
        `Keycloak bootstraps a password-only master-realm administrator: container "app" sets ${variable}`,
      ]);
    },
  );

  it("never throws on unknown or partial env entries", () => {
    const env = [undefined, null, 3, { value: "x" }, { name: undefined }];
    expect(runOnPod(name, (s) => keycloak(s, env as any)).violations).toEqual([]);
  });
});
