import { describe, expect, it } from "vitest";
import { tenantRealm, type RealmSettings } from "../../../components/app/keycloak/realm";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";

const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const ANNOTATION = "enclave.dev/realm-otp";

const SETTINGS: RealmSettings = {
  realm: "acme",
  domain: "annotate.example.com",
  clientId: "diffgram",
  clientSecret: "generated",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1800,
  ssoSessionMaxSeconds: 36000,
  eventsRetentionDays: 90,
  passwordMinLength: 14,
  requirePkce: true,
  otp: "all",
};

describe("kubernetes-core-secret-require-realm-otp", () => {
  const policy = resourcePolicyNamed("kubernetes-core-secret-require-realm-otp");
  /** The kit's realm Secret as the layer emits it (components/app/keycloak/keycloak.ts). */
  const secret = (otp: RealmSettings["otp"] = "all"): Record<string, any> => ({
    metadata: {
      name: "keycloak-realm",
      namespace: "enclave-acme",
      annotations: { [ANNOTATION]: otp },
    },
    type: "Opaque",
    stringData: { "acme.json": JSON.stringify(tenantRealm({ ...SETTINGS, otp })) },
  });
  const run = (props: Record<string, unknown>, type = SECRET) =>
    runResourcePolicy(policy, { type, props });
  const realmOf = (s: Record<string, any>) => JSON.parse(s.stringData["acme.json"]);

  it("passes the kit's realm (OTP for every user, annotation all)", () =>
    expect(run(secret())).toEqual({ violations: [] }));

  it("fires on the kit's pre-fix realm and on the opt-out: OTP for administrators only", () => {
    expect(run(secret("administrators")).violations).toEqual([
      'the realm import states OTP scope "administrators" (enclave.dev/realm-otp): users outside it log in with a password alone',
      'realm "acme" (acme.json) does not require a second factor of every user in its browser flow "enclave browser"',
    ]);
    // The pre-fix shape had no annotation: the realm JSON alone shows it.
    const old = secret("administrators");
    delete old.metadata.annotations;
    expect(run(old).violations).toEqual([
      'realm "acme" (acme.json) does not require a second factor of every user in its browser flow "enclave browser"',
    ]);
  });

  it("reads the annotation where the realm JSON is unknown (a preview)", () => {
    const s = secret("administrators");
    s.stringData = { "acme.json": UNKNOWN };
    const outcome = run(s);
    expect(outcome.violations).toEqual([
      'the realm import states OTP scope "administrators" (enclave.dev/realm-otp): users outside it log in with a password alone',
    ]);
    expect(run({ ...secret(), stringData: { "acme.json": UNKNOWN } }).violations).toEqual([]);
  });

  it("flags a realm whose OTP step is conditional", () => {
    const s = secret();
    const realm = realmOf(s);
    const forms = realm.authenticationFlows.find((f: any) => f.alias === "enclave browser forms");
    forms.authenticationExecutions[1].requirement = "CONDITIONAL";
    s.stringData["acme.json"] = JSON.stringify(realm);
    expect(run(s).violations).toEqual([
      'realm "acme" (acme.json) does not require a second factor of every user in its browser flow "enclave browser"',
    ]);
  });

  it("flags a password-only way in beside the OTP one", () => {
    const s = secret();
    const realm = realmOf(s);
    realm.authenticationFlows[0].authenticationExecutions.push({
      authenticator: "auth-username-password-form",
      requirement: "ALTERNATIVE",
      priority: 30,
    });
    s.stringData["acme.json"] = JSON.stringify(realm);
    expect(run(s).violations).toHaveLength(1);
  });

  it("flags a realm without a browser flow of its own (Keycloak's OTP is conditional)", () => {
    const s = secret();
    const { browserFlow: _b, authenticationFlows: _f, ...realm } = realmOf(s);
    s.stringData["acme.json"] = JSON.stringify(realm);
    expect(run(s).violations).toEqual([
      'realm "acme" (acme.json) does not require a second factor of every user in its browser flow "browser"',
    ]);
  });

  it("reads base64 Secret data and ConfigMap data too", () => {
    const json = JSON.stringify(tenantRealm({ ...SETTINGS, otp: "administrators" }));
    expect(
      run({ metadata: { name: "r" }, data: { "r.json": Buffer.from(json).toString("base64") } })
        .violations,
    ).toHaveLength(1);
    expect(
      run({ metadata: { name: "r" }, data: { "r.json": json } }, CONFIG_MAP).violations,
    ).toHaveLength(1);
  });

  it("ignores Secrets and ConfigMaps that carry no realm", () => {
    expect(run({ metadata: { name: "db" }, stringData: { password: "x", url: "{}" } })).toEqual({
      violations: [],
    });
  });
});
