import type { defaultReplicas } from "./defaults";
import type { ImageName } from "./images";
import type { MasterAdmin } from "./keycloak/configure.sh";
import type { OtpScope } from "./keycloak/realm";
import type { FederationSettings } from "./keycloak/federation";

export type IssuerChoice = "self-signed" | "letsencrypt" | { readonly clusterIssuer: string };

export interface AcmeSettings {
  readonly email: string;
  readonly server?: string;
  readonly dns01: Readonly<Record<string, unknown>>;
}

export type TlsSettings =
  | {
      readonly mode: "cert-manager";
      /** Undefined: the Platform's choice (`platform.ingress.tls.issuer`). */
      readonly issuer?: IssuerChoice;
      readonly acme?: AcmeSettings;
      /** Undefined: the Platform's `ingress.certManager` (install where the target says it is absent). */
      readonly installCertManager?: boolean;
    }
  | {
      readonly mode: "existing";
      readonly secret: { readonly name: string; readonly namespace: string };
      readonly installCertManager?: boolean;
    };

/** The layer's settings, every default applied. */
export interface LayerSettings {
  readonly namespace: string;
  /** The tenant's Keycloak realm (also Diffgram's KEYCLOAK_REALM). */
  readonly realm: string;
  readonly images: Readonly<Record<ImageName, string>>;
  readonly replicas: ReturnType<typeof defaultReplicas>;
  readonly signedUrlLifetimeSeconds: number;
  readonly tls: TlsSettings;
  readonly keycloak: {
    readonly accessTokenLifespanSeconds: number;
    readonly ssoSessionIdleSeconds: number;
    readonly ssoSessionMaxSeconds: number;
    readonly eventsRetentionDays: number;
    readonly passwordMinLength: number;
    readonly requirePkce: boolean;
    readonly otp: OtpScope;
    /** Named master-realm administrators (required in prod). */
    readonly admins: readonly MasterAdmin[];
    /** Corporate identity: an upstream broker and/or LDAP / AD (none by default). */
    readonly federation?: FederationSettings;
  };
  /** The federation upstreams' secrets (Pulumi secrets), when federation needs them. */
  readonly federationCredentials?: {
    readonly brokerClientSecret?: import("@pulumi/pulumi").Input<string>;
    readonly ldapBindCredential?: import("@pulumi/pulumi").Input<string>;
  };
  readonly operators: { readonly groups: readonly string[]; readonly users: readonly string[] };
  readonly storageClassName?: string;
  readonly rabbitmqStorageGi: number;
  /** Diffgram's RabbitMQ connections present client certificates; the broker requires them. */
  readonly rabbitmqMutualTls: boolean;
}

/** Names the layer derives from the tenant. */
export const namespaceOf = (tenant: string) => `enclave-${tenant}`;
