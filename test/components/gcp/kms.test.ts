import { beforeAll, describe, expect, it } from "vitest";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  type Loose,
  PROJECT,
  REGION,
  agent,
  named,
  ofType,
  runProgram,
  setGcpMocks,
} from "../../helpers/gcp-target-mocks";

type Kms = typeof import("../../../components/gcp/kms");
type Agents = typeof import("../../../components/gcp/shared/agents");
let kms: Kms;
let agents: Agents;

const labels = {
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
  "enclave-stack": "gcp-prod",
  "enclave-classification": "confidential",
  "enclave-owner": "acme",
  "managed-by": "pulumi",
};
const PURPOSES = ["cluster", "volumes", "storage", "database", "logs"];

beforeAll(async () => {
  await setGcpMocks();
  kms = await import("../../../components/gcp/kms");
  agents = await import("../../../components/gcp/shared/agents");
});

const ring = (over: Partial<import("../../../components/gcp/kms").TenantKeyRingArgs> = {}) =>
  new kms.TenantKeyRing("acme", {
    project: PROJECT,
    location: REGION,
    ringName: "enclave-acme-prod",
    protectionLevel: "SOFTWARE",
    keys: kms.defaultKeyUses(agents.serviceAgents("123456789012")),
    labels,
    ...over,
  });

describe("TenantKeyRing", () => {
  it("creates one protected key ring in the region, named per tenant and environment", async () => {
    const { resources } = await runProgram(() => ring());
    const keyRing = named(resources, "gcp:kms/keyRing:KeyRing", "acme-ring");
    expect(keyRing.inputs).toEqual({
      project: PROJECT,
      location: REGION,
      name: "enclave-acme-prod",
    });
    expect(keyRing.protect).toBe(true);
    expect(keyRing.parentName).toBe("acme");
  });

  it("creates a key per purpose: 90-day rotation, 30-day destroy delay, deletion refused, protected", async () => {
    const { resources } = await runProgram(() => ring({ protectionLevel: "HSM" }));
    const keys = ofType(resources, "gcp:kms/cryptoKey:CryptoKey");
    expect(keys.map((k) => k.inputs.name)).toEqual(PURPOSES);
    const ringId = named(resources, "gcp:kms/keyRing:KeyRing", "acme-ring").id;
    expect(ringId).toBe(`projects/${PROJECT}/locations/${REGION}/keyRings/enclave-acme-prod`);
    for (const key of keys) {
      expect(key.inputs).toMatchObject({
        keyRing: ringId,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: "7776000s",
        destroyScheduledDuration: "2592000s",
        importOnly: false,
        skipInitialVersionCreation: false,
        deletionPolicy: "PREVENT",
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "HSM" },
        labels: { ...labels, "enclave-purpose": key.inputs.name },
      });
      expect(key.protect, key.name).toBe(true);
      expect(key.id).toBe(`${ringId}/cryptoKeys/${key.inputs.name}`);
    }
  });

  it("binds encrypt/decrypt, authoritatively, only to each purpose's service agents", async () => {
    const { resources } = await runProgram(() => ring());
    const bindings = ofType(resources, "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding");
    const byKey = Object.fromEntries(
      bindings.map((b): [string, Loose] => [b.inputs.cryptoKeyId.split("/").pop(), b.inputs]),
    );
    expect(Object.keys(byKey)).toEqual(PURPOSES);
    for (const binding of Object.values(byKey)) {
      expect(binding.role).toBe("roles/cloudkms.cryptoKeyEncrypterDecrypter");
    }
    expect(byKey["cluster"].members).toEqual([agent("container-engine-robot")]);
    expect(byKey["volumes"].members).toEqual([agent("compute-system")]);
    expect(byKey["storage"].members).toEqual([agent("gs-project-accounts")]);
    expect(byKey["database"].members).toEqual([
      agent("gcp-sa-cloud-sql"),
      agent("gcp-sa-secretmanager"),
    ]);
    expect(byKey["logs"].members).toEqual([agent("gs-project-accounts")]);
    // No project-, ring- or member-level grants besides these.
    expect(resources.filter((r) => /IAM/.test(r.type)).length).toBe(5);
  });

  it("adds the workload service accounts a caller names to that purpose only", async () => {
    const workload = "serviceAccount:diffgram@enclave-test.iam.gserviceaccount.com";
    const { resources } = await runProgram(() =>
      ring({
        keys: kms.defaultKeyUses(agents.serviceAgents("123456789012"), { storage: [workload] }),
      }),
    );
    const storage = named(
      resources,
      "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
      "acme-storage-users",
    );
    expect(storage.inputs.members).toEqual([agent("gs-project-accounts"), workload]);
    const cluster = named(
      resources,
      "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
      "acme-cluster-users",
    );
    expect(cluster.inputs.members).not.toContain(workload);
  });

  it("passes every GCP policy", async () => {
    const { resources } = await runProgram(() => ring());
    expect(reviewResources(resources)).toEqual([]);
  });

  it("refuses a bad ring name, a key without users and a grant to a non-service-account", () => {
    const keys = kms.defaultKeyUses(agents.serviceAgents("123456789012"));
    expect(
      kms.validateKeyRingArgs({
        project: PROJECT,
        location: REGION,
        ringName: "enclave acme",
        protectionLevel: "SOFTWARE",
        keys: { ...keys, logs: { users: [] }, storage: { users: ["allUsers"] } },
        labels,
      }),
    ).toEqual([
      {
        path: "ringName",
        value: "enclave acme",
        problem: "is not a key ring name",
        fix: 'use 1-63 letters, digits, "_" and "-", e.g. "enclave-acme-prod"',
      },
      {
        path: "keys.storage.users[0]",
        value: "allUsers",
        problem: "is not a service account",
        fix: 'grant keys to service agents and workload service accounts only, as "serviceAccount:<email>"; never users, groups, domains, allUsers or allAuthenticatedUsers',
      },
      {
        path: "keys.logs.users",
        value: [],
        problem: "is empty, so nothing could use the key",
        fix: "grant the service agent that encrypts with it",
      },
    ]);
  });
});
