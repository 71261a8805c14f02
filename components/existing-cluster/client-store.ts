import type { ClientStoreUse } from "../shared/platform";

/**
 * The client's store on an existing cluster: an S3-compatible endpoint reached with access keys the
 * client issued (kept in a Secret of the operator's secrets namespace). Revoking those keys cuts the
 * kit off. The key that encrypts the bucket is the client's own default encryption on its side:
 * the kit neither chooses nor can verify it through access keys, so `kmsKeyArn` is refused here
 * rather than recorded as if it were honoured.
 */
export const EXISTING_CLUSTER_CLIENT_STORE: ClientStoreUse = {
  target: "an existing cluster",
  required: {
    bucketName: "write the name of the bucket the client created for you",
    endpoint: 'write the client\'s store URL, e.g. "https://s3.client.example.com"',
    cidrs: 'list the addresses the client\'s store listens on, e.g. ["192.0.2.40/32"]',
    credentialsSecretName:
      "name the Secret (in the secrets namespace) holding the accessKeyId and secretAccessKey the client issued",
  },
  optional: ["region"],
  refused: {
    kmsKeyArn:
      "remove it: with access keys the kit cannot choose or verify the key of the client's bucket; the client sets it as the bucket's default encryption (docs/security-model.md)",
  },
};
