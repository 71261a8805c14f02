import { z } from "zod";
import { isCidrProblem, parseCidr } from "../../components/shared/cidr";
import { KEY_PROTECTION_LEVELS } from "../../components/gcp/settings";
import { RELEASE_CHANNELS, SECURITY_POSTURE_MODES } from "../../components/gcp/cluster/defaults";

/**
 * Schema of `enclave:gcp` (the GCP target's settings). Every field is optional: an absent field
 * takes the secure default of components/gcp/settings.ts (the bucket retention depends on
 * enclave:environment). The project and region stay in the provider's own keys, `gcp:project`
 * and `gcp:region`. Range sizes, privacy and overlaps are the network component's rules
 * (components/gcp/network/validate.ts), run by component-checks.ts on the resolved ranges.
 * Messages are "<problem>. Fix: <fix>", as in keys.ts.
 */

const oneOf = (what: string, values: readonly string[]) =>
  `is not a supported ${what}. Fix: set it to one of ${values.join(", ")}`;

const intIn = (what: string, min: number, max: number, example: number) =>
  z
    .number({ error: `is not a number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .int({ error: `is not a whole number. Fix: write ${what} as a whole number, e.g. ${example}` })
    .min(min, { error: `is below ${min}. Fix: use ${min} to ${max}` })
    .max(max, { error: `is above ${max}. Fix: use ${min} to ${max}` });

const rangeSchema = (example: string) =>
  z
    .string({ error: `is not a string. Fix: write the range as a quoted CIDR, e.g. "${example}"` })
    .superRefine((value, ctx) => {
      const parsed = parseCidr(value);
      if (isCidrProblem(parsed)) {
        ctx.addIssue({ code: "custom", message: `${parsed.problem}. Fix: ${parsed.fix}` });
      }
    });

const bool = (fix: string) => z.boolean({ error: `is not true or false. Fix: ${fix}` });

export const bucketRetentionSchema = z
  .object(
    {
      days: intIn("the retention in days", 1, 36500, 30),
      locked: bool(
        "write true (nobody can shorten or remove the policy, the prod default) or false",
      ),
    },
    {
      error:
        "is not an object. Fix: write { days: <1-36500>, locked: true | false }, false to keep no retention policy (an opt-out in prod), or remove the key for the environment's default",
    },
  )
  .strict();

/** `false` (no retention policy: an opt-out in prod) or the policy. */
const bucketRetentionOrOffSchema = z
  .custom<false | z.infer<typeof bucketRetentionSchema>>()
  .superRefine((value, ctx) => {
    if (value === false) {
      return;
    }
    const parsed = bucketRetentionSchema.safeParse(value);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
    }
  });

/** Overrides of the node pool's environment defaults; min <= max is the component's rule. */
const nodesSchema = z
  .object(
    {
      machineType: z
        .string({ error: 'is not a string. Fix: write a machine type, e.g. "e2-standard-4"' })
        .regex(/^[a-z][a-z0-9]*-[a-z0-9-]+$/, {
          error: 'is not a Compute Engine machine type. Fix: write e.g. "e2-standard-4"',
        })
        .optional(),
      minNodesPerZone: intIn("the minimum nodes per zone", 1, 100, 1).optional(),
      maxNodesPerZone: intIn("the maximum nodes per zone", 1, 100, 3).optional(),
      diskSizeGb: intIn("the boot disk size in GB", 20, 65536, 100).optional(),
    },
    {
      error:
        "is not an object. Fix: write { machineType, minNodesPerZone, maxNodesPerZone, diskSizeGb } (each optional), or remove the key for the environment's default",
    },
  )
  .strict();

/** `<registry host>/<repository path>`: at least one path segment, never a whole registry. */
const IMAGE_REPOSITORY = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?(\/[a-z0-9._-]+)+$/;

const tenantImageRepositoriesSchema = z.array(
  z
    .string({
      error:
        'is not a string. Fix: write the repository as <registry>/<path>, e.g. "europe-west1-docker.pkg.dev/acme-annotate/mirror"',
    })
    .regex(IMAGE_REPOSITORY, {
      error:
        'is not a repository of a registry. Fix: write <registry host>/<repository path> without a tag, digest or wildcard (never a registry alone), e.g. "europe-west1-docker.pkg.dev/acme-annotate/mirror"',
    }),
  {
    error:
      'is not a list. Fix: list the repositories the tenants\' images come from, e.g. ["europe-west1-docker.pkg.dev/acme-annotate/mirror"]',
  },
);

export const gcpSchema = z
  .object(
    {
      subnetCidr: rangeSchema("10.60.0.0/20").optional(),
      podsCidr: rangeSchema("10.64.0.0/14").optional(),
      servicesCidr: rangeSchema("10.68.0.0/20").optional(),
      controlPlaneCidr: rangeSchema("172.16.0.16/28").optional(),
      airGapped: bool(
        "write true (no Cloud NAT, no internet route, Google APIs through restricted.googleapis.com only) or false (egress through Cloud NAT, the default)",
      ).optional(),
      publicEndpoint: bool(
        "write false (the control plane is reached from private networks only, the default) or true (also a public endpoint, limited to enclave:allowlist.admin)",
      ).optional(),
      keyProtectionLevel: z
        .enum(KEY_PROTECTION_LEVELS, {
          error: oneOf("Cloud KMS protection level", KEY_PROTECTION_LEVELS),
        })
        .optional(),
      logRetentionDays: intIn("the days logs are kept", 30, 3650, 365).optional(),
      noncurrentVersionRetentionDays: intIn(
        "the days to keep overwritten object versions",
        1,
        3650,
        90,
      ).optional(),
      bucketRetention: bucketRetentionOrOffSchema.optional(),
      databaseRangeCidr: rangeSchema("10.72.0.0/20").optional(),
      // CIS GCP 1.7: user-managed service account keys rotated within 90 days.
      keyRotationDays: intIn("the days a Diffgram storage key lives", 2, 90, 90).optional(),
      releaseChannel: z
        .enum(RELEASE_CHANNELS, { error: oneOf("GKE release channel", RELEASE_CHANNELS) })
        .optional(),
      securityPosture: z
        .enum(SECURITY_POSTURE_MODES, {
          error: oneOf("GKE security posture tier", SECURITY_POSTURE_MODES),
        })
        .optional(),
      nodes: nodesSchema.optional(),
      // A platform stack's only: Binary Authorization admits every image under these.
      tenantImageRepositories: tenantImageRepositoriesSchema.optional(),
    },
    {
      error:
        'is not an object. Fix: write a YAML mapping of the GCP settings (see docs/gcp.md, "Configuration")',
    },
  )
  .strict();

export type GcpConfig = z.infer<typeof gcpSchema>;
