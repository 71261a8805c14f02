import { z } from "zod";
import { cidrBlock, cidrBlockList } from "./cidr";
import { awsSchema } from "./aws";
import { gcpSchema } from "./gcp";
import { clientHostedSchema } from "./client-hosted";
import { appSchema } from "./app";
import { existingClusterSchema } from "./existing-cluster";
import { platformStackSchema, STACK_ROLES } from "./tenancy";
import { CLOUDS, ENVIRONMENTS, ISOLATIONS } from "../../components/shared/platform";
import {
  CLASSIFICATIONS,
  DEFAULT_CLASSIFICATION,
  OWNER_PATTERN,
} from "../../components/shared/classification";
import { validateAllowlist } from "../../components/shared/validate";
// enclave:policy and enclave:waivers are read by the offline reviewer: its schemas, one rule.
import { policyConfigSchema, waiversSchema } from "../../review/contract";

export { ENFORCEMENT_LEVELS } from "../../review/contract";
export { policyConfigSchema };

/**
 * The stack-config keys of namespace `enclave`, each with its schema, default and documentation.
 * This table is the single source of truth: the parser, the configuration table in
 * docs/configuration.md (checked by a test) and Pulumi.yaml's `config:` block all follow it.
 *
 * Schema messages are written as "<problem>. Fix: <fix>"; parse.ts adds the key and the value.
 */
export const NAMESPACE = "enclave";

export { CLASSIFICATIONS, CLOUDS, ENVIRONMENTS, ISOLATIONS };

const oneOf = (what: string, values: readonly string[]) =>
  `is not a supported ${what}. Fix: set it to one of ${values.join(", ")}`;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const FQDN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const cidrSchema = cidrBlock(
  "admits the whole internet. Fix: list only the networks that must have access; enclave never opens to everyone",
);

export const allowlistSchema = z
  .object(
    {
      admin: cidrBlockList(
        z
          .array(cidrSchema, {
            error: 'is not a list. Fix: write a YAML list of CIDR blocks, e.g. ["198.51.100.0/24"]',
          })
          // The contract's own rule (components/shared/validate.ts), run here for the config.
          .superRefine((admin, ctx) => {
            for (const p of validateAllowlist({ admin, users: [] })) {
              ctx.addIssue({ code: "custom", message: `${p.problem}. Fix: ${p.fix}` });
            }
          }),
      ),
      users: cidrBlockList(
        z.array(cidrSchema, {
          error:
            "is not a list. Fix: write a YAML list of CIDR blocks, or [] to keep the app closed",
        }),
      ),
    },
    {
      error: "is not an object. Fix: write { admin: [<CIDR>, ...], users: [<CIDR>, ...] }",
    },
  )
  .strict();

export interface KeySpec {
  /** Schema of the parsed value (after JSON decoding for objects). */
  readonly schema: z.ZodType;
  readonly required: boolean;
  /** Default when the key is absent, shown in the docs. */
  readonly default?: unknown;
  /** One line for docs/configuration.md and Pulumi.yaml. */
  readonly description: string;
  /** Value shape is an object or list (stored as JSON by Pulumi). */
  readonly structured: boolean;
  /** Must be set as a Pulumi secret (`pulumi config set --secret`); a plain value is refused. */
  readonly secret?: boolean;
}

const secretString = (what: string) =>
  z
    .string({ error: `is not a string. Fix: set ${what} as a string secret` })
    .min(1, { error: `is empty. Fix: set ${what}` });

export const KEYS = {
  cloud: {
    schema: z.enum(CLOUDS, { error: oneOf("cloud", CLOUDS) }),
    required: true,
    structured: false,
    description:
      "Where the footprint is built: aws, gcp, or kubernetes (an existing cluster reached by kubeconfig).",
  },
  environment: {
    schema: z.enum(ENVIRONMENTS, { error: oneOf("environment", ENVIRONMENTS) }),
    required: true,
    structured: false,
    description:
      "dev, staging or prod: drives sizing and high availability, never encryption or deletion protection.",
  },
  tenant: {
    schema: z
      .string()
      .min(1, { error: 'is empty. Fix: name the client with a DNS label such as "acme"' })
      .max(20, {
        error: "is longer than 20 characters. Fix: use a shorter DNS label (1-20 characters)",
      })
      .regex(DNS_LABEL, {
        error:
          'is not a DNS label. Fix: use lower-case letters, digits and inner hyphens only, e.g. "acme-labs"',
      }),
    required: true,
    structured: false,
    description:
      'The client this stack serves, a DNS label of 1-20 characters; "shared" for a multi-project install.',
  },
  isolation: {
    schema: z.enum(ISOLATIONS, { error: oneOf("isolation level", ISOLATIONS) }),
    required: true,
    structured: false,
    description:
      "shared, dedicated or client-hosted (the client's own bucket and KMS key, revocable by the client).",
  },
  domain: {
    schema: z.string().superRefine((value, ctx) => {
      const labels = value.split(".");
      const ok =
        value.length <= 253 &&
        labels.length >= 2 &&
        labels.every((l) => FQDN_LABEL.test(l)) &&
        /^[a-z]{2,63}$/.test(labels[labels.length - 1] ?? "");
      if (!ok) {
        ctx.addIssue({
          code: "custom",
          message:
            'is not a fully qualified domain name. Fix: use a lower-case name such as "annotate.example.com", without scheme, port, path or trailing dot',
        });
      }
    }),
    required: true,
    structured: false,
    description: "FQDN of the app; the identity provider is served at idp.<domain>.",
  },
  allowlist: {
    schema: allowlistSchema,
    required: true,
    structured: true,
    description:
      "{ admin: CIDR[], users: CIDR[] }: admin reaches the cluster API and the IdP admin plane, users reach the app. Never 0.0.0.0/0 or ::/0; admin must not be empty.",
  },
  stackRole: {
    schema: z.enum(STACK_ROLES, { error: oneOf("stack role", STACK_ROLES) }),
    required: false,
    default: "tenant",
    structured: false,
    description:
      "platform (the network, the cluster and the shared add-ons, no tenant app; AWS or GCP) or tenant (the app of enclave:tenant, on its own cluster or, with enclave:platformStack, on a platform stack's).",
  },
  platformStack: {
    schema: platformStackSchema,
    required: false,
    structured: false,
    description:
      "Tenant stacks only: the platform stack whose cluster the tenant takes, by StackReference (a stack name, or org/project/stack). Without it the tenant builds its own cluster.",
  },
  classification: {
    schema: z.enum(CLASSIFICATIONS, { error: oneOf("data classification", CLASSIFICATIONS) }),
    required: false,
    default: DEFAULT_CLASSIFICATION,
    structured: false,
    description:
      "The tenant data's classification, tagged on every stateful resource and listed with each data store in the stack output dataStores: internal, confidential or restricted.",
  },
  owner: {
    schema: z
      .string({
        error: 'is not a string. Fix: name the accountable owner, e.g. "acme-data-governance"',
      })
      .regex(OWNER_PATTERN, {
        error:
          'is not a valid owner. Fix: use 1-63 lower-case letters, digits, "-" or "_", starting and ending with a letter or digit (it is an AWS tag, a GCP label and a Kubernetes label value), e.g. "acme-data-governance"',
      }),
    required: false,
    structured: false,
    description:
      "Who answers for the tenant's data (a team or role, as a label value), tagged on every stateful resource; default: the tenant.",
  },
  aws: {
    schema: awsSchema,
    required: false,
    default: {},
    structured: true,
    description:
      "AWS target settings (only with enclave:cloud aws), every field optional with a secure default: vpcCidr, availabilityZones, nat, ingressScheme, publicApiEndpoint, kubernetesVersion, node*, clusterAdminPrincipals (required in prod), clusterAdminSsoRoleArns, clusterAdminRoleArns, tenantOperatorRoleArns, kmsAdminRoleArns, database, objectLock, objectOwnership, logRetentionDays (also the audit trail's retention), guardDuty, ... (docs/aws.md).",
  },
  gcp: {
    schema: gcpSchema,
    required: false,
    default: {},
    structured: true,
    description:
      "GCP target settings (only with enclave:cloud gcp), every field optional with a secure default: subnetCidr, podsCidr, servicesCidr, controlPlaneCidr, airGapped, publicEndpoint, keyProtectionLevel, logRetentionDays, noncurrentVersionRetentionDays, bucketRetention, and on a platform stack tenantImageRepositories (docs/gcp.md). The project and region are gcp:project and gcp:region.",
  },
  clientHosted: {
    schema: clientHostedSchema,
    required: false,
    structured: true,
    description:
      "The client's own store, by reference. Required when enclave:isolation is client-hosted, and only then. AWS: { bucketName, kmsKeyArn }; existing cluster: { bucketName, endpoint, region, cidrs, credentialsSecretName } (the access keys the client issued, in a Secret of secretsNamespace). Fields a target does not use are refused.",
  },
  kubernetes: {
    schema: existingClusterSchema,
    required: false,
    structured: true,
    description:
      "Existing-cluster target settings (required with enclave:cloud kubernetes, and only then): { context, kubeconfigPath, secretsNamespace, clusterCidrs, apiServerCidrs, metadataCidrs, loadBalancerAnnotations, database: { host, port, sslMode, cidrs, adminSecretName }, objectStore: { endpoint, bucket, region, cidrs, credentialsSecretName } (not with client-hosted) } (docs/existing-cluster.md).",
  },
  app: {
    schema: appSchema,
    required: false,
    structured: true,
    description:
      "App layer settings, every field optional with a secure default: images, replicas, signedUrlLifetimeSeconds (<= 3600), tls, keycloak, operators, storageClassName, rabbitmqStorageGi, rabbitmqMutualTls (docs/app-layer.md).",
  },
  brokerClientSecret: {
    schema: secretString("the client secret the upstream OIDC provider issued"),
    required: false,
    structured: false,
    secret: true,
    description:
      "The client secret of the upstream OIDC identity provider (enclave:app.keycloak.federation.broker, kind oidc): required with it, refused without it, and only as a Pulumi secret.",
  },
  ldapBindCredential: {
    schema: secretString("the LDAP bind account's password"),
    required: false,
    structured: false,
    secret: true,
    description:
      "The password of enclave:app.keycloak.federation.ldap.bindDn: required with LDAP federation, refused without it, and only as a Pulumi secret.",
  },
  policy: {
    schema: policyConfigSchema,
    required: false,
    default: {},
    structured: true,
    description:
      "Policy-pack configuration, as in a --policy-pack-config file: { all | <policy-name>: <level> | { enforcementLevel, <property>: value } }. Read by the offline reviewer.",
  },
  waivers: {
    schema: waiversSchema,
    required: false,
    default: [],
    structured: true,
    description:
      "Accepted risks: [{ policy, resource (logical name or URN), justification, expires: YYYY-MM-DD }]. The reviewer lists waived findings apart; an expired waiver is a violation.",
  },
} satisfies Record<string, KeySpec>;

export type KeyName = keyof typeof KEYS;
