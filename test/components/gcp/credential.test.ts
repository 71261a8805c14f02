import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyWaivers, parseWaivers } from "../../../review/waivers";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  named,
  ofType,
  runProgram,
  setGcpMocks,
  type Loose,
} from "../../helpers/gcp-target-mocks";

type Storage = typeof import("../../../components/gcp/storage");
let storage: Storage;
let k8s: typeof import("@pulumi/kubernetes");

beforeAll(async () => {
  await setGcpMocks();
  storage = await import("../../../components/gcp/storage");
  k8s = await import("@pulumi/kubernetes");
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** 90-day rotation: 45-day periods. 2026-12-04 falls in period 462 (even: slot a renewed last). */
const NOW = new Date("2026-12-04T18:00:00Z");
const BUCKET = "enclave-acme-prod-data-x1";
const EMAIL = `enclave-acme-prod-dg@${PROJECT}.iam.gserviceaccount.com`;
const KEY = "gcp:serviceaccount/key:Key";

type Args = import("../../../components/gcp/storage").StorageCredentialArgs;
const build = (over: { rotationDays?: number; now?: Date; accountId?: string } = {}) =>
  runProgram(() => {
    const provider = new k8s.Provider("gke", { kubeconfig: "{}" });
    const args: Args = {
      project: PROJECT,
      accountId: over.accountId ?? "enclave-acme-prod-dg",
      bucketName: BUCKET,
      rotation: { rotationDays: over.rotationDays ?? 90, now: over.now ?? NOW },
      secret: {
        provider,
        namespace: "enclave-system",
        name: "diffgram-gcs-key",
        labels: { "app.kubernetes.io/part-of": "enclave" },
      },
    };
    return new storage.StorageCredential("acme-gcs", args);
  });
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** The Secret's key.json: its value, and whether the engine received it as a secret. */
function keyFile(resources: Loose[]): { secret: boolean; value: string } {
  let data = named(resources, "kubernetes:core/v1:Secret", "acme-gcs-secret").inputs.data;
  let secret = false;
  while (data && typeof data === "object" && SECRET_SIG in data) {
    secret = true;
    data = data.value;
  }
  let file = data["key.json"];
  while (file && typeof file === "object" && SECRET_SIG in file) {
    secret = true;
    file = file.value;
  }
  return { secret, value: file };
}
const keepers = (resources: Loose[], slot: string) =>
  named(resources, KEY, `acme-gcs-key-${slot}`).inputs.keepers;

describe("StorageCredential", () => {
  it("is a dedicated service account granted Diffgram's roles on the tenant bucket only", async () => {
    const { resources, result } = await build();
    expect(
      named(resources, "gcp:serviceaccount/account:Account", "acme-gcs-sa").inputs,
    ).toMatchObject({
      project: PROJECT,
      accountId: "enclave-acme-prod-dg",
    });
    const grants = ofType(resources, "gcp:storage/bucketIAMMember:BucketIAMMember");
    expect(grants.map((g) => g.inputs)).toEqual([
      { bucket: BUCKET, role: "roles/storage.objectUser", member: `serviceAccount:${EMAIL}` },
      {
        bucket: BUCKET,
        role: "roles/storage.legacyBucketReader",
        member: `serviceAccount:${EMAIL}`,
      },
    ]);
    // No project, folder or service-account IAM: the key reaches this bucket and nothing else.
    expect(resources.filter((r) => /IAM|Iam/.test(r.type)).length).toBe(2);
    expect(result.platformCredentials).toEqual({
      secretName: "diffgram-gcs-key",
      namespace: "enclave-system",
    });
  });

  it("makes two Google-generated JSON keys and puts the newer one in the Secret as key.json", async () => {
    const { resources, result } = await build();
    const keys = ofType(resources, KEY);
    expect(keys.map((k) => k.name)).toEqual(["acme-gcs-key-a", "acme-gcs-key-b"]);
    for (const k of keys) {
      expect(k.inputs).toMatchObject({
        serviceAccountId: `projects/${PROJECT}/serviceAccounts/${EMAIL}`,
        keyAlgorithm: "KEY_ALG_RSA_2048",
        privateKeyType: "TYPE_GOOGLE_CREDENTIALS_FILE",
      });
      expect(k.inputs.publicKeyData).toBeUndefined();
    }
    // Period 462 (even): slot a was renewed on 2026-12-03, slot b on 2026-10-19.
    expect(keepers(resources, "a")).toEqual({
      rotationDays: "90",
      generation: "462",
      notBefore: "2026-12-03T00:00:00.000Z",
    });
    expect(keepers(resources, "b")).toEqual({
      rotationDays: "90",
      generation: "461",
      notBefore: "2026-10-19T00:00:00.000Z",
    });
    expect(result.activeSlot).toBe("a");

    const secret = named(resources, "kubernetes:core/v1:Secret", "acme-gcs-secret");
    expect(secret.inputs.metadata).toEqual({
      name: "diffgram-gcs-key",
      namespace: "enclave-system",
      labels: { "app.kubernetes.io/part-of": "enclave" },
      annotations: { "enclave.dev/key-slot": "a" },
    });
    const data = keyFile(resources);
    expect(data.secret).toBe(true);
    const file = JSON.parse(Buffer.from(data.value, "base64").toString("utf8"));
    expect(file.type).toBe("service_account");
    expect(file.client_email).toBe(EMAIL);
    expect(data.value).toBe(named(resources, KEY, "acme-gcs-key-a").state.privateKey);
    expect(data.value).not.toBe(named(resources, KEY, "acme-gcs-key-b").state.privateKey);
  });

  it("rotates on schedule: a new period replaces one key and switches the Secret to it", async () => {
    const before = (await build()).resources;
    const next = (await build({ now: new Date(NOW.getTime() + 45 * DAY_MS) })).resources;
    // Slot b is renewed (its keepers change, so the provider replaces the key); slot a stays.
    expect(keepers(next, "b")).toEqual({
      rotationDays: "90",
      generation: "463",
      notBefore: "2027-01-17T00:00:00.000Z",
    });
    expect(keepers(next, "a")).toEqual(keepers(before, "a"));
    const secretOf = (rs: Loose[]) => named(rs, "kubernetes:core/v1:Secret", "acme-gcs-secret");
    expect(secretOf(before).inputs.metadata.annotations).toEqual({ "enclave.dev/key-slot": "a" });
    expect(secretOf(next).inputs.metadata.annotations).toEqual({ "enclave.dev/key-slot": "b" });
    expect(keyFile(next).value).toBe(named(next, KEY, "acme-gcs-key-b").state.privateKey);
    // Within a period nothing changes.
    const later = (await build({ now: new Date(NOW.getTime() + 20 * DAY_MS) })).resources;
    expect([keepers(later, "a"), keepers(later, "b")]).toEqual([
      keepers(before, "a"),
      keepers(before, "b"),
    ]);
    // Two periods on, both keys are new: none outlives rotationDays.
    const twoOn = (await build({ now: new Date(NOW.getTime() + 90 * DAY_MS) })).resources;
    expect(keepers(twoOn, "a")).not.toEqual(keepers(before, "a"));
    expect(keepers(twoOn, "b")).not.toEqual(keepers(before, "b"));
  });

  it("keeps every key younger than rotationDays, and the Secret's key valid a period more", () => {
    for (const rotationDays of [2, 7, 30, 90]) {
      for (let day = 0; day < 200; day += 3) {
        const now = new Date(NOW.getTime() + day * DAY_MS);
        const period = storage.currentPeriod({ rotationDays, now });
        for (const slot of storage.KEY_SLOTS) {
          const born = storage.generationStart(rotationDays, storage.slotGeneration(slot, period));
          const age = now.getTime() - born.getTime();
          expect(age).toBeGreaterThanOrEqual(0);
          expect(age).toBeLessThan(rotationDays * DAY_MS);
        }
        const active = storage.activeSlot(period);
        expect(storage.slotGeneration(active, period)).toBe(period);
      }
    }
  });

  it("replaces both keys when the rotation days change", async () => {
    const before = (await build()).resources;
    const after = (await build({ rotationDays: 30 })).resources;
    expect(keepers(after, "a").rotationDays).toBe("30");
    expect(keepers(after, "a")).not.toEqual(keepers(before, "a"));
    expect(keepers(after, "b")).not.toEqual(keepers(before, "b"));
  });

  it("is flagged by gcp-serviceaccount-key-disallow-user-managed on each key, and by nothing else", async () => {
    const { resources } = await build();
    expect(reviewResources(resources).map((f) => [f.policy, f.resource])).toEqual([
      ["gcp-serviceaccount-key-disallow-user-managed", "acme-gcs-key-a"],
      ["gcp-serviceaccount-key-disallow-user-managed", "acme-gcs-key-b"],
    ]);
  });

  it("is accepted by the waivers docs/gcp.md tells the stack to carry, one per key, until they expire", async () => {
    const { resources } = await runProgram(() => {
      const provider = new k8s.Provider("gke", { kubeconfig: "{}" });
      return new storage.StorageCredential("acme-diffgram-storage", {
        project: PROJECT,
        accountId: "enclave-acme-prod-dg",
        bucketName: BUCKET,
        rotation: { rotationDays: 90, now: NOW },
        secret: { provider, namespace: "enclave-system", name: "diffgram-gcs-key" },
      });
    });
    const doc = fs.readFileSync(path.resolve(__dirname, "../../../docs/gcp.md"), "utf8");
    const block = /```yaml\n(  enclave:waivers:[\s\S]*?)```/.exec(doc)![1]!;
    const waivers = parseWaivers(JSON.stringify(parse(block)["enclave:waivers"]));
    const violations = reviewResources(resources).map((f) => ({
      pack: "enclave-least-privilege",
      packVersion: "0.1.0",
      policy: f.policy,
      severity: "high" as const,
      enforcementLevel: "mandatory" as const,
      urn: `urn:pulumi:gcp-prod::enclave::gcp:serviceaccount/key:Key::${f.resource}`,
      message: f.message,
    }));
    expect(violations).toHaveLength(2);
    const live = applyWaivers(violations, waivers, "2027-01-01");
    expect([live.violations, live.waived.length, live.unusedWaivers]).toEqual([[], 2, []]);
    const expired = applyWaivers(violations, waivers, "2027-07-01");
    expect(expired.violations.map((v) => v.policy)).toEqual([
      "gcp-serviceaccount-key-disallow-user-managed",
      "gcp-serviceaccount-key-disallow-user-managed",
      "enclave-waiver-expired",
      "enclave-waiver-expired",
    ]);
  });

  it("refuses a bad account id, rotation days outside 2-90 and a bad clock", () => {
    const provider = {} as never;
    const base: Args = {
      project: PROJECT,
      accountId: "dg",
      bucketName: BUCKET,
      rotation: { rotationDays: 91, now: new Date("not a date") },
      secret: { provider, namespace: "enclave-system", name: "diffgram-gcs-key" },
    };
    expect(storage.validateStorageCredentialArgs(base)).toEqual([
      {
        path: "accountId",
        value: "dg",
        problem: "is not a service account id",
        fix: "use 6-30 lower-case letters, digits and hyphens, starting with a letter",
      },
      {
        path: "rotation.rotationDays",
        value: 91,
        problem: "is outside 2-90 (CIS GCP 1.7: user-managed keys rotated within 90 days)",
        fix: "use a whole number of days from 2 to 90",
      },
      {
        path: "rotation.now",
        value: "Invalid Date",
        problem: "is not a date",
        fix: "pass the deployment's clock, new Date()",
      },
    ]);
  });
});
