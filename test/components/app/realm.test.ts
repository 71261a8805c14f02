import { describe, expect, it } from "vitest";
import {
  FLOW_ALIASES,
  diffgramClient,
  tenantRealm,
  type RealmSettings,
} from "../../../components/app/keycloak/realm";
import {
  configureScript,
  DIFFGRAM_TENANT_REALM_ROLES,
} from "../../../components/app/keycloak/configure.sh";
import { dynamicConfig } from "../../../components/app/ingress/dynamic";

const SETTINGS: RealmSettings = {
  realm: "acme",
  domain: "annotate.acme.example.com",
  clientId: "diffgram",
  clientSecret: "generated-client-secret",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1800,
  ssoSessionMaxSeconds: 36000,
  eventsRetentionDays: 90,
  passwordMinLength: 14,
  requirePkce: true,
};

describe("tenant realm", () => {
  const realm = tenantRealm(SETTINGS);

  it("turns on brute-force detection with temporary, growing lockouts", () => {
    expect(realm).toMatchObject({
      bruteForceProtected: true,
      permanentLockout: false,
      failureFactor: 5,
      waitIncrementSeconds: 60,
      maxFailureWaitSeconds: 900,
      maxDeltaTimeSeconds: 43200,
      quickLoginCheckMilliSeconds: 1000,
      minimumQuickLoginWaitSeconds: 60,
    });
  });

  it("sets a length-based password policy", () => {
    expect(realm.passwordPolicy).toBe(
      "length(14) and maxLength(128) and notUsername and notEmail and passwordHistory(5)",
    );
  });

  it("keeps tokens short, bounds sessions and revokes refresh tokens on use", () => {
    expect(realm).toMatchObject({
      accessTokenLifespan: 300,
      accessTokenLifespanForImplicitFlow: 300,
      accessCodeLifespan: 60,
      ssoSessionIdleTimeout: 1800,
      ssoSessionMaxLifespan: 36000,
      ssoSessionIdleTimeoutRememberMe: 0,
      ssoSessionMaxLifespanRememberMe: 0,
      offlineSessionMaxLifespanEnabled: true,
      offlineSessionMaxLifespan: 36000,
      revokeRefreshToken: true,
      refreshTokenMaxReuse: 0,
      rememberMe: false,
    });
  });

  it("stores login and admin events with a 90-day retention", () => {
    expect(realm).toMatchObject({
      eventsEnabled: true,
      eventsExpiration: 7776000,
      eventsListeners: ["jboss-logging"],
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: false,
      attributes: { adminEventsExpiration: "7776000" },
    });
  });

  it("turns self-registration off, requires verified e-mail and TLS everywhere", () => {
    expect(realm).toMatchObject({
      sslRequired: "all",
      registrationAllowed: false,
      verifyEmail: true,
      editUsernameAllowed: false,
      duplicateEmailsAllowed: false,
      resetPasswordAllowed: false,
    });
  });

  it("uses TOTP that cannot be replayed", () => {
    expect(realm).toMatchObject({
      otpPolicyType: "totp",
      otpPolicyDigits: 6,
      otpPolicyPeriod: 30,
      otpPolicyLookAheadWindow: 1,
      otpPolicyCodeReusable: false,
    });
  });

  it("requires OTP of every administrator at every login, in its own browser flow", () => {
    expect(realm.browserFlow).toBe(FLOW_ALIASES.browser);
    const flow = (alias: string) => realm.authenticationFlows.find((f) => f.alias === alias)!;
    expect(
      flow(FLOW_ALIASES.browserForms).authenticationExecutions.map((e) => [
        e.authenticator ?? e.flowAlias,
        e.requirement,
      ]),
    ).toEqual([
      ["auth-username-password-form", "REQUIRED"],
      [FLOW_ALIASES.adminOtp, "CONDITIONAL"],
      [FLOW_ALIASES.userOtp, "CONDITIONAL"],
    ]);
    expect(
      flow(FLOW_ALIASES.adminOtp).authenticationExecutions.map((e) => [
        e.authenticator,
        e.requirement,
        e.authenticatorConfig,
      ]),
    ).toEqual([
      ["conditional-user-role", "REQUIRED", "enclave-administrator-role"],
      ["auth-otp-form", "REQUIRED", undefined],
    ]);
    expect(realm.authenticatorConfig).toContainEqual({
      alias: "enclave-administrator-role",
      config: { condUserRole: "administrator", negate: "false" },
    });
    expect(realm.roles?.realm?.map((r) => r.name)).toEqual(["administrator"]);
    // A realm that brings its own flows gets no defaults: every flow it names must exist.
    const aliases = new Set(realm.authenticationFlows.map((f) => f.alias));
    for (const named of [realm.browserFlow, realm.directGrantFlow, realm.registrationFlow]) {
      expect(aliases.has(named!), named).toBe(true);
    }
    for (const f of realm.authenticationFlows) {
      for (const e of f.authenticationExecutions.filter((x) => x.flowAlias)) {
        expect(aliases.has(e.flowAlias!), e.flowAlias).toBe(true);
      }
    }
  });

  it("sets browser security headers", () => {
    expect(realm.browserSecurityHeaders).toEqual({
      contentSecurityPolicy: "frame-src 'self'; frame-ancestors 'self'; object-src 'none';",
      xFrameOptions: "SAMEORIGIN",
      strictTransportSecurity: "max-age=31536000; includeSubDomains",
      xContentTypeOptions: "nosniff",
      xRobotsTag: "none",
      referrerPolicy: "no-referrer",
    });
  });

  it("makes the app's client confidential, code flow only, exact redirect URI, PKCE S256", () => {
    expect(realm.clients).toEqual([diffgramClient(SETTINGS)]);
    expect(diffgramClient(SETTINGS)).toMatchObject({
      id: "diffgram",
      clientId: "diffgram",
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      secret: "generated-client-secret",
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      fullScopeAllowed: false,
      redirectUris: ["https://annotate.acme.example.com/user/oidc-login"],
      webOrigins: ["https://annotate.acme.example.com"],
      attributes: expect.objectContaining({
        "pkce.code.challenge.method": "S256",
        "oauth2.device.authorization.grant.enabled": "false",
        "oidc.ciba.grant.enabled": "false",
      }),
    });
    expect(diffgramClient(SETTINGS).redirectUris!.some((u) => u.includes("*"))).toBe(false);
  });

  it("drops the PKCE requirement only when enclave:app.keycloak.requirePkce is false", () => {
    expect(diffgramClient({ ...SETTINGS, requirePkce: false }).attributes).not.toHaveProperty(
      "pkce.code.challenge.method",
    );
  });

  it("takes token and session lifetimes from the settings", () => {
    expect(
      tenantRealm({ ...SETTINGS, accessTokenLifespanSeconds: 120, ssoSessionIdleSeconds: 900 }),
    ).toMatchObject({
      accessTokenLifespan: 120,
      ssoSessionIdleTimeout: 900,
    });
  });
});

describe("Diffgram's OIDC quirks handled at the ingress", () => {
  const config = dynamicConfig({
    domain: "annotate.acme.example.com",
    realm: "acme",
    namespace: "enclave-acme",
    users: ["203.0.113.0/24"],
    admin: ["198.51.100.0/24"],
    routes: [],
  }) as {
    http: {
      middlewares: Record<string, { redirectRegex: { regex: string; replacement: string } }>;
    };
  };

  /** Applies a Traefik redirectRegex the way Go's regexp.ReplaceAllString does. */
  function redirect(name: string, url: string): string | undefined {
    const { regex, replacement } = config.http.middlewares[name]!.redirectRegex;
    const re = new RegExp(regex);
    return re.test(url) ? url.replace(re, replacement.replace(/\$\{(\d+)\}/g, "$$$1")) : undefined;
  }

  it("adds the openid scope Diffgram's login URL lacks (ID token and userinfo need it)", () => {
    const login =
      "https://idp.annotate.acme.example.com/realms/acme/protocol/openid-connect/auth?client_id=diffgram&response_type=code&redirect_uri=https%3A%2F%2Fannotate.acme.example.com%2Fuser%2Foidc-login&scope=email&state=";
    expect(redirect("keycloak-openid-scope", login)).toBe(
      login.replace("scope=email", "scope=openid%20email"),
    );
    expect(
      redirect("keycloak-openid-scope", login.replace("scope=email", "scope=openid%20email")),
    ).toBeUndefined();
    expect(
      redirect("keycloak-openid-scope", login.replace("/realms/acme/", "/realms/master/")),
    ).toBeUndefined();
  });

  it("sends the OIDC callback to the SPA's renamed route, keeping the code", () => {
    expect(
      redirect(
        "diffgram-oidc-redirect",
        "https://annotate.acme.example.com/user/oidc-login?code=abc&session_state=x",
      ),
    ).toBe("https://annotate.acme.example.com/user/oauth2-login/?code=abc&session_state=x");
    expect(
      redirect(
        "diffgram-oidc-redirect",
        "https://annotate.acme.example.com/user/oauth2-login/?code=abc",
      ),
    ).toBeUndefined();
  });
});

describe("master realm configuration job", () => {
  const script = configureScript({
    realm: "acme",
    accessTokenLifespanSeconds: 300,
    ssoSessionIdleSeconds: 1800,
    ssoSessionMaxSeconds: 36000,
    eventsRetentionDays: 90,
    passwordMinLength: 14,
  });

  it("hardens the master realm", () => {
    for (const setting of [
      "-s sslRequired=all",
      "-s registrationAllowed=false",
      "-s bruteForceProtected=true",
      "-s accessTokenLifespan=300",
      "-s revokeRefreshToken=true",
      "-s eventsEnabled=true -s eventsExpiration=7776000 -s adminEventsEnabled=true",
      "'passwordPolicy=length(14) and maxLength(128) and notUsername and passwordHistory(5)'",
    ]) {
      expect(script).toContain(setting);
    }
  });

  it("gives Diffgram's account create-realm and the management roles of its tenant realm only", () => {
    expect(DIFFGRAM_TENANT_REALM_ROLES).toEqual([
      "view-realm",
      "manage-users",
      "view-users",
      "query-users",
      "manage-clients",
      "view-clients",
      "query-clients",
    ]);
    const roleLines = script.split("\n").filter((l) => l.includes("add-roles"));
    expect(roleLines).toEqual([
      '"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --rolename create-realm',
      `"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --cclientid "acme-realm" ${DIFFGRAM_TENANT_REALM_ROLES.map((r) => `--rolename ${r}`).join(" ")}`,
    ]);
  });

  it("trusts only the internal CA and reads every credential from the environment", () => {
    expect(script).toContain("-file /etc/enclave/internal-ca/ca.crt");
    expect(script).toContain('--password "$BOOTSTRAP_PASSWORD"');
    expect(script).toContain('--new-password "$DIFFGRAM_PASSWORD"');
    expect(script).not.toMatch(/insecure|no-verify/i);
  });
});
