import { describe, expect, it } from "vitest";
import { runOnPod } from "../../helpers/kubernetes-policy";

/** Pod policies beyond the Pod Security Standards: images, secrets in env, resource limits. */
const app = (spec: Record<string, any>) => spec.containers[0];
const init = (spec: Record<string, any>) => spec.initContainers[0];

describe("kubernetes-core-pod-require-image-digest", () => {
  const name = "kubernetes-core-pod-require-image-digest";
  it("passes the compliant pod and tag+digest references", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).image = `ghcr.io/enclave/app:1.2.3@sha256:${"c".repeat(64)}`))
        .violations,
    ).toEqual([]);
  });
  it("flags tags and malformed digests", () => {
    const out = runOnPod(name, (s) => {
      app(s).image = "diffgram/diffgram:latest";
      init(s).image = "ghcr.io/enclave/app@sha256:1234";
    });
    expect(out.violations).toEqual([
      'images are not pinned by digest: init container "migrate" (ghcr.io/enclave/app@sha256:1234), container "app" (diffgram/diffgram:latest)',
    ]);
  });
});

describe("kubernetes-core-pod-restrict-image-registries", () => {
  const name = "kubernetes-core-pod-restrict-image-registries";
  it("accepts only digest-pinned images, from any registry, until the stack names its registries", () => {
    expect(runOnPod(name).violations).toEqual([]);
    const pinned = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${"a".repeat(64)}`;
    expect(runOnPod(name, (s) => (app(s).image = pinned)).violations).toEqual([]);
  });
  it("never trusts Docker Hub (or any registry) by default, and says how to configure registries", () => {
    expect(runOnPod(name, (s) => (app(s).image = "rabbitmq:3.13")).violations).toEqual([
      'allowedRegistries is not configured, so only images pinned by digest are accepted: set kubernetes-core-pod-restrict-image-registries.allowedRegistries in the stack\'s enclave:policy to the registries the stack trusts (its private ECR or Artifact Registry, its mirror), or pin the images by digest. Not pinned: container "app" (rabbitmq:3.13)',
    ]);
    expect(
      runOnPod(name, (s) => (app(s).image = "evil.example.com/app:1")).violations,
    ).toHaveLength(1);
    expect(
      runOnPod(name, (s) => (app(s).image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"))
        .violations,
    ).toHaveLength(1);
  });
  it("applies the stack's allowedRegistries, with path prefixes and wildcards", () => {
    const config = { allowedRegistries: ["*.dkr.ecr.*.amazonaws.com", "ghcr.io/enclave"] };
    expect(
      runOnPod(
        name,
        (s) => (init(s).image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"),
        { config },
      ).violations,
    ).toEqual([]);
    expect(
      runOnPod(name, (s) => (app(s).image = "ghcr.io/other/app:1"), { config }).violations,
    ).toEqual([
      'images come from registries outside allowedRegistries (*.dkr.ecr.*.amazonaws.com, ghcr.io/enclave): container "app" (ghcr.io/other/app:1)',
    ]);
    // Once registries are configured, a digest no longer lets another registry in.
    const elsewhere = `docker.io/library/rabbitmq@sha256:${"b".repeat(64)}`;
    expect(runOnPod(name, (s) => (app(s).image = elsewhere), { config }).violations).toHaveLength(
      1,
    );
  });
});

describe("kubernetes-core-pod-disallow-secret-env-values", () => {
  const name = "kubernetes-core-pod-disallow-secret-env-values";
  it("passes the compliant pod (secretKeyRef, settings about tokens)", () =>
    expect(runOnPod(name).violations).toEqual([]));
  it("flags literal values of secret-looking variables", () => {
    const out = runOnPod(name, (s) => {
      app(s).env.push(
        { name: "FERNET_KEY", value: "c2VjcmV0" },
        { name: "dbPassword", value: "postgres" },
        { name: "EMPTY_SECRET", value: "" },
      );
      init(s).env = [{ name: "API_TOKEN", value: "t0k3n" }];
    });
    expect(out.violations).toEqual([
      'secret-looking environment variables have literal values: init container "migrate" sets API_TOKEN; container "app" sets FERNET_KEY, dbPassword',
    ]);
  });
  it("stays silent on key identifiers and lookup keys (KMS, S3, cache, *_KEY_ARN, *_KEY_ID)", () => {
    const identifiers = [
      { name: "KMS_KEY", value: "alias/tenant-a" },
      { name: "S3_KEY", value: "exports/2026/report.csv" },
      { name: "CACHE_KEY", value: "v2" },
      { name: "STORAGE_KMS_KEY_ARN", value: "arn:aws:kms:eu-west-1:111122223333:key/abcd" },
      { name: "AWS_ACCESS_KEY_ID", value: "AKIAEXAMPLE" },
      { name: "SIGNING_KEY_ID", value: "k1" },
    ];
    expect(runOnPod(name, (s) => app(s).env.push(...identifiers)).violations).toEqual([]);
    const secrets = ["API_KEY", "SECRET_KEY", "PRIVATE_KEY", "PASSWORD", "TOKEN"];
    for (const secret of secrets) {
      expect(
        runOnPod(name, (s) => app(s).env.push({ name: secret, value: "literal" })).violations,
      ).toEqual([
        `secret-looking environment variables have literal values: container "app" sets ${secret}`,
      ]);
    }
  });
  it("flags a literal behind a leading secret word (SECRET_BLAH, PASSWORD_ADMIN)", () => {
    for (const secret of ["SECRET_BLAH", "PASSWORD_ADMIN", "TOKEN_GITHUB", "credentials-backup"]) {
      expect(
        runOnPod(name, (s) => app(s).env.push({ name: secret, value: "squirrels" })).violations,
      ).toEqual([
        `secret-looking environment variables have literal values: container "app" sets ${secret}`,
      ]);
    }
  });
  it("stays silent on settings led by a secret word (about words, setting-shaped values)", () => {
    const settings = [
      { name: "SECRET_PATH", value: "vault/data/app" },
      { name: "SECRETS_BACKEND", value: "vault" },
      { name: "TOKEN_TTL", value: "1h" },
      { name: "PASSWORD_MIN_LENGTH", value: "12" },
      { name: "CREDENTIALS_PROVIDER", value: "irsa" },
      { name: "TOKEN_EXCHANGE", value: "https://idp.example.com/realms/enclave/token" },
      { name: "PASSWORD_RESET", value: "disabled" },
      { name: "SECRETS_MOUNT", value: "/run/secrets" },
    ];
    expect(runOnPod(name, (s) => app(s).env.push(...settings)).violations).toEqual([]);
  });
});

describe("kubernetes-core-pod-require-resource-limits", () => {
  const name = "kubernetes-core-pod-require-resource-limits";
  it("passes the compliant pod", () => expect(runOnPod(name).violations).toEqual([]));
  it("flags missing limits, naming each missing resource", () => {
    const out = runOnPod(name, (s) => {
      delete app(s).resources.limits.cpu;
      delete init(s).resources;
      s.ephemeralContainers = [{ name: "debug", image: "x" }];
    });
    expect(out.violations).toEqual([
      'containers have no resource limits for: init container "migrate" (cpu, memory), container "app" (cpu)',
    ]);
  });
  it("applies the configured resource list", () => {
    const out = runOnPod(name, (s) => delete app(s).resources.limits.cpu, {
      config: { requiredLimits: ["memory"] },
    });
    expect(out.violations).toEqual([]);
  });
});
