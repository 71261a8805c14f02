import { z } from "zod";
import { KMS_KEY_ARN, S3_BUCKET_NAME } from "./aws";
import { cidrList, secretName, storeEndpointSchema, storeRegionSchema } from "./existing-cluster";

/**
 * Schema of `enclave:clientHosted`: the client's own store, by reference (isolation client-hosted).
 * Every field's format is checked here; which fields a target needs, and which it refuses, is the
 * tenancy rule of the Platform contract (components/shared/validate.ts, run in component-checks.ts):
 * AWS takes { bucketName, kmsKeyArn }; an existing cluster takes { bucketName, endpoint, region,
 * cidrs, credentialsSecretName }. Messages are "<problem>. Fix: <fix>", as in keys.ts.
 */
export const clientHostedSchema = z
  .object(
    {
      bucketName: z.string().regex(S3_BUCKET_NAME, {
        error:
          "is not a bucket name. Fix: write the client's bucket name (3-63 lower-case letters, digits, dots, hyphens), without s3:// or a path",
      }),
      kmsKeyArn: z
        .string()
        .regex(KMS_KEY_ARN, {
          error:
            'is not a KMS key ARN. Fix: write the full key ARN the client gave you, e.g. "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not an alias)',
        })
        .optional(),
      endpoint: storeEndpointSchema.optional(),
      region: storeRegionSchema.optional(),
      cidrs: cidrList("the addresses the client's store listens on").optional(),
      credentialsSecretName: secretName(
        "the accessKeyId and secretAccessKey the client issued",
      ).optional(),
    },
    {
      error:
        "is not an object. Fix: write { bucketName, kmsKeyArn } on AWS, { bucketName, endpoint, cidrs, credentialsSecretName } on an existing cluster (docs/configuration.md)",
    },
  )
  .strict();

export type ClientHostedConfig = z.infer<typeof clientHostedSchema>;
