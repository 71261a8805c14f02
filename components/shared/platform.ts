import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Where the footprint is built: `kubernetes` is an existing cluster reached by kubeconfig. */
export const CLOUDS = ["aws", "gcp", "kubernetes"] as const;
/** Drives sizing and high availability, never encryption or deletion protection. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
/** Tenancy: one install, a client's own resources, or the client's own bucket and key. */
export const ISOLATIONS = ["shared", "dedicated", "client-hosted"] as const;

export type Cloud = (typeof CLOUDS)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type Isolation = (typeof ISOLATIONS)[number];

/**
 * The client's own store, by reference (isolation client-hosted): the client creates the bucket
 * (and, where the store has one, the key) and can revoke the kit's access. Which fields a target
 * uses, and must be given, is that target's `ClientStoreUse`; the others are refused, never ignored.
 */
export interface ClientStore {
  readonly bucketName: string;
  /** The client's KMS key that encrypts the bucket (AWS: the app's role is granted it). */
  readonly kmsKeyArn?: string;
  /** S3-compatible endpoint (https://host[:port]) of the client's store. */
  readonly endpoint?: string;
  /** The region the store signs requests for. */
  readonly region?: string;
  /** Where the client's store listens, for the NetworkPolicies of the pods that use it. */
  readonly cidrs?: readonly string[];
  /** Secret (in the target's secrets namespace) with the access keys the client issued. */
  readonly credentialsSecretName?: string;
}

/** What a target does with `ClientStore`: each field it needs with how to fill it, and those it may take. */
export interface ClientStoreUse {
  /** How messages name the target, e.g. "AWS", "an existing cluster". */
  readonly target: string;
  /** Field -> the fix that says what to put there. */
  readonly required: Readonly<Partial<Record<keyof ClientStore, string>>>;
  readonly optional?: readonly (keyof ClientStore)[];
  /** Field -> why this target cannot use it (the fix of the "would be ignored" problem). */
  readonly refused?: Readonly<Partial<Record<keyof ClientStore, string>>>;
}

export interface Allowlist {
  /** CIDRs that reach the cluster API and the identity provider's admin plane. Never empty. */
  readonly admin: readonly string[];
  /** CIDRs that reach the annotation app. May be empty (app closed). */
  readonly users: readonly string[];
}

/**
 * The cloud-neutral contract between a target (aws, gcp, kubernetes) and the app layer.
 * A target builds the footprint (network, keys, cluster, bucket, database, identities) and returns
 * a Platform; the app layer consumes only this, so a new cloud is one new target.
 */
export interface Platform {
  readonly cloud: Cloud;
  readonly environment: Environment;
  readonly tenant: string;
  readonly isolation: Isolation;
  /** App FQDN; the identity provider is at `idp.<domain>`. */
  readonly domain: string;
  readonly allowlist: Allowlist;

  /** Provider for every Kubernetes object of the layer (the target's cluster). */
  readonly kubernetesProvider: k8s.Provider;

  readonly storage: PlatformStorage;
  readonly database: PlatformDatabase;
  readonly ingress: PlatformIngress;
  /**
   * Kubernetes groups the target maps its operators' cloud identities to (EKS access entries of
   * enclave:aws.tenantOperatorRoleArns). The layer binds them, with enclave:app.operators, to the
   * tenant-operator Role in the tenant namespace; [] where the target maps none.
   */
  readonly operatorGroups: readonly string[];

  /**
   * Grants a Kubernetes service account a cloud identity limited to `access`. Returns the
   * annotations to put on the service account (IRSA role ARN, GKE service account email);
   * empty when the binding is made on the cloud side only (EKS Pod Identity) or when the target
   * has no workload identity (existing cluster: credentials come from `storage.credentials`).
   * Targets create the cloud-side resources (roles, bindings) as children of their component.
   *
   * App layer note: Diffgram's images pin boto3 1.16 (botocore 1.19), which understands IRSA
   * (AWS_WEB_IDENTITY_TOKEN_FILE) but predates EKS Pod Identity; bind `tenant-storage` with IRSA.
   */
  bindServiceAccount(request: ServiceAccountBinding): WorkloadIdentity;
}

export interface ServiceAccountBinding {
  /** Logical name for the cloud-side resources, e.g. `diffgram-default`. */
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** What the identity may do. `none` creates nothing (Keycloak, RabbitMQ). */
  readonly access: "tenant-storage" | "database-bootstrap" | "none";
}

export interface WorkloadIdentity {
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface PlatformStorage {
  /** How Diffgram talks to the store (`DIFFGRAM_STATIC_STORAGE_PROVIDER`). */
  readonly provider: "aws" | "gcp" | "minio";
  readonly bucketName: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  /** S3-compatible endpoint URL for MinIO-like stores; undefined for the cloud's own store. */
  readonly endpoint?: pulumi.Input<string>;
  /** The key that encrypts the bucket (ARN or Cloud KMS id); informational for the layer. */
  readonly kmsKeyId?: pulumi.Input<string>;
  /**
   * `workload-identity`: the app's pods get credentials from `bindServiceAccount` (no keys).
   * Otherwise a Kubernetes Secret the operator created in the tenant namespace, holding
   * `accessKeyId` and `secretAccessKey` (or, for GCP, `key.json`). With `namespace`, the Secret
   * lives in that (operator-managed) namespace and the layer copies it into the tenant namespace.
   */
  readonly credentials:
    | "workload-identity"
    | {
        readonly secretName: string;
        readonly namespace?: string;
        /**
         * What creates the Secret in `namespace` when the target does (the GCP target's storage
         * key): the layer's copy reads it only after that exists.
         */
        readonly createdBy?: pulumi.Resource;
      };
  /** Origins allowed by the bucket's CORS rules (the app's URL). */
  readonly corsOrigins: readonly string[];
  /**
   * Where the store listens, for the NetworkPolicies of the pods that use it (e.g. the subnets of
   * an S3 interface endpoint, or the MinIO servers). Required: there is no "any address" fallback,
   * so no pod gets egress to the internet to reach its store.
   */
  readonly network: { readonly cidrs: readonly string[]; readonly port: number };
}

export interface PlatformDatabase {
  readonly engine: "postgres";
  readonly host: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  /** libpq sslmode the clients must use; never weaker than `verify-full` on a cloud target. */
  readonly sslMode: "verify-full" | "verify-ca";
  /** PEM bundle of the CA that signs the server certificate (e.g. the RDS regional bundle). */
  readonly caBundlePem: pulumi.Input<string>;
  /**
   * Where the server listens, for the NetworkPolicies of the pods that use it (e.g. the database
   * subnets). Absent: the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
   */
  readonly cidrs?: readonly string[];
  /**
   * Where the administrator credentials live, for the in-cluster bootstrap Job that creates the
   * per-application databases and roles. Never a plain value in Pulumi state. The secret's value
   * is JSON `{"username": ..., "password": ...}` (the RDS-managed master secret's shape); a
   * Kubernetes Secret holds the keys `username` and `password`, and the layer copies it into the
   * tenant namespace when `namespace` differs.
   */
  readonly adminCredentials:
    | { readonly kind: "aws-secrets-manager"; readonly secretArn: pulumi.Input<string> }
    | { readonly kind: "gcp-secret-manager"; readonly secretId: pulumi.Input<string> }
    | {
        readonly kind: "kubernetes-secret";
        readonly secretName: string;
        readonly namespace: string;
      };
  /**
   * Where the bootstrap Job runs when not in the tenant namespace: a namespace the platform owns
   * (a shared server's), whose service account holds the identity that reads `adminCredentials`.
   * The layer then creates no identity, service account or admin-credential copy for the Job, and
   * nothing in the tenant namespace names the administrator's credentials; the Job, its script, CA
   * and the apps' logins (copies) go to that namespace under names carrying the tenant. Absent:
   * the Job runs in the tenant namespace, with an identity the layer asks the target for.
   */
  readonly bootstrap?: DatabaseBootstrapPlacement;
}

/** A platform-owned place for the database bootstrap Job (PlatformDatabase.bootstrap). */
export interface DatabaseBootstrapPlacement {
  readonly namespace: string;
  readonly serviceAccountName: string;
}

export interface PlatformIngress {
  /** CIDRs of the cluster's pod and node networks (for NetworkPolicies and metadata blocking). */
  readonly clusterCidrs: readonly string[];
  /** Addresses of the cloud metadata endpoints that pods must never reach. */
  readonly metadataCidrs: readonly string[];
  /** Annotations for the ingress controller's LoadBalancer Service on this cloud. */
  readonly loadBalancerAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Addresses of the Kubernetes API server (the ingress controller watches Ingresses), on 443 and
   * 6443. Required: there is no "any address" fallback.
   */
  readonly kubernetesApiCidrs: readonly string[];
  /**
   * Where the cloud's secret store API is reached on 443 (e.g. the subnets of the Secrets Manager
   * interface endpoint), for the database bootstrap Job. Required when
   * `database.adminCredentials` is in the cloud's secret store; unused otherwise.
   */
  readonly cloudApiCidrs?: readonly string[];
  /**
   * Endpoints that pods with a bound cloud identity must reach to obtain credentials (the EKS Pod
   * Identity agent 169.254.170.23/32:80, the GKE metadata server 169.254.169.254/32:80). Allowed
   * only for those pods; everything in `metadataCidrs` stays blocked for all others.
   */
  readonly identityEndpoints?: readonly { readonly cidr: string; readonly port: number }[];
  /**
   * cert-manager on this cluster: `install` (a cluster the target built: the layer installs the
   * pinned chart) or `present` (the operator's cluster already runs it). The layer's
   * `tls.installCertManager` setting overrides it.
   */
  readonly certManager: "install" | "present";
  /**
   * How TLS certificates are obtained: cert-manager with an ACME or CA issuer the layer creates,
   * or certificates the cloud terminates (not used by the kit's targets today).
   */
  readonly tls: {
    readonly kind: "cert-manager";
    readonly issuer: "letsencrypt" | "self-signed" | { readonly existingClusterIssuer: string };
  };
}
