import * as path from "path";
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../review/engine/run";
import { masked, SECRET_SIG, SIG } from "../../review/engine/serialized";
import { computeOutputs } from "../../review/engine/outputs";

const FIXTURES = path.resolve(__dirname, "../fixtures/programs");

function request(program: string, config: Record<string, string> = { "aws:region": "eu-west-1" }) {
  const dir = path.join(FIXTURES, program);
  return {
    programDir: dir,
    main: path.join(dir, "index.ts"),
    project: program,
    stack: "dev",
    organization: "organization",
    config,
    secretKeys: [],
    awsAccountId: "123456789012",
  };
}

describe("mock engine: references resolve to realistic outputs", () => {
  it("gives the bucket's encryption configuration the key's ARN, in the stack's region and account", async () => {
    const result = await evaluateProgram(request("refs"));
    expect(result.error).toBeUndefined();
    const byType = (t: string) => result.resources.filter((r) => r.type === t);
    const [key] = byType("aws:kms/key:Key");
    const [bucket] = byType("aws:s3/bucketV2:BucketV2");
    const [sse] = byType(
      "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    );
    expect(key!.outputs["arn"]).toMatch(
      /^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const rule = (sse!.inputs["rules"] as Record<string, Record<string, unknown>>[])[0]!;
    expect(rule["applyServerSideEncryptionByDefault"]!["kmsMasterKeyId"]).toBe(key!.outputs["arn"]);
    expect(sse!.inputs["bucket"]).toBe(bucket!.outputs["bucket"]);
    expect(bucket!.outputs["arn"]).toBe(`arn:aws:s3:::${bucket!.outputs["bucket"] as string}`);
    expect(sse!.propertyDependencies["bucket"]).toEqual([bucket!.urn]);
    expect(result.stackOutputs["keyArn"]).toBe(key!.outputs["arn"]);
  });

  it("hands each resource over as it registers, before the program finishes, with the inputs and options of the final record", async () => {
    const streamed: { urn: string; inputs: unknown; protect: boolean; provider?: string }[] = [];
    let finished = false;
    const evaluating = evaluateProgram(request("refs"), {
      onRegistered: (r) => {
        expect(finished).toBe(false);
        streamed.push({
          urn: r.urn,
          inputs: r.inputs,
          protect: r.protect,
          ...(r.provider ? { provider: r.provider } : {}),
        });
      },
    });
    const result = await evaluating.finally(() => (finished = true));
    expect(result.error).toBeUndefined();
    expect(streamed.length).toBeGreaterThan(3);
    const final = new Map(result.resources.map((r) => [r.urn, r]));
    for (const s of streamed) {
      const r = final.get(s.urn)!;
      expect(s).toEqual({
        urn: r.urn,
        inputs: r.inputs,
        protect: r.protect,
        ...(r.provider ? { provider: r.provider } : {}),
      });
    }
    expect(streamed.map((s) => s.urn)).toEqual(
      result.resources.map((r) => r.urn).slice(0, streamed.length),
    );
  });

  it("lets the SDK's promises through without wrapping them for a leak report", async () => {
    const result = await evaluateProgram(request("engine-internals"));
    expect(result.error).toBeUndefined();
    expect(result.stackOutputs["promisesWrapped"]).toBe(false);
  });

  it("ends the evaluation when the program leaves a timer running", async () => {
    const started = Date.now();
    const result = await evaluateProgram(request("open-handle"), { timeoutMs: 20_000 });
    expect(result.error).toBeUndefined();
    expect(result.resources.map((r) => r.name)).toContain("with-a-timer");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("records resource options as the engine sees them", async () => {
    const result = await evaluateProgram(request("refs"));
    const stack = result.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    expect(stack.urn).toBe("urn:pulumi:dev::refs::pulumi:pulumi:Stack::refs-dev");
    const key = result.resources.find((r) => r.type === "aws:kms/key:Key")!;
    expect(key).toMatchObject({
      urn: "urn:pulumi:dev::refs::aws:kms/key:Key::data",
      parent: stack.urn,
      protect: true,
      custom: true,
    });
    const sse = result.resources.find((r) => r.type.includes("ServerSideEncryption"))!;
    expect(sse.protect).toBe(false);
    expect(sse.dependencies).toEqual(expect.arrayContaining([key.urn]));
  });

  it("marks @pulumi/random results secret, as the provider does, and masks them in reports", async () => {
    const result = await evaluateProgram(request("refs"));
    const password = result.resources.find(
      (r) => r.type === "random:index/randomPassword:RandomPassword",
    )!;
    expect(password.additionalSecretOutputs).toEqual(expect.arrayContaining(["result"]));
    expect(password.outputs["result"]).toMatchObject({ [SIG]: SECRET_SIG });
    const version = result.resources.find(
      (r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion",
    )!;
    const secretString = version.inputs["secretString"] as Record<string, unknown>;
    expect(secretString[SIG]).toBe(SECRET_SIG);
    expect(secretString["value"]).toMatch(/^.{24}$/);
    expect((masked(version.inputs) as Record<string, unknown>)["secretString"]).toBe("[secret]");
  });

  it("fails loudly on an invoke it cannot answer, naming the token", async () => {
    const result = await evaluateProgram(request("unknown-invoke"));
    expect(result.error?.phase).toBe("program");
    expect(result.error?.message).toContain(
      'the program calls the function "aws:ec2/getAmi:getAmi", which the offline engine cannot answer',
    );
  });

  it("reports a throwing program with its message", async () => {
    const result = await evaluateProgram(request("throws"));
    expect(result.error?.phase).toBe("program");
    expect(result.error?.message).toContain("database subnet group needs two availability zones");
  });
});

describe("mock engine: computed outputs per provider", () => {
  const ctx = (type: string, name: string, inputs: Record<string, unknown>) => ({
    type,
    name,
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    inputs,
    stack: "dev",
    project: "p",
    awsRegion: "eu-west-1",
    awsAccountId: "123456789012",
    gcpProject: "proj",
    gcpRegion: "europe-west1",
  });

  it("auto-names Kubernetes objects and puts namespaced ones in default", () => {
    const { id, state } = computeOutputs(
      ctx("kubernetes:core/v1:ConfigMap", "settings", { metadata: {} }),
    );
    const metadata = state["metadata"] as Record<string, string>;
    expect(metadata["name"]).toMatch(/^settings-[a-z0-9]{8}$/);
    expect(metadata["namespace"]).toBe("default");
    expect(id).toBe(`default/${metadata["name"]}`);
    const ns = computeOutputs(
      ctx("kubernetes:core/v1:Namespace", "tenant", { metadata: { name: "acme" } }),
    );
    expect(ns.id).toBe("acme");
    expect((ns.state["metadata"] as Record<string, unknown>)["namespace"]).toBeUndefined();
  });

  it("gives an RDS instance with a managed password a Secrets Manager secret under the given key", () => {
    const { state } = computeOutputs(
      ctx("aws:rds/instance:Instance", "db", {
        identifier: "acme-db",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
      }),
    );
    expect(state["address"]).toMatch(/^acme-db\.[a-z0-9]{12}\.eu-west-1\.rds\.amazonaws\.com$/);
    expect(state["masterUserSecrets"]).toEqual([
      expect.objectContaining({
        kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
        secretArn: expect.stringMatching(
          /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-/,
        ),
      }),
    ]);
  });

  it("gives AWS Backup vaults, their locks, plans and selections the ARNs and ids AWS does", () => {
    const vault = computeOutputs(ctx("aws:backup/vault:Vault", "v", { name: "acme-db-vault" }));
    expect(vault).toEqual({
      id: "acme-db-vault",
      state: {
        name: "acme-db-vault",
        arn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:acme-db-vault",
      },
    });
    const lock = computeOutputs(
      ctx("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "l", {
        backupVaultName: "acme-db-vault",
      }),
    );
    expect(lock).toEqual({
      id: "acme-db-vault",
      state: {
        backupVaultName: "acme-db-vault",
        backupVaultArn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:acme-db-vault",
      },
    });
    const plan = computeOutputs(ctx("aws:backup/plan:Plan", "p", { name: "acme-db-daily" }));
    expect(plan.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(plan.state).toEqual({
      name: "acme-db-daily",
      arn: `arn:aws:backup:eu-west-1:123456789012:backup-plan:${plan.id}`,
      version: expect.stringMatching(/^[a-z0-9]{32}$/),
    });
    const selection = computeOutputs(ctx("aws:backup/selection:Selection", "s", {}));
    expect(selection.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(selection.id).not.toBe(plan.id);
  });

  it("derives GCP service account emails from the project", () => {
    const { state } = computeOutputs(
      ctx("gcp:serviceaccount/account:Account", "app", { accountId: "diffgram" }),
    );
    expect(state["email"]).toBe("diffgram@proj.iam.gserviceaccount.com");
  });

  it("gives a service account key a key file (secret) and a Secret Manager secret its path", () => {
    const account = "projects/proj/serviceAccounts/diffgram@proj.iam.gserviceaccount.com";
    const key = computeOutputs(
      ctx("gcp:serviceaccount/key:Key", "k", { serviceAccountId: account }),
    );
    expect(key.id).toMatch(new RegExp(`^${account}/keys/[0-9a-f]{40}$`));
    expect(key.secretOutputs).toEqual(["privateKey"]);
    const file = JSON.parse(Buffer.from(String(key.state["privateKey"]), "base64").toString());
    expect(file).toMatchObject({
      type: "service_account",
      project_id: "proj",
      client_email: "diffgram@proj.iam.gserviceaccount.com",
    });
    const other = computeOutputs(
      ctx("gcp:serviceaccount/key:Key", "k2", { serviceAccountId: account }),
    );
    expect(other.state["privateKey"]).not.toBe(key.state["privateKey"]);
    const secret = computeOutputs(
      ctx("gcp:secretmanager/secret:Secret", "s", { secretId: "enclave-acme-prod-pg-admin" }),
    );
    expect([secret.id, secret.state["name"]]).toEqual([
      "projects/proj/secrets/enclave-acme-prod-pg-admin",
      "projects/proj/secrets/enclave-acme-prod-pg-admin",
    ]);
  });
});
