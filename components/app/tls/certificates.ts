import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Platform } from "../../shared/platform";
import {
  CERT_MANAGER,
  INTERNAL_CA_DURATION,
  INTERNAL_CERT_DURATION,
  INTERNAL_CERT_RENEW_BEFORE,
  LETSENCRYPT_SERVER,
} from "../defaults";
import type { ImageName } from "../images";
import { workloadLabels } from "../pod";
import type { PeerAddresses } from "../network-policies/peers";
import type { AcmeSettings, IssuerChoice, TlsSettings } from "../settings";
import { CertManager } from "../cert-manager/cert-manager";

export const CERT_MANAGER_API = "cert-manager.io/v1";
/** Secret of the certificate for `<domain>` and `idp.<domain>`, served by the ingress. */
export const PUBLIC_TLS_SECRET = "public-tls";
/**
 * The tenant's internal CA: its Certificate, Secret (key included) and ClusterIssuer share this
 * name, in cert-manager's cluster resource namespace, which no workload's account can read.
 */
export const internalCaName = (tenant: string) => `enclave-${tenant}-internal-ca`;
/**
 * The Secret in the tenant namespace whose `ca.crt` is the internal CA's certificate, which pods
 * mount (ca.crt only) to trust in-cluster servers. It is a certificate cert-manager issues from the
 * CA (every issued Secret carries the issuer's ca.crt); its own key pair names no host and serves
 * no purpose, and nothing mounts it.
 */
export const INTERNAL_CA_TRUST = "internal-ca-trust";
/**
 * Where a ClusterIssuer of type CA reads its Secret: cert-manager's --cluster-resource-namespace,
 * which upstream's chart sets to its own namespace. When the layer installs cert-manager that is
 * CERT_MANAGER.namespace; a cluster's own cert-manager must use the same.
 */
export const CLUSTER_RESOURCE_NAMESPACE = CERT_MANAGER.namespace;

/** The key of an internal server certificate (cert-manager's privateKey.algorithm and size). */
export interface InternalKey {
  readonly algorithm: "ECDSA" | "RSA";
  readonly size: number;
}
export const INTERNAL_KEY_ECDSA: InternalKey = { algorithm: "ECDSA", size: 256 };
/** RSA 3072 (NIST SP 800-57: 128-bit security, like P-256). */
export const INTERNAL_KEY_RSA: InternalKey = { algorithm: "RSA", size: 3072 };

export interface CertificatesArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly domain: string;
  readonly tls: TlsSettings;
  /** The Platform's issuer, used when `tls.issuer` is unset. */
  readonly platformIssuer: Platform["ingress"]["tls"]["issuer"];
  readonly installCertManager: boolean;
  readonly images: Readonly<Record<ImageName, string>>;
  /** For the NetworkPolicies of the cert-manager namespace (when installed here). */
  readonly networkAddresses: PeerAddresses;
}

/** The issuer actually used for the public certificate, or a reason why none can be. */
export function publicIssuer(
  args: Pick<CertificatesArgs, "tls" | "platformIssuer">,
): IssuerChoice | undefined {
  if (args.tls.mode !== "cert-manager") {
    return undefined;
  }
  const chosen = args.tls.issuer;
  if (chosen !== undefined) {
    return chosen;
  }
  const platform = args.platformIssuer;
  return typeof platform === "string"
    ? platform
    : { clusterIssuer: platform.existingClusterIssuer };
}

/** Problems that stop the layer before it creates anything. */
export function validateCertificates(
  args: Pick<CertificatesArgs, "tls" | "platformIssuer">,
): string[] {
  const issuer = publicIssuer(args);
  if (args.tls.mode === "cert-manager" && issuer === "letsencrypt" && args.tls.acme === undefined) {
    return [
      "the public certificate comes from Let's Encrypt (the platform's default issuer) but tls.acme is not set. Fix: set tls.acme to { email, dns01: <cert-manager DNS-01 solver> } (HTTP-01 cannot pass the allowlisted load balancer), or choose tls.issuer self-signed or { clusterIssuer }",
    ];
  }
  return [];
}

/**
 * Certificates for the tenant: cert-manager (optionally installed here, as typed objects with pinned images),
 * the tenant's internal CA for in-cluster TLS, and the public certificate for the app and IdP hosts
 * from the chosen issuer (or copied from an existing Secret).
 */
export class Certificates extends pulumi.ComponentResource {
  public readonly publicTlsSecretName: string = PUBLIC_TLS_SECRET;
  /** The Secret whose ca.crt pods trust; it holds no CA key. */
  public readonly internalCaSecretName: string = INTERNAL_CA_TRUST;
  /** What the in-cluster certificates and issuers depend on (the installed cert-manager, if any). */
  private readonly certManagerReady: pulumi.Resource[];
  private readonly internalIssuer: pulumi.Resource;
  private readonly internalIssuerRef: { group: string; kind: string; name: string };
  private readonly namespace: pulumi.Input<string>;
  private readonly tenant: string;
  private readonly baseName: string;

  constructor(name: string, args: CertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Certificates", name, {}, opts);
    const problems = validateCertificates(args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    this.namespace = args.namespace;
    this.tenant = args.tenant;
    this.baseName = name;
    const labels = workloadLabels(args.tenant, "certificates");

    this.certManagerReady = args.installCertManager ? [this.installCertManager(name, args)] : [];
    const after = { parent: this, dependsOn: this.certManagerReady };

    // Internal CA: a self-signed root (5 years) that issues the in-cluster server certificates.
    // Its key lives in cert-manager's cluster resource namespace, behind a ClusterIssuer, so the
    // tenant namespace (where workloads and their operators are) never holds it. A namespaced CA
    // Issuer would read its Secret from its own namespace and could sign only there (Certificates
    // reference an Issuer of their own namespace), so a CA outside the tenant namespace must be a
    // ClusterIssuer.
    const caName = internalCaName(args.tenant);
    const caNs = CLUSTER_RESOURCE_NAMESPACE;
    const bootstrap = new k8s.apiextensions.CustomResource(
      `${name}-selfsigned`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Issuer",
        metadata: { name: `enclave-${args.tenant}-selfsigned`, namespace: caNs, labels },
        spec: { selfSigned: {} },
      },
      after,
    );
    const ca = new k8s.apiextensions.CustomResource(
      `${name}-internal-ca-cert`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Certificate",
        metadata: { name: caName, namespace: caNs, labels },
        spec: {
          isCA: true,
          commonName: `enclave ${args.tenant} internal CA`,
          secretName: caName,
          duration: INTERNAL_CA_DURATION,
          privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
          issuerRef: {
            group: "cert-manager.io",
            kind: "Issuer",
            name: `enclave-${args.tenant}-selfsigned`,
          },
        },
      },
      { ...after, dependsOn: [...this.certManagerReady, bootstrap] },
    );
    this.internalIssuer = new k8s.apiextensions.CustomResource(
      `${name}-internal-ca`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "ClusterIssuer",
        metadata: { name: caName, labels },
        spec: { ca: { secretName: caName } },
      },
      { ...after, dependsOn: [...this.certManagerReady, ca] },
    );
    this.internalIssuerRef = { group: "cert-manager.io", kind: "ClusterIssuer", name: caName };
    // The trust anchor for pods: the CA certificate, as the ca.crt of a certificate issued from it.
    new k8s.apiextensions.CustomResource(
      `${name}-internal-ca-trust`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Certificate",
        metadata: { name: INTERNAL_CA_TRUST, namespace: args.namespace, labels },
        spec: {
          secretName: INTERNAL_CA_TRUST,
          // A URI name only: it matches no host name, so its key could not serve TLS for any.
          uris: [`urn:enclave:${args.tenant}:internal-ca-trust`],
          duration: INTERNAL_CERT_DURATION,
          renewBefore: INTERNAL_CERT_RENEW_BEFORE,
          privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
          usages: ["digital signature"],
          issuerRef: this.internalIssuerRef,
        },
      },
      { parent: this, dependsOn: [...this.certManagerReady, this.internalIssuer] },
    );

    if (args.tls.mode === "existing") {
      const source = k8s.core.v1.Secret.get(
        `${name}-existing-source`,
        `${args.tls.secret.namespace}/${args.tls.secret.name}`,
        { parent: this },
      );
      new k8s.core.v1.Secret(
        `${name}-public`,
        {
          metadata: { name: PUBLIC_TLS_SECRET, namespace: args.namespace, labels },
          type: "kubernetes.io/tls",
          data: pulumi.secret(source.data),
        },
        { parent: this },
      );
    } else {
      const issuer = publicIssuer(args)!;
      const issuerRef =
        issuer === "self-signed"
          ? this.internalIssuerRef
          : issuer === "letsencrypt"
            ? {
                group: "cert-manager.io",
                kind: "Issuer",
                name: this.letsEncrypt(name, args, args.tls.acme!).name,
              }
            : { group: "cert-manager.io", kind: "ClusterIssuer", name: issuer.clusterIssuer };
      new k8s.apiextensions.CustomResource(
        `${name}-public`,
        {
          apiVersion: CERT_MANAGER_API,
          kind: "Certificate",
          metadata: { name: PUBLIC_TLS_SECRET, namespace: args.namespace, labels },
          spec: {
            secretName: PUBLIC_TLS_SECRET,
            dnsNames: [args.domain, `idp.${args.domain}`],
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
            issuerRef,
          },
        },
        { ...after, dependsOn: [...this.certManagerReady, this.internalIssuer] },
      );
    }
    this.registerOutputs({
      publicTlsSecretName: this.publicTlsSecretName,
      internalCaSecretName: this.internalCaSecretName,
    });
  }

  /**
   * A server certificate from the internal CA, in Secret `<name>-tls`; ECDSA P-256 unless a server
   * whose clients cannot use ECDSA asks for RSA (RabbitMQ: Diffgram's client offers RSA suites only).
   */
  public internalCertificate(
    name: string,
    dnsNames: pulumi.Input<string>[],
    privateKey: InternalKey = INTERNAL_KEY_ECDSA,
  ): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
      `${this.baseName}-${name}`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Certificate",
        metadata: {
          name: `${name}-tls`,
          namespace: this.namespace,
          labels: workloadLabels(this.tenant, name),
        },
        spec: {
          secretName: `${name}-tls`,
          dnsNames,
          duration: INTERNAL_CERT_DURATION,
          renewBefore: INTERNAL_CERT_RENEW_BEFORE,
          privateKey: { ...privateKey, rotationPolicy: "Always" },
          usages: ["server auth", "digital signature"],
          issuerRef: this.internalIssuerRef,
        },
      },
      { parent: this, dependsOn: [...this.certManagerReady, this.internalIssuer] },
    );
  }

  /**
   * A client certificate from the internal CA, in Secret `<name>-tls` (ECDSA P-256, `client auth`
   * only, so it can serve no TLS server), named by a URI that says whose it is. Rotated by
   * cert-manager like the server certificates.
   */
  public clientCertificate(name: string): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
      `${this.baseName}-${name}`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Certificate",
        metadata: {
          name: `${name}-tls`,
          namespace: this.namespace,
          labels: workloadLabels(this.tenant, name),
        },
        spec: {
          secretName: `${name}-tls`,
          commonName: name,
          uris: [`urn:enclave:${this.tenant}:client:${name}`],
          duration: INTERNAL_CERT_DURATION,
          renewBefore: INTERNAL_CERT_RENEW_BEFORE,
          privateKey: { ...INTERNAL_KEY_ECDSA, rotationPolicy: "Always" },
          usages: ["client auth", "digital signature"],
          issuerRef: this.internalIssuerRef,
        },
      },
      { parent: this, dependsOn: [...this.certManagerReady, this.internalIssuer] },
    );
  }

  private letsEncrypt(name: string, args: CertificatesArgs, acme: AcmeSettings): { name: string } {
    new k8s.apiextensions.CustomResource(
      `${name}-letsencrypt`,
      {
        apiVersion: CERT_MANAGER_API,
        kind: "Issuer",
        metadata: {
          name: "letsencrypt",
          namespace: args.namespace,
          labels: workloadLabels(args.tenant, "certificates"),
        },
        spec: {
          acme: {
            email: acme.email,
            server: acme.server ?? LETSENCRYPT_SERVER,
            privateKeySecretRef: { name: "letsencrypt-account" },
            solvers: [{ dns01: acme.dns01 }],
          },
        },
      },
      { parent: this, dependsOn: this.certManagerReady },
    );
    return { name: "letsencrypt" };
  }

  private installCertManager(name: string, args: CertificatesArgs): pulumi.Resource {
    const issuer = publicIssuer(args);
    return new CertManager(
      `${name}-cert-manager`,
      {
        tenant: args.tenant,
        images: {
          controller: args.images.certManagerController,
          webhook: args.images.certManagerWebhook,
          cainjector: args.images.certManagerCainjector,
          acmesolver: args.images.certManagerAcmesolver,
        },
        networkAddresses: args.networkAddresses,
        outboundHttps: issuer !== undefined && issuer !== "self-signed",
      },
      { parent: this },
    );
  }
}
