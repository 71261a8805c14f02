import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig, type RawConfig } from "../../stacks/config";
import { PLATFORM_AWS_FIELDS, TENANT_AWS_FIELDS } from "../../stacks/config/cross-tenancy";
import { readStackFile } from "../helpers/aws-target-stack";

/** enclave:stackRole and enclave:platformStack: what a platform and a tenant on it may configure. */
const PLATFORM: RawConfig = {
  "aws:region": "eu-west-1",
  "enclave:cloud": "aws",
  "enclave:stackRole": "platform",
  "enclave:environment": "dev",
  "enclave:tenant": "platform",
  "enclave:isolation": "dedicated",
  "enclave:domain": "platform.dev.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: [] }),
};
const TENANT: RawConfig = {
  "aws:region": "eu-west-1",
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "globex",
  "enclave:isolation": "dedicated",
  "enclave:platformStack": "aws-platform",
  "enclave:domain": "annotate.globex.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["192.0.2.0/24"] }),
};

function problems(raw: RawConfig, stack = "review"): string[] {
  try {
    parseStackConfig(raw, { project: "enclave", stack });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

const with_ = (base: RawConfig, changes: Record<string, string | undefined>): RawConfig => {
  const raw: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) {
      delete raw[k];
    } else {
      raw[k] = v;
    }
  }
  return raw;
};

describe("enclave:stackRole and enclave:platformStack", () => {
  it("default to a tenant with its own cluster (today's shape)", () => {
    const config = parseStackConfig(with_(TENANT, { "enclave:platformStack": undefined }), {
      project: "enclave",
      stack: "acme-dev",
    });
    expect(config.stackRole).toBe("tenant");
    expect(config.platformStack).toBeUndefined();
  });

  it("accept a platform stack and a tenant naming it (bare, project/stack, org/project/stack)", () => {
    expect(problems(PLATFORM)).toEqual([]);
    for (const name of ["aws-platform", "enclave/aws-platform", "acme/enclave/aws-platform"]) {
      const config = parseStackConfig(with_(TENANT, { "enclave:platformStack": name }), {
        project: "enclave",
        stack: "globex-dev",
      });
      expect(config.platformStack).toBe(name);
      expect(config.stackRole).toBe("tenant");
    }
  });

  it("the reference stacks parse: aws-platform as a platform, aws-tenant-dedicated on it", () => {
    const platform = parseStackConfig(readStackFile("aws-platform"), {
      project: "enclave",
      stack: "aws-platform",
    });
    expect(platform.stackRole).toBe("platform");
    const tenant = parseStackConfig(readStackFile("aws-tenant-dedicated"), {
      project: "enclave",
      stack: "aws-tenant-dedicated",
    });
    expect([tenant.stackRole, tenant.platformStack]).toEqual(["tenant", "aws-platform"]);
  });

  it("refuse an unknown role and a malformed stack name", () => {
    expect(problems(with_(PLATFORM, { "enclave:stackRole": "shared" }))).toEqual([
      'enclave:stackRole = "shared": is not a supported stack role. Fix: set it to one of platform, tenant.',
    ]);
    expect(problems(with_(TENANT, { "enclave:platformStack": "a/b/c/d" }))).toEqual([
      'enclave:platformStack = "a/b/c/d": is not a stack name. Fix: write the platform stack\'s name ("aws-platform") or org/project/stack ("acme/enclave/aws-platform").',
    ]);
  });
});

describe("a platform stack", () => {
  it("refuses app and client-store keys, naming each", () => {
    expect(
      problems(
        with_(PLATFORM, {
          "enclave:app": JSON.stringify({ replicas: { keycloak: 2 } }),
          "enclave:clientHosted": JSON.stringify({
            bucketName: "client-bucket",
            kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abcd-1234",
          }),
        }),
      ),
    ).toEqual([
      'enclave:app = {"replicas":{"keycloak":2}}: configures a tenant\'s app or store, which a platform stack does not create. Fix: remove it from the platform stack; set it on the tenant stacks.',
      'enclave:clientHosted = {"bucketName":"client-bucket","kmsKeyArn":"arn:aws:kms:eu-west-1:111122223333...: configures a tenant\'s app or store, which a platform stack does not create. Fix: remove it from the platform stack; set it on the tenant stacks.',
    ]);
  });

  it("refuses enclave:platformStack, client-hosted and a cloud other than aws", () => {
    expect(problems(with_(PLATFORM, { "enclave:platformStack": "aws-platform" }))).toEqual([
      'enclave:platformStack = "aws-platform": is set on a platform stack. Fix: remove it; only tenant stacks name the platform stack whose cluster they take.',
    ]);
    expect(
      problems(
        with_(PLATFORM, {
          "enclave:cloud": "kubernetes",
          "aws:region": undefined,
          "enclave:kubernetes": JSON.stringify({
            secretsNamespace: "enclave-operator",
            clusterCidrs: ["10.0.0.0/16"],
            apiServerCidrs: ["10.0.0.1/32"],
            database: {
              host: "pg.internal.example.com",
              cidrs: ["10.1.0.0/24"],
              adminSecretName: "pg-admin",
            },
            objectStore: {
              endpoint: "https://minio.internal.example.com",
              bucket: "enclave-acme",
              cidrs: ["10.2.0.0/24"],
              credentialsSecretName: "minio-keys",
            },
          }),
        }),
      ),
    ).toEqual([
      'enclave:stackRole = "platform": is platform but enclave:cloud is kubernetes. Fix: platform stacks are built on AWS and GCP in this version: set enclave:cloud to aws or gcp, or remove enclave:stackRole (the stack is then a tenant with its own cluster).',
    ]);
  });

  it.each(TENANT_AWS_FIELDS.map((f) => [f]))(
    "refuses enclave:aws.%s (a tenant's data)",
    (field) => {
      const values: Record<string, unknown> = {
        database: { multiAz: true },
        objectLock: false,
        objectOwnership: "BucketOwnerEnforced",
        noncurrentVersionRetentionDays: 30,
        organizationTrailArn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail",
        trailCloudWatchLogs: false,
      };
      expect(
        problems(with_(PLATFORM, { "enclave:aws": JSON.stringify({ [field]: values[field] }) })),
      ).toEqual([
        `enclave:aws.${field} = ${JSON.stringify(values[field])}: configures a tenant's data (bucket, database or trail), which a platform stack does not create. Fix: remove it from the platform stack; set it on the tenant stacks.`,
      ]);
    },
  );
});

describe("a tenant on a platform stack", () => {
  it.each(PLATFORM_AWS_FIELDS.map((f) => [f]))(
    "refuses enclave:aws.%s (the platform's network or cluster)",
    (field) => {
      const values: Record<string, unknown> = {
        vpcCidr: "10.60.0.0/16",
        availabilityZones: 3,
        nat: "single",
        publicApiEndpoint: false,
        kubernetesVersion: "1.34",
        addonVersions: {},
        nodeInstanceTypes: ["m6i.large"],
        nodeAmiType: "AL2023_x86_64_STANDARD",
        nodeMinSize: 2,
        nodeDesiredSize: 2,
        nodeMaxSize: 4,
        nodeDiskSizeGiB: 50,
        clusterAdminRoleArns: ["arn:aws:iam::111122223333:role/platform-admins"],
        clusterAdminPrincipals: ["arn:aws:iam::111122223333:role/alice-admin"],
        clusterAdminSsoRoleArns: [],
        tenantOperatorRoleArns: ["arn:aws:iam::111122223333:role/operators"],
        createAutoscalingServiceLinkedRole: false,
        containerLogs: true,
        observabilityAddonVersion: "v6.0.1-eksbuild.1",
        guardDuty: false,
      };
      expect(
        problems(with_(TENANT, { "enclave:aws": JSON.stringify({ [field]: values[field] }) })),
      ).toEqual([
        `enclave:aws.${field} = ${JSON.stringify(values[field])}: configures the network or the cluster, which the platform stack aws-platform owns. Fix: remove it from this tenant stack; set it on the platform stack aws-platform.`,
      ]);
    },
  );

  it("refuses a cert-manager of its own and an ACME issuer (the platform's cert-manager has no internet egress)", () => {
    expect(
      problems(
        with_(TENANT, {
          "enclave:app": JSON.stringify({
            tls: {
              installCertManager: true,
              issuer: "letsencrypt",
              acme: { email: "pki@globex.example.com", dns01: { route53: {} } },
            },
          }),
        }),
      ),
    ).toEqual([
      "enclave:app.tls.installCertManager = true: is true, but the platform stack aws-platform installed cert-manager once for every tenant of its cluster. Fix: remove it; a second cert-manager would claim the same namespace, CRDs and webhooks.",
      'enclave:app.tls.issuer = "letsencrypt": needs cert-manager to reach an ACME server on the internet, and the cert-manager of the platform stack aws-platform has no egress there. Fix: use the organisation\'s ClusterIssuer ({ clusterIssuer: <name> }) or tls.mode existing, or remove enclave:platformStack so the tenant runs its own cluster and cert-manager.',
    ]);
    expect(
      problems(
        with_(TENANT, {
          "enclave:app": JSON.stringify({ tls: { issuer: { clusterIssuer: "globex-ca" } } }),
        }),
      ),
    ).toEqual([]);
  });

  it("keeps its own data settings (database, bucket, trail, ingress scheme)", () => {
    expect(
      problems(
        with_(TENANT, {
          "enclave:aws": JSON.stringify({
            database: { multiAz: true },
            objectOwnership: "BucketOwnerEnforced",
            ingressScheme: "internal",
            logRetentionDays: 365,
          }),
        }),
      ),
    ).toEqual([]);
  });

  it("takes client-hosted (the platform must admit the client's bucket: checked against its outputs)", () => {
    expect(
      problems(
        with_(TENANT, {
          "enclave:isolation": "client-hosted",
          "enclave:clientHosted": JSON.stringify({
            bucketName: "client-bucket",
            kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abcd-1234",
          }),
        }),
      ),
    ).toEqual([]);
  });

  it("refuses enclave:aws.clientBuckets anywhere but on a platform stack", () => {
    const buckets = JSON.stringify({ clientBuckets: ["client-bucket"] });
    expect(problems(with_(PLATFORM, { "enclave:aws": buckets }))).toEqual([]);
    expect(problems(with_(TENANT, { "enclave:aws": buckets }))).toEqual([
      "enclave:aws.clientBuckets = [\"client-bucket\"]: is set on a tenant stack, but the S3 endpoints are the platform stack aws-platform's. Fix: remove it here, and list this tenant's enclave:clientHosted.bucketName in enclave:aws.clientBuckets of aws-platform.",
    ]);
    expect(
      problems(with_(TENANT, { "enclave:aws": buckets, "enclave:platformStack": undefined })),
    ).toEqual([
      'enclave:aws.clientBuckets = ["client-bucket"]: is set on a stack that is not a platform (enclave:stackRole is not platform). Fix: remove it; a stack that builds its own cluster admits its own client\'s bucket (enclave:clientHosted.bucketName) by itself.',
    ]);
  });

  it("refuses a client bucket list that is not a list of distinct bucket names", () => {
    expect(
      problems(
        with_(PLATFORM, {
          "enclave:aws": JSON.stringify({ clientBuckets: ["s3://client-bucket", "ok-bucket"] }),
        }),
      ),
    ).toEqual([
      "enclave:aws.clientBuckets[0] = \"s3://client-bucket\": is not a bucket name. Fix: write the client's bucket name (3-63 lower-case letters, digits, dots, hyphens), as its client-hosted tenant's enclave:clientHosted.bucketName, without s3:// or a path.",
    ]);
    expect(
      problems(
        with_(PLATFORM, { "enclave:aws": JSON.stringify({ clientBuckets: ["a-b", "a-b"] }) }),
      ),
    ).toEqual([
      'enclave:aws.clientBuckets = ["a-b","a-b"]: lists a bucket twice. Fix: list each client bucket once.',
    ]);
  });

  it("refuses naming itself", () => {
    expect(problems(TENANT, "aws-platform")).toEqual([
      'enclave:platformStack = "aws-platform": names this stack itself. Fix: name the platform stack (the one with enclave:stackRole: platform) whose cluster this tenant takes.',
    ]);
    expect(problems(with_(TENANT, { "enclave:platformStack": "acme/enclave/t1" }), "t1")).toEqual([
      'enclave:platformStack = "acme/enclave/t1": names this stack itself. Fix: name the platform stack (the one with enclave:stackRole: platform) whose cluster this tenant takes.',
    ]);
  });
});
