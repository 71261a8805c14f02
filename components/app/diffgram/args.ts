import type * as pulumi from "@pulumi/pulumi";
import type { PlatformStorage } from "../../shared/platform";
import type { Sizing } from "../pod";
import type { Certificates } from "../tls/certificates";
import type { DiffgramService } from "./env";

/** Names of Diffgram's workloads (Deployments, Services, service accounts, certificates). */
export const workloadName = (s: DiffgramService | "frontend") => `diffgram-${s}`;

export interface DiffgramArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly domain: string;
  readonly realm: string;
  readonly images: {
    readonly default: string;
    readonly walrus: string;
    readonly eventhandlers: string;
    readonly frontend: string;
    /** The TLS client proxy beside each backend pod (rabbitmq/client-proxy.ts). */
    readonly rabbitmqProxy: string;
  };
  readonly replicas: {
    readonly default: number;
    readonly walrus: number;
    readonly frontend: number;
  };
  readonly sizing: Readonly<
    Record<
      "default" | "walrus" | "eventhandlers" | "frontend" | "trustBundle" | "rabbitmqProxy" | "job",
      Sizing
    >
  >;
  readonly signedUrlLifetimeSeconds: number;
  readonly storage: PlatformStorage;
  /** Service-account annotations of the cloud identity bound to each storage-using service. */
  readonly serviceAccountAnnotations: Readonly<
    Record<"default" | "walrus" | "eventhandlers", Readonly<Record<string, pulumi.Input<string>>>>
  >;
  /** postgresql+psycopg2 URL with sslmode and sslrootcert; a Pulumi secret (it holds the password). */
  readonly databaseUrl: pulumi.Input<string>;
  readonly secrets: {
    readonly secretKey: pulumi.Input<string>;
    readonly userPasswordsSecret: pulumi.Input<string>;
    readonly interServiceSecret: pulumi.Input<string>;
    readonly fernetKey: pulumi.Input<string>;
  };
  /**
   * The broker: its Service name (dialled and verified by each pod's proxy), the credentials
   * Secret, and whether the proxies present client certificates (mutual TLS).
   */
  readonly rabbitmq: {
    readonly host: pulumi.Input<string>;
    readonly secretName: string;
    readonly mutualTls: boolean;
  };
  readonly keycloak: { readonly secretName: string; readonly clusterIp: pulumi.Input<string> };
  readonly certificates: Certificates;
  /** Database bootstrap, Keycloak configuration, RabbitMQ: the services need them at start. */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** Problems with the Platform's storage for Diffgram, found before anything is created. */
export function validateDiffgramStorage(storage: PlatformStorage): string[] {
  if (storage.provider === "gcp" && storage.credentials === "workload-identity") {
    return [
      "Diffgram's GCS client always loads a JSON key (SERVICE_ACCOUNT_FULL_PATH), so Workload Identity alone cannot work. Fix: have the GCP target give storage.credentials a Secret with key.json",
    ];
  }
  if (
    storage.provider === "minio" &&
    (storage.credentials === "workload-identity" || storage.endpoint === undefined)
  ) {
    return [
      "an S3-compatible store needs an endpoint and access keys. Fix: give storage.endpoint and storage.credentials { secretName }",
    ];
  }
  return [];
}
