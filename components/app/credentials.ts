import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * Every secret the layer needs, generated per stack with @pulumi/random and kept as Pulumi secrets
 * (encrypted in state). Nothing here has a default or a value from configuration: Diffgram's public
 * defaults (SECRET_KEY "secret_key", the published FERNET_KEY, admin/admin, ...) are never used.
 * The values reach pods only through Kubernetes Secrets and secretKeyRef.
 */
export class LayerCredentials extends pulumi.ComponentResource {
  /** Flask session signing key (SECRET_KEY). */
  public readonly secretKey: pulumi.Output<string>;
  /** Salt of the non-OIDC login cookie (USER_PASSWORDS_SECRET). */
  public readonly userPasswordsSecret: pulumi.Output<string>;
  /** Token of default -> walrus calls (INTER_SERVICE_SECRET). */
  public readonly interServiceSecret: pulumi.Output<string>;
  /** Fernet key for connection secrets in the DB: 32 random bytes, URL-safe base64 (FERNET_KEY). */
  public readonly fernetKey: pulumi.Output<string>;
  public readonly diffgramDbPassword: pulumi.Output<string>;
  public readonly keycloakDbPassword: pulumi.Output<string>;
  public readonly rabbitmqPassword: pulumi.Output<string>;
  /** The bootstrap user of earlier versions (master realm; the upgrade path logs in with it once). */
  public readonly keycloakBootstrapPassword: pulumi.Output<string>;
  /** Keycloak's bootstrap admin service-account client (the configuration job's login). */
  public readonly keycloakBootstrapClientSecret: pulumi.Output<string>;
  /** The master-realm account Diffgram logs in with (KEY_CLOAK_MASTER_PASSWORD). */
  public readonly diffgramKeycloakAdminPassword: pulumi.Output<string>;
  /** The tenant-realm user Diffgram creates and resets at start (KEY_CLOAK_DIFFGRAM_PASSWORD). */
  public readonly diffgramRealmUserPassword: pulumi.Output<string>;
  /** Secret of the confidential OIDC client `diffgram`. */
  public readonly oidcClientSecret: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:LayerCredentials", name, {}, opts);
    // Letters and digits only: the values go into URLs (DATABASE_URL) and shell-free configs
    // unescaped; 48 characters of [A-Za-z0-9] carry ~285 bits.
    const password = (role: string) =>
      new random.RandomPassword(`${name}-${role}`, { length: 48, special: false }, { parent: this })
        .result;
    this.secretKey = password("secret-key");
    this.userPasswordsSecret = password("user-passwords-secret");
    this.interServiceSecret = password("inter-service-secret");
    this.diffgramDbPassword = password("diffgram-db");
    this.keycloakDbPassword = password("keycloak-db");
    this.rabbitmqPassword = password("rabbitmq");
    this.keycloakBootstrapPassword = password("keycloak-bootstrap");
    this.keycloakBootstrapClientSecret = password("keycloak-bootstrap-client");
    this.diffgramKeycloakAdminPassword = password("diffgram-keycloak-admin");
    this.diffgramRealmUserPassword = password("diffgram-realm-user");
    this.oidcClientSecret = password("oidc-client");
    const fernet = new random.RandomBytes(`${name}-fernet-key`, { length: 32 }, { parent: this });
    this.fernetKey = pulumi.secret(fernet.base64.apply(toUrlSafeBase64));
    this.registerOutputs({});
  }
}

/** Standard base64 to the URL-safe alphabet Fernet expects (padding kept: 44 characters). */
export function toUrlSafeBase64(b64: string): string {
  return b64.replace(/\+/g, "-").replace(/\//g, "_");
}
