import { z } from "zod";
import { cidrBlock, cidrBlockList } from "./cidr";

/**
 * Schema of `enclave:kubernetes`: the existing-cluster target (`enclave:cloud: kubernetes`). The
 * cluster is reached by kubeconfig; PostgreSQL and an S3-compatible store are the operator's, and
 * their credentials stay in Kubernetes Secrets of `secretsNamespace` (never in the stack file).
 * TLS verification is required on both connections: there is no setting to turn it off.
 * Messages are "<problem>. Fix: <fix>", as in keys.ts.
 */

export const DATABASE_SSL_MODES = ["verify-full", "verify-ca"] as const;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A CIDR block that is not a share of the internet (the rule of cidr.ts, with this key's message). */
const cidrSchema = cidrBlock(
  'admits every address. Fix: list only the networks meant, e.g. "203.0.113.10/32"',
);

const secretName = (what: string) =>
  z
    .string({ error: `is not a string. Fix: name the Kubernetes Secret that holds ${what}` })
    .regex(DNS_SUBDOMAIN, {
      error: `is not a Kubernetes object name. Fix: name the Secret that holds ${what} in lower case, e.g. "enclave-postgres"`,
    });

const cidrList = (what: string) =>
  cidrBlockList(
    z
      .array(cidrSchema, {
        error: `is not a list. Fix: write a YAML list of CIDR blocks (${what})`,
      })
      .min(1, { error: `is empty. Fix: list ${what}, e.g. ["203.0.113.10/32"]` }),
  );

const port = z
  .number({ error: "is not a number. Fix: write the TCP port as a whole number, e.g. 5432" })
  .int({ error: "is not a whole number. Fix: write the TCP port as a whole number, e.g. 5432" })
  .min(1, { error: "is not a TCP port. Fix: use 1 to 65535" })
  .max(65535, { error: "is not a TCP port. Fix: use 1 to 65535" });

export const existingDatabaseSchema = z
  .object(
    {
      host: z
        .string({
          error:
            'is not a string. Fix: write the server\'s DNS name, e.g. "postgres.db.example.com"',
        })
        .regex(HOSTNAME, {
          error:
            'is not a host name. Fix: write the DNS name in the server certificate, e.g. "postgres.db.example.com" (verify-full checks it)',
        }),
      port: port.optional(),
      sslMode: z
        .enum(DATABASE_SSL_MODES, {
          error:
            "is not a verifying TLS mode. Fix: write verify-full (default; checks the certificate and the host name) or verify-ca; modes that skip verification are not supported",
        })
        .optional(),
      cidrs: cidrList("the addresses the PostgreSQL server listens on"),
      adminSecretName: secretName("the PostgreSQL administrator's username, password and ca.crt"),
    },
    {
      error:
        "is not an object. Fix: write { host, port, sslMode, cidrs, adminSecretName } (see docs/existing-cluster.md)",
    },
  )
  .strict();

export const existingObjectStoreSchema = z
  .object(
    {
      endpoint: z
        .string({
          error:
            'is not a string. Fix: write the store\'s HTTPS URL, e.g. "https://minio.example.com:9000"',
        })
        .superRefine((value, ctx) => {
          let url: URL | undefined;
          try {
            url = new URL(value);
          } catch {
            url = undefined;
          }
          if (
            !url ||
            url.protocol !== "https:" ||
            url.pathname.replace(/\/$/, "") !== "" ||
            url.search ||
            url.username
          ) {
            ctx.addIssue({
              code: "custom",
              message:
                'is not an https:// URL of a host and optional port. Fix: write e.g. "https://minio.example.com:9000"; plain http and TLS without verification are not supported',
            });
          }
        }),
      bucket: z.string({ error: "is not a string. Fix: write the bucket name" }).regex(S3_BUCKET, {
        error: "is not a bucket name. Fix: use 3-63 lower-case letters, digits, dots and hyphens",
      }),
      region: z
        .string({ error: 'is not a string. Fix: write the store\'s region, e.g. "us-east-1"' })
        .regex(REGION, {
          error:
            'is not a region name. Fix: write the region the store signs requests for, e.g. "us-east-1"',
        })
        .optional(),
      cidrs: cidrList("the addresses the object store listens on"),
      credentialsSecretName: secretName("accessKeyId and secretAccessKey"),
    },
    {
      error:
        "is not an object. Fix: write { endpoint, bucket, region, cidrs, credentialsSecretName } (see docs/existing-cluster.md)",
    },
  )
  .strict();

export const existingClusterSchema = z
  .object(
    {
      context: z
        .string({ error: "is not a string. Fix: write the kubeconfig context name" })
        .min(1, {
          error:
            "is empty. Fix: write the kubeconfig context name, or remove the key to use the current context",
        })
        .optional(),
      kubeconfigPath: z
        .string({ error: "is not a string. Fix: write the path of the kubeconfig file" })
        .min(1, {
          error:
            "is empty. Fix: write the path of the kubeconfig file, or remove the key to use $KUBECONFIG",
        })
        .optional(),
      secretsNamespace: z
        .string({
          error: "is not a string. Fix: name the namespace that holds the connection Secrets",
        })
        .regex(DNS_LABEL, {
          error: 'is not a namespace name. Fix: use a DNS label such as "enclave-system"',
        }),
      clusterCidrs: cidrList("the cluster's pod and service ranges"),
      // Required: Traefik's egress to the API server names these addresses, never "any address".
      apiServerCidrs: cidrList(
        "the addresses of the Kubernetes API server (kubectl get endpoints kubernetes -n default)",
      ),
      metadataCidrs: cidrBlockList(
        z.array(cidrSchema, {
          error: "is not a list. Fix: write a YAML list of CIDR blocks pods must never reach",
        }),
      ).optional(),
      loadBalancerAnnotations: z
        .record(
          z.string(),
          z.string({ error: "is not a string. Fix: quote the annotation value" }),
          {
            error:
              "is not a mapping. Fix: write { <annotation>: <value> } for the ingress LoadBalancer Service",
          },
        )
        .optional(),
      database: existingDatabaseSchema,
      objectStore: existingObjectStoreSchema,
    },
    {
      error:
        "is not an object. Fix: write the existing-cluster settings { context, secretsNamespace, clusterCidrs, apiServerCidrs, database, objectStore, ... } (see docs/existing-cluster.md)",
    },
  )
  .strict();

export type ExistingClusterConfig = z.infer<typeof existingClusterSchema>;
export type ExistingDatabaseConfig = z.infer<typeof existingDatabaseSchema>;
export type ExistingObjectStoreConfig = z.infer<typeof existingObjectStoreSchema>;
