import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRoot, toJson } from "../shared/iam";
import { withPurpose } from "../shared/tags";
import type { EncryptionKeyArgs } from "./args";
import { KEY_DEFAULTS } from "./defaults";
import { keyPolicy } from "./policy";
import { validateEncryptionKeyArgs } from "./validate";

/**
 * A customer-managed KMS key for one purpose of one tenant, with its alias. Rotation on, 30-day
 * deletion window, a policy separating administrators from users, protected from deletion.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  public readonly keyArn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;
  public readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:EncryptionKey", name, {}, opts);
    const problems = validateEncryptionKeyArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }

    const administrators =
      args.administrators.length > 0 ? args.administrators : [accountRoot(args.arn)];
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: args.description,
        ...KEY_DEFAULTS,
        policy: toJson(keyPolicy(administrators, args.users)),
        tags: withPurpose(args.tags, args.purpose),
      },
      { parent: this, protect: true },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: args.aliasName, targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
