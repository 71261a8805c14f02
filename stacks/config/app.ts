import { z } from "zod";
import { IMAGE_NAMES, PINNED_IMAGE } from "../../components/app/images";
import { OTP_SCOPES } from "../../components/app/keycloak/realm";
import { federationSchema } from "./federation";

/**
 * Schema of `enclave:app`: settings of the app layer (the same on every target). Every field
 * is optional; an absent field takes the secure default listed in components/app/defaults.ts
 * (some depend on enclave:environment). Bounds are enforced here: a token or signed URL cannot be
 * configured to live longer than the kit allows. Messages are "<problem>. Fix: <fix>".
 */

export const TLS_MODES = ["cert-manager", "existing"] as const;
export const BUILTIN_ISSUERS = ["self-signed", "letsencrypt"] as const;

/** Upper bound of the signed-URL lifetime: URLs to annotation data must die quickly. */
export const MAX_SIGNED_URL_SECONDS = 3600;
/** Upper bound of the access-token lifespan (the issue's "access tokens <= 5 minutes"). */
export const MAX_ACCESS_TOKEN_SECONDS = 300;

const K8S_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,63}$/i;

const intIn = (what: string, min: number, max: number, example: number) =>
  z
    .number({ error: `is not a number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .int({ error: `is not a whole number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .min(min, { error: `is below ${min}. Fix: use ${min} to ${max}` })
    .max(max, { error: `is above ${max}. Fix: use ${min} to ${max}` });

const imageRef = z
  .string({ error: "is not a string. Fix: write the image reference quoted" })
  .regex(PINNED_IMAGE, {
    error:
      'is not an image pinned by digest. Fix: write <registry>/<repository>[:<tag>]@sha256:<64 hex>, e.g. "registry.example.com/diffgram/default:1.25.3@sha256:<digest>"',
  });

const imagesSchema = z
  .record(z.string(), imageRef, {
    error: `is not an object. Fix: write { <name>: <pinned image>, ... } with names among ${IMAGE_NAMES.join(", ")}`,
  })
  .superRefine((images, ctx) => {
    for (const name of Object.keys(images).filter(
      (n) => !(IMAGE_NAMES as readonly string[]).includes(n),
    )) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `is not an image the layer runs. Fix: use one of ${IMAGE_NAMES.join(", ")}`,
      });
    }
  })
  .transform((images) => images as Partial<Record<(typeof IMAGE_NAMES)[number], string>>);

const replicasSchema = z
  .object(
    {
      keycloak: intIn("the Keycloak replica count", 1, 5, 2).optional(),
      diffgramDefault: intIn("the API replica count", 1, 20, 2).optional(),
      diffgramWalrus: intIn("the walrus replica count", 1, 20, 1).optional(),
      diffgramFrontend: intIn("the frontend replica count", 1, 20, 2).optional(),
      traefik: intIn("the ingress controller replica count", 1, 10, 2).optional(),
    },
    {
      error:
        "is not an object. Fix: write { keycloak, diffgramDefault, diffgramWalrus, diffgramFrontend, traefik } (eventhandlers always runs one replica)",
    },
  )
  .strict();

const issuerSchema = z.union(
  [z.enum(BUILTIN_ISSUERS), z.object({ clusterIssuer: z.string().regex(K8S_NAME) }).strict()],
  {
    error:
      "is not a certificate issuer. Fix: write self-signed, letsencrypt, or { clusterIssuer: <ClusterIssuer name> }",
  },
);

const acmeSchema = z
  .object(
    {
      email: z
        .string({ error: "is not a string. Fix: write the ACME account e-mail" })
        .regex(EMAIL, {
          error:
            "is not an e-mail address. Fix: write the address Let's Encrypt sends expiry notices to",
        }),
      server: z
        .string()
        .regex(/^https:\/\/[^\s]+$/, {
          error: "is not an https URL. Fix: write the ACME directory URL",
        })
        .optional(),
      dns01: z.record(z.string(), z.unknown(), {
        error:
          "is not an object. Fix: write a cert-manager DNS-01 solver, e.g. { route53: { region: eu-west-1 } } (HTTP-01 cannot pass the allowlist)",
      }),
    },
    { error: "is not an object. Fix: write { email, server, dns01 }" },
  )
  .strict();

const tlsSchema = z
  .object(
    {
      mode: z
        .enum(TLS_MODES, { error: `is not a TLS mode. Fix: write ${TLS_MODES.join(" or ")}` })
        .optional(),
      issuer: issuerSchema.optional(),
      installCertManager: z
        .boolean({
          error:
            "is not true or false. Fix: write true to install cert-manager, false if the cluster has it",
        })
        .optional(),
      acme: acmeSchema.optional(),
      existingSecret: z
        .object(
          {
            name: z.string().regex(K8S_NAME, {
              error: "is not a Secret name. Fix: write the kubernetes.io/tls Secret's name",
            }),
            namespace: z.string().regex(DNS_LABEL, {
              error: "is not a namespace name. Fix: write the namespace holding the Secret",
            }),
          },
          {
            error: "is not an object. Fix: write { name, namespace } of a kubernetes.io/tls Secret",
          },
        )
        .strict()
        .optional(),
    },
    {
      error:
        "is not an object. Fix: write { mode, issuer, installCertManager, acme, existingSecret }, every field optional",
    },
  )
  .strict()
  .superRefine((tls, ctx) => {
    if (tls.mode === "existing" && tls.existingSecret === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["existingSecret"],
        message:
          "is required when mode is existing. Fix: name the kubernetes.io/tls Secret covering the domain and idp.<domain>, as { name, namespace }",
      });
    }
    if (tls.mode !== "existing" && tls.existingSecret !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["existingSecret"],
        message: "is only read when mode is existing. Fix: remove it, or set mode: existing",
      });
    }
    if (tls.issuer === "letsencrypt" && tls.acme === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["acme"],
        message:
          "is required with the letsencrypt issuer. Fix: write { email, dns01: <cert-manager DNS-01 solver> }; HTTP-01 cannot pass the allowlisted load balancer",
      });
    }
  });

/** Shell-safe on purpose: the configuration job's script names the administrators literally. */
const ADMIN_USERNAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ADMIN_EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$/;

const adminSchema = z
  .object(
    {
      username: z
        .string({ error: "is not a string. Fix: write the administrator's user name, e.g. alice" })
        .regex(ADMIN_USERNAME, {
          error:
            "is not a user name. Fix: use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. alice",
        }),
      email: z
        .string({ error: "is not a string. Fix: write the administrator's e-mail address" })
        .regex(ADMIN_EMAIL, {
          error:
            "is not an e-mail address. Fix: write name@domain with letters, digits and ._%+- only, e.g. alice@example.com",
        }),
    },
    { error: "is not an object. Fix: write { username, email }" },
  )
  .strict();

const keycloakSchema = z
  .object(
    {
      accessTokenLifespanSeconds: intIn(
        "the access-token lifespan in seconds",
        60,
        MAX_ACCESS_TOKEN_SECONDS,
        300,
      ).optional(),
      ssoSessionIdleSeconds: intIn("the SSO idle timeout in seconds", 300, 28800, 1800).optional(),
      ssoSessionMaxSeconds: intIn(
        "the SSO maximum lifetime in seconds",
        900,
        86400,
        36000,
      ).optional(),
      eventsRetentionDays: intIn("the event retention in days", 1, 3650, 90).optional(),
      passwordMinLength: intIn("the minimum password length", 12, 128, 14).optional(),
      requirePkce: z
        .boolean({
          error:
            "is not true or false. Fix: write true (PKCE S256 required) or false (accept the unpatched Diffgram login, which sends no PKCE)",
        })
        .optional(),
      otp: z
        .enum(OTP_SCOPES, {
          error:
            "is not an OTP scope. Fix: write all (every user, the default) or administrators (members of the administrator role only; flagged by the packs)",
        })
        .optional(),
      admins: z
        .array(adminSchema, {
          error:
            "is not a list. Fix: write a YAML list of { username, email } (the named master-realm administrators)",
        })
        .superRefine((list, ctx) => {
          const seen = new Set<string>();
          list.forEach((a, i) => {
            if (seen.has(a.username)) {
              ctx.addIssue({
                code: "custom",
                path: [i, "username"],
                message: "is listed twice. Fix: name each administrator once",
              });
            }
            seen.add(a.username);
          });
        })
        .optional(),
      federation: federationSchema.optional(),
    },
    {
      error:
        "is not an object. Fix: write { accessTokenLifespanSeconds, ssoSessionIdleSeconds, ssoSessionMaxSeconds, eventsRetentionDays, passwordMinLength, requirePkce, otp, admins, federation }",
    },
  )
  .strict()
  .superRefine((kc, ctx) => {
    if (
      kc.ssoSessionIdleSeconds !== undefined &&
      kc.ssoSessionMaxSeconds !== undefined &&
      kc.ssoSessionIdleSeconds > kc.ssoSessionMaxSeconds
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["ssoSessionIdleSeconds"],
        message: `is above ssoSessionMaxSeconds (${kc.ssoSessionMaxSeconds}). Fix: keep the idle timeout at or below the maximum lifetime`,
      });
    }
  });

const subjectName = z.string().min(1, {
  error: "is empty. Fix: write the group or user name as your cluster's authenticator reports it",
});

export const appSchema = z
  .object(
    {
      images: imagesSchema.optional(),
      replicas: replicasSchema.optional(),
      signedUrlLifetimeSeconds: intIn(
        "the signed-URL lifetime in seconds",
        60,
        MAX_SIGNED_URL_SECONDS,
        900,
      ).optional(),
      tls: tlsSchema.optional(),
      keycloak: keycloakSchema.optional(),
      operators: z
        .object(
          {
            groups: z
              .array(subjectName, { error: "is not a list. Fix: write a YAML list of group names" })
              .optional(),
            users: z
              .array(subjectName, { error: "is not a list. Fix: write a YAML list of user names" })
              .optional(),
          },
          {
            error:
              "is not an object. Fix: write { groups: [...], users: [...] } (the tenant's operators)",
          },
        )
        .strict()
        .optional(),
      storageClassName: z
        .string({ error: "is not a string. Fix: write the StorageClass name" })
        .regex(K8S_NAME, {
          error:
            "is not a StorageClass name. Fix: write the name as `kubectl get storageclass` shows it",
        })
        .optional(),
      rabbitmqStorageGi: intIn("the RabbitMQ volume size in GiB", 1, 1000, 8).optional(),
      rabbitmqMutualTls: z
        .boolean({
          error:
            "is not true or false. Fix: write true (Diffgram's pods present client certificates from the internal CA and RabbitMQ requires them) or false (the default: the broker is verified, clients log in by password only)",
        })
        .optional(),
    },
    {
      error:
        'is not an object. Fix: write a YAML mapping of the layer settings (see docs/app-layer.md, "Configuration")',
    },
  )
  .strict();

export type AppConfig = z.infer<typeof appSchema>;
export type AppTlsConfig = z.infer<typeof tlsSchema>;
export type AppKeycloakConfig = z.infer<typeof keycloakSchema>;
