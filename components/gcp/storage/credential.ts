import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems } from "../shared/problems";
import type { StorageCredentialArgs } from "./credential-args";
import { ACCOUNT_ID, DIFFGRAM_BUCKET_ROLES, KEY, KEY_FILE } from "./credential-defaults";
import {
  activeSlot,
  currentPeriod,
  generationStart,
  KEY_SLOTS,
  slotGeneration,
  type KeySlot,
} from "./rotation";
import type { Problem } from "../../shared/problems";

/** Problems with the credential's arguments, on their own paths. Empty when valid. */
export function validateStorageCredentialArgs(args: StorageCredentialArgs): Problem[] {
  const problems: Problem[] = [];
  if (!ACCOUNT_ID.test(args.accountId)) {
    problems.push({
      path: "accountId",
      value: args.accountId,
      problem: "is not a service account id",
      fix: "use 6-30 lower-case letters, digits and hyphens, starting with a letter",
    });
  }
  const days = args.rotation.rotationDays;
  if (!Number.isInteger(days) || days < 2 || days > 90) {
    problems.push({
      path: "rotation.rotationDays",
      value: days,
      problem: "is outside 2-90 (CIS GCP 1.7: user-managed keys rotated within 90 days)",
      fix: "use a whole number of days from 2 to 90",
    });
  }
  if (Number.isNaN(args.rotation.now.getTime())) {
    problems.push({
      path: "rotation.now",
      value: String(args.rotation.now),
      problem: "is not a date",
      fix: "pass the deployment's clock, new Date()",
    });
  }
  return problems;
}

/**
 * Diffgram's Cloud Storage credential. Diffgram's GCS client always loads a service-account JSON
 * key file (from_service_account_json), so GKE Workload Identity cannot serve it. The least-bad
 * key: a dedicated service account that holds roles on the tenant bucket only (no project role, no
 * impersonation), with two keys that take turns on a schedule (./rotation.ts): each lives at most
 * `rotationDays`, and the Kubernetes Secret (`key.json`) holds the newer one. The private keys are
 * in the stack's state as Pulumi secrets, and in the Secret; gcp-serviceaccount-key-disallow-
 * user-managed flags both keys, which the stack accepts by a waiver (docs/gcp.md).
 */
export class StorageCredential extends pulumi.ComponentResource {
  public readonly serviceAccountEmail: pulumi.Output<string>;
  /** The IAM member of the account (`serviceAccount:<email>`). */
  public readonly member: pulumi.Output<string>;
  /** The slot whose key the Secret holds now. */
  public readonly activeSlot: KeySlot;
  /** The Platform's storage credentials: the Secret, in its operator-managed namespace. */
  public readonly platformCredentials: { readonly secretName: string; readonly namespace: string };

  constructor(name: string, args: StorageCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:StorageCredential", name, {}, opts);
    throwIfProblems("StorageCredential", name, validateStorageCredentialArgs(args), this);

    const account = new gcp.serviceaccount.Account(
      `${name}-sa`,
      {
        project: args.project,
        accountId: args.accountId,
        displayName: "enclave: Diffgram storage",
        description:
          "Diffgram's Cloud Storage client (JSON key). Roles on the tenant bucket only; keys rotated by enclave.",
      },
      { parent: this },
    );
    for (const role of DIFFGRAM_BUCKET_ROLES) {
      new gcp.storage.BucketIAMMember(
        `${name}-${role.split(".").pop()}`,
        { bucket: args.bucketName, role, member: account.member },
        { parent: this },
      );
    }

    const period = currentPeriod(args.rotation);
    const keys = {} as Record<KeySlot, gcp.serviceaccount.Key>;
    for (const slot of KEY_SLOTS) {
      const generation = slotGeneration(slot, period);
      keys[slot] = new gcp.serviceaccount.Key(
        `${name}-key-${slot}`,
        {
          serviceAccountId: account.name,
          keyAlgorithm: KEY.keyAlgorithm,
          privateKeyType: KEY.privateKeyType,
          // A change of any keeper replaces the key (the provider's ForceNew on keepers).
          keepers: {
            rotationDays: String(args.rotation.rotationDays),
            generation: String(generation),
            notBefore: generationStart(args.rotation.rotationDays, generation).toISOString(),
          },
        },
        { parent: this },
      );
    }
    this.activeSlot = activeSlot(period);

    const secret = new k8s.core.v1.Secret(
      `${name}-secret`,
      {
        metadata: {
          name: args.secret.name,
          namespace: args.secret.namespace,
          labels: { ...args.secret.labels },
          annotations: { "enclave.dev/key-slot": this.activeSlot },
        },
        type: "Opaque",
        // privateKey is the key file, base64-encoded: what a Secret's data holds.
        data: { [KEY_FILE]: pulumi.secret(keys[this.activeSlot].privateKey) },
      },
      { parent: this, provider: args.secret.provider },
    );

    this.serviceAccountEmail = account.email;
    this.member = account.member;
    this.platformCredentials = { secretName: args.secret.name, namespace: args.secret.namespace };
    this.registerOutputs({
      serviceAccountEmail: this.serviceAccountEmail,
      activeSlot: this.activeSlot,
      secretName: secret.metadata.name,
    });
  }
}
