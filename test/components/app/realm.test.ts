import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  otp: "all",
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
      adminEventsDetailsEnabled: true,
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

  it("requires OTP of every user at every login by default, enrolment forced", () => {
    expect(realm.browserFlow).toBe(FLOW_ALIASES.browser);
    const flow = (alias: string) => realm.authenticationFlows.find((f) => f.alias === alias)!;
    const steps = (alias: string) =>
      flow(alias).authenticationExecutions.map((e) => [
        e.authenticator ?? e.flowAlias,
        e.requirement,
      ]);
    expect(steps(FLOW_ALIASES.browserForms)).toEqual([
      ["auth-username-password-form", "REQUIRED"],
      ["auth-otp-form", "REQUIRED"],
    ]);
    expect(steps(FLOW_ALIASES.directGrant)).toEqual([
      ["direct-grant-validate-username", "REQUIRED"],
      ["direct-grant-validate-password", "REQUIRED"],
      ["direct-grant-validate-otp", "REQUIRED"],
    ]);
    expect(realm.authenticatorConfig).toEqual([]);
  });

  it("with otp administrators: OTP of every administrator, of others only if they enrolled", () => {
    const relaxed = tenantRealm({ ...SETTINGS, otp: "administrators" });
    const flow = (alias: string) => relaxed.authenticationFlows.find((f) => f.alias === alias)!;
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
    expect(relaxed.authenticatorConfig).toContainEqual({
      alias: "enclave-administrator-role",
      config: { condUserRole: "administrator", negate: "false" },
    });
  });

  it.each(["all", "administrators"] as const)(
    "otp %s: every flow the realm names exists",
    (otp) => {
      const realm = tenantRealm({ ...SETTINGS, otp });
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
    },
  );

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
    admins: [
      { username: "alice", email: "alice@example.com" },
      { username: "bob", email: "bob@example.com" },
    ],
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
    const roleLines = script
      .split("\n")
      .filter((l) => l.includes("add-roles") && l.includes("DIFFGRAM_USERNAME"));
    expect(roleLines).toEqual([
      '"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --rolename create-realm',
      `"$KCADM" add-roles --config "$CONFIG" -r master --uusername "$DIFFGRAM_USERNAME" --cclientid "acme-realm" ${DIFFGRAM_TENANT_REALM_ROLES.map((r) => `--rolename ${r}`).join(" ")}`,
    ]);
  });

  it("turns admin event details on in the master realm", () => {
    expect(script).toContain("-s adminEventsEnabled=true -s adminEventsDetailsEnabled=true");
    expect(script).not.toContain("adminEventsDetailsEnabled=false");
  });

  interface FakeKeycloak {
    readonly flows?: string[];
    /** Master-realm users that exist: username -> id. */
    readonly users?: Record<string, string>;
    /** Ids of the users with an OTP credential. */
    readonly otp?: string[];
    /** The bootstrap admin client exists (false: a master realm from an earlier version). */
    readonly client?: boolean;
  }

  /** Runs the script with stand-ins for kcadm.sh and keytool; returns kcadm's calls. */
  function runWithFakeKcadm(fake: FakeKeycloak = {}): string[] {
    const dir = mkdtempSync(join(tmpdir(), "enclave-kcadm-"));
    try {
      const log = join(dir, "calls");
      const users = join(dir, "users");
      const clientMarker = join(dir, "client");
      writeFileSync(
        users,
        Object.entries(fake.users ?? {})
          .map(([u, id]) => `${u},${id}\n`)
          .join(""),
      );
      if (fake.client !== false) {
        writeFileSync(clientMarker, "");
      }
      const executions = [
        "e1,auth-cookie,Cookie",
        "e2,,enclave-admin-browser-forms",
        "e3,auth-username-password-form,Username Password Form",
        "e4,auth-otp-form,OTP Form",
      ];
      const lines = (items: string[]) => items.map((i) => JSON.stringify(i)).join(" ");
      const otp = (fake.otp ?? []).map((id) => `users/${id}/credentials`);
      writeFileSync(
        join(dir, "kcadm.sh"),
        [
          "#!/bin/bash",
          `echo "$*" >> ${JSON.stringify(log)}`,
          'args=" $* "',
          'case "$1 $2" in',
          `  "config credentials") if [[ "$args" == *" --client "* ]]; then [ -e ${JSON.stringify(clientMarker)} ] || exit 1; fi ;;`,
          `  "create clients") touch ${JSON.stringify(clientMarker)} ;;`,
          `  "create users") u=$(sed -n 's/.* username=\\([^ ]*\\) .*/\\1/p' <<<"$args"); echo "$u,new-$u" >> ${JSON.stringify(users)} ;;`,
          `  "get users") u=$(sed -n 's/.* username=\\([^ ]*\\) .*/\\1/p' <<<"$args"); awk -F, -v u="$u" '$1 == u { print $2 }' ${JSON.stringify(users)} ;;`,
          `  "get authentication/flows") printf '%s\\n' ${lines(fake.flows ?? ["browser", "direct grant"])} ;;`,
          `  "get authentication/flows/enclave-admin-browser/executions") printf '%s\\n' ${lines(executions)} ;;`,
          ...otp.map((c) => `  "get ${c}") printf 'password\\notp\\n' ;;`),
          '  "get users/"*) echo password ;;',
          "esac",
          "exit 0",
          "",
        ].join("\n"),
        { mode: 0o755 },
      );
      writeFileSync(join(dir, "keytool"), "#!/bin/bash\nexit 0\n", { mode: 0o755 });
      const runnable = script.replace(
        "KCADM=/opt/keycloak/bin/kcadm.sh",
        `KCADM=${join(dir, "kcadm.sh")}`,
      );
      expect(runnable).not.toBe(script);
      execFileSync("bash", ["-c", runnable], {
        env: {
          PATH: `${dir}:${process.env.PATH}`,
          HOME: dir,
          KC_SERVER: "https://idp.example",
          BOOTSTRAP_CLIENT_ID: "enclave-bootstrap-client",
          BOOTSTRAP_CLIENT_SECRET: "c",
          BOOTSTRAP_USERNAME: "enclave-bootstrap",
          BOOTSTRAP_PASSWORD: "b",
          DIFFGRAM_USERNAME: "diffgram",
          DIFFGRAM_PASSWORD: "d",
        },
        encoding: "utf8",
      });
      return readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => l.replace(/ --config \S+/g, ""));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("binds a browser flow with OTP required for every master-realm user (run against a stand-in kcadm)", () => {
    const calls = runWithFakeKcadm({ flows: ["browser", "direct grant"] });
    const flowCalls = calls.filter((c) => /authentication|browserFlow/.test(c));
    expect(flowCalls).toEqual([
      "update authentication/required-actions/CONFIGURE_TOTP -r master -s enabled=true",
      "get authentication/flows -r master --fields alias --format csv --noquotes",
      "create authentication/flows -r master -s alias=enclave-admin-browser -s providerId=basic-flow -s topLevel=true -s builtIn=false -s description=Cookie, or password then OTP, for every administrator",
      "create authentication/flows/enclave-admin-browser/executions/execution -r master -s provider=auth-cookie",
      "create authentication/flows/enclave-admin-browser/executions/flow -r master -s alias=enclave-admin-browser-forms -s type=basic-flow -s provider=registration-page-form",
      "create authentication/flows/enclave-admin-browser-forms/executions/execution -r master -s provider=auth-username-password-form",
      "create authentication/flows/enclave-admin-browser-forms/executions/execution -r master -s provider=auth-otp-form",
      ...[
        ["e1", "ALTERNATIVE"],
        ["e2", "ALTERNATIVE"],
        ["e3", "REQUIRED"],
        ["e4", "REQUIRED"],
      ].flatMap(([id, requirement]) => [
        "get authentication/flows/enclave-admin-browser/executions -r master --fields id,providerId,displayName --format csv --noquotes",
        `update authentication/flows/enclave-admin-browser/executions -r master -b {"id":"${id}","requirement":"${requirement}"}`,
      ]),
      "update realms/master -s browserFlow=enclave-admin-browser",
    ]);
    // The flow is bound after it is complete; the Diffgram account is still set up afterwards.
    const bound = calls.indexOf("update realms/master -s browserFlow=enclave-admin-browser");
    expect(calls.findIndex((c) => /add-roles .*--cclientid "?acme-realm/.test(c))).toBeGreaterThan(
      bound,
    );
  });

  it("creates the flow once, and puts the requirements back on every run", () => {
    const calls = runWithFakeKcadm({ flows: ["browser", "enclave-admin-browser"] });
    expect(calls.filter((c) => c.startsWith("create authentication"))).toEqual([]);
    expect(calls.filter((c) => /requirement/.test(c))).toHaveLength(4);
  });

  it("trusts only the internal CA and reads every credential from the environment", () => {
    expect(script).toContain("-file /etc/enclave/internal-ca/ca.crt");
    expect(script).toContain('--client "$BOOTSTRAP_CLIENT_ID" --secret "$BOOTSTRAP_CLIENT_SECRET"');
    expect(script).toContain('--new-password "$DIFFGRAM_PASSWORD"');
    expect(script).not.toMatch(/insecure|no-verify/i);
  });

  const loginCalls = (calls: string[]) => calls.filter((c) => c.startsWith("config credentials"));
  const SERVER = "--server https://idp.example --realm master";
  const ACTIONS = '["CONFIGURE_TOTP","UPDATE_PASSWORD","VERIFY_EMAIL"]';

  it("logs in as the bootstrap admin client, never as a bootstrap user, when the client exists", () => {
    const calls = runWithFakeKcadm();
    expect(loginCalls(calls)[0]).toBe(
      `config credentials ${SERVER} --client enclave-bootstrap-client --secret c`,
    );
    expect(calls.filter((c) => c.includes("--user enclave-bootstrap"))).toEqual([]);
    expect(calls.filter((c) => c.startsWith("create clients"))).toEqual([]);
  });

  it("on a master realm from an earlier version, logs in as the bootstrap user once and creates the client", () => {
    const calls = runWithFakeKcadm({ client: false, users: { "enclave-bootstrap": "b1" } });
    expect(calls.filter((c) => /enclave-bootstrap/.test(c) && !c.startsWith("get users"))).toEqual([
      `config credentials ${SERVER} --client enclave-bootstrap-client --secret c`,
      `config credentials ${SERVER} --user enclave-bootstrap --password b`,
      "create clients -r master -s clientId=enclave-bootstrap-client -s enabled=true -s publicClient=false -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false -s secret=c",
      "add-roles -r master --uusername service-account-enclave-bootstrap-client --rolename admin",
      `config credentials ${SERVER} --client enclave-bootstrap-client --secret c`,
    ]);
  });

  it("creates each named administrator once, with the admin role and first-login actions", () => {
    const calls = runWithFakeKcadm();
    expect(
      calls.filter(
        (c) =>
          c.startsWith("create users -r master -s username=alice") ||
          c.startsWith("create users -r master -s username=bob"),
      ),
    ).toEqual([
      `create users -r master -s username=alice -s email=alice@example.com -s enabled=true -s requiredActions=${ACTIONS}`,
      `create users -r master -s username=bob -s email=bob@example.com -s enabled=true -s requiredActions=${ACTIONS}`,
    ]);
    expect(calls.filter((c) => c.includes("--rolename admin"))).toEqual([
      "add-roles -r master --uusername alice --rolename admin",
      "add-roles -r master --uusername bob --rolename admin",
    ]);
  });

  it("leaves existing administrators alone except their role", () => {
    const calls = runWithFakeKcadm({ users: { alice: "a1", bob: "b2" } });
    expect(calls.filter((c) => /^create users -r master -s username=(alice|bob)/.test(c))).toEqual(
      [],
    );
    expect(calls.filter((c) => /users\/(a1|b2)/.test(c) && !c.includes("/credentials"))).toEqual(
      [],
    );
    expect(calls.filter((c) => c.includes("--rolename admin"))).toHaveLength(2);
  });

  it("disables the earlier bootstrap user only when a named administrator has OTP", () => {
    const users = { "enclave-bootstrap": "boot", alice: "a1", bob: "b2" };
    const disable = (calls: string[]) => calls.filter((c) => c.startsWith("update users/"));
    expect(disable(runWithFakeKcadm({ users }))).toEqual([]);
    expect(disable(runWithFakeKcadm({ users, otp: ["b2"] }))).toEqual([
      "update users/boot -r master -s enabled=false",
    ]);
    // No bootstrap user (a master realm bootstrapped with the client): nothing to disable.
    expect(disable(runWithFakeKcadm({ users: { alice: "a1" }, otp: ["a1"] }))).toEqual([]);
  });

  it("is valid bash without named administrators too (dev and staging may list none)", () => {
    const none = configureScript({
      realm: "acme",
      accessTokenLifespanSeconds: 300,
      ssoSessionIdleSeconds: 1800,
      ssoSessionMaxSeconds: 36000,
      eventsRetentionDays: 90,
      passwordMinLength: 14,
      admins: [],
    });
    expect(none).toContain("for entry in ; do");
    expect(() => execFileSync("bash", ["-n"], { input: none })).not.toThrow();
  });
});
