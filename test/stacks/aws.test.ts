import { beforeAll, describe, expect, it } from "vitest";
import type { EnclaveConfig, RawConfig } from "../../stacks/config";
import {
  type Loose,
  ACCOUNT,
  named,
  ofType,
  resolve,
  runProgram,
  setAwsMocks,
  statement,
  type RecordedResource,
} from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";

type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
let cfg: Config;
let target: Target;

const STATEFUL = [
  "aws:kms/key:Key",
  "aws:s3/bucket:Bucket",
  "aws:rds/instance:Instance",
  "aws:eks/cluster:Cluster",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:backup/vault:Vault",
  "aws:cloudtrail/trail:Trail",
];

beforeAll(async () => {
  await setAwsMocks();
  cfg = await import("../../stacks/config");
  target = await import("../../stacks/targets/aws");
});

const parse = (raw: RawConfig, stack: string): EnclaveConfig =>
  cfg.parseStackConfig(raw, { project: "enclave", stack });
const build = (config: EnclaveConfig) => runProgram(() => target.buildAwsTarget(config));
// The reference stacks are built once each and shared by the tests that only read them.
const built = new Map<string, ReturnType<typeof build>>();
const reference = (stack: string) => {
  if (!built.has(stack)) {
    built.set(stack, build(parse(readStackFile(stack), stack)));
  }
  return built.get(stack)!;
};
const count = (resources: RecordedResource[], type: string) => ofType(resources, type).length;

describe.each(["aws-dev", "aws-prod"])("reference stack %s", (stack) => {
  it("holds the cluster, at least four keys, the three buckets (data, access logs, trail), the trail, the database, the endpoints and flow logs, stateful ones protected", async () => {
    const { resources } = await reference(stack);
    expect(count(resources, "aws:eks/cluster:Cluster")).toBe(1);
    expect(count(resources, "aws:kms/key:Key")).toBe(5);
    expect(count(resources, "aws:s3/bucket:Bucket")).toBe(3);
    expect(count(resources, "aws:cloudtrail/trail:Trail")).toBe(1);
    // GuardDuty: on by default in prod (S3 and EKS audit-log protection), off in dev.
    const detectors = ofType(resources, "aws:guardduty/detector:Detector");
    const features = ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature");
    if (stack === "aws-prod") {
      expect(detectors.map((d) => d.inputs.enable)).toEqual([true]);
      expect(features.map((f) => [f.inputs.name, f.inputs.status])).toEqual([
        ["S3_DATA_EVENTS", "ENABLED"],
        ["EKS_AUDIT_LOGS", "ENABLED"],
      ]);
    } else {
      expect(detectors).toEqual([]);
    }
    expect(count(resources, "aws:rds/instance:Instance")).toBe(1);
    expect(count(resources, "aws:ec2/vpcEndpoint:VpcEndpoint")).toBe(11);
    expect(count(resources, "aws:ec2/flowLog:FlowLog")).toBe(1);
    const stateful = resources.filter((r) => STATEFUL.includes(r.type));
    // keys, buckets, trail, cluster, log groups (flow, control plane, 2 database, 4 container), database, vault
    expect(stateful.length).toBe(5 + 3 + 1 + 1 + 8 + 1 + 1);
    expect(stateful.filter((r) => !r.protect).map((r) => r.name)).toEqual([]);
  });

  it("names every key by tenant, environment and purpose", async () => {
    const { resources } = await reference(stack);
    const env = stack === "aws-dev" ? "dev" : "prod";
    expect(
      ofType(resources, "aws:kms/alias:Alias")
        .map((a) => a.inputs.name)
        .sort(),
    ).toEqual(
      ["cluster", "database", "logs", "storage", "volumes"].map(
        (p) => `alias/enclave/acme/${env}/${p}`,
      ),
    );
  });
});

describe("environment sizing", () => {
  it("dev: two zones, one NAT gateway, a single-AZ database with 7 days of backups", async () => {
    const { resources, calls } = await reference("aws-dev");
    expect(count(resources, "aws:ec2/subnet:Subnet")).toBe(6);
    expect(count(resources, "aws:ec2/natGateway:NatGateway")).toBe(1);
    expect(
      named(resources, "aws:rds/instance:Instance", "enclave-acme-dev-database-instance").inputs,
    ).toMatchObject({
      multiAz: false,
      backupRetentionPeriod: 7,
      instanceClass: "db.t4g.medium",
    });
    expect(calls.sort()).toEqual([
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      "aws:index/getCallerIdentity:getCallerIdentity",
    ]);
  });

  it("prod: three zones, a NAT gateway per zone, Multi-AZ, 30 days of backups, object lock", async () => {
    const { resources, calls } = await reference("aws-prod");
    expect(count(resources, "aws:ec2/subnet:Subnet")).toBe(9);
    expect(count(resources, "aws:ec2/natGateway:NatGateway")).toBe(3);
    expect(
      named(resources, "aws:rds/instance:Instance", "enclave-acme-prod-database-instance").inputs,
    ).toMatchObject({
      multiAz: true,
      backupRetentionPeriod: 30,
      deletionProtection: true,
    });
    expect(
      named(
        resources,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "enclave-acme-prod-data-object-lock",
      ).inputs.rule,
    ).toEqual({
      defaultRetention: { mode: "COMPLIANCE", days: 30 },
    });
    expect(
      named(resources, "aws:eks/nodeGroup:NodeGroup", "enclave-acme-prod-cluster-nodes").inputs
        .scalingConfig,
    ).toEqual({
      minSize: 3,
      desiredSize: 3,
      maxSize: 9,
    });
    // Zones are configured by name in prod: no zone look-up.
    expect(calls).toEqual(["aws:index/getCallerIdentity:getCallerIdentity"]);
  });
});

describe.each([
  ["aws-prod", "prod", 35, { changeableForDays: 3 }],
  ["aws-dev", "dev", 7, {}],
] as const)("AWS Backup of the database in %s", (stack, env, days, mode) => {
  const prefix = `enclave-acme-${env}`;
  it(`backs the instance up daily for ${days} days into a vault under the database key, locked`, async () => {
    const { resources } = await reference(stack);
    const instance = named(resources, "aws:rds/instance:Instance", `${prefix}-database-instance`);
    const key = named(resources, "aws:kms/key:Key", `${prefix}-database-key`);
    const vault = named(resources, "aws:backup/vault:Vault", `${prefix}-database-backup-vault`);
    expect(vault.inputs).toMatchObject({ name: `${prefix}-db-vault`, kmsKeyArn: key.state.arn });
    expect(vault.protect).toBe(true);
    expect(
      named(
        resources,
        "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        `${prefix}-database-backup-vault-lock`,
      ).inputs,
    ).toEqual({
      backupVaultName: `${prefix}-db-vault`,
      minRetentionDays: days,
      maxRetentionDays: 365,
      ...mode,
    });
    const plan = named(resources, "aws:backup/plan:Plan", `${prefix}-database-backup-plan`);
    expect(plan.inputs.rules).toMatchObject([
      { targetVaultName: `${prefix}-db-vault`, lifecycle: { deleteAfter: days } },
    ]);
    const selection = named(
      resources,
      "aws:backup/selection:Selection",
      `${prefix}-database-backup-selection`,
    );
    expect(selection.inputs).toMatchObject({ planId: plan.id, resources: [instance.state.arn] });
    expect(instance.state.arn).toBe(`arn:aws:rds:eu-west-1:${ACCOUNT}:db:${prefix}-db`);
    expect(
      statement(key.inputs.policy, "AccountUseViaRdsSecretsManagerAndBackup").Condition,
    ).toMatchObject({
      StringEquals: {
        "kms:ViaService": [
          "rds.eu-west-1.amazonaws.com",
          "secretsmanager.eu-west-1.amazonaws.com",
          "backup.eu-west-1.amazonaws.com",
        ],
      },
    });
  });
});

describe("the Platform", () => {
  it("hands the layer the bucket, the verify-full database, the allowlisted load balancer and the cluster", async () => {
    const { result } = await reference("aws-prod");
    const p = result.platform!;
    expect(p.cloud).toBe("aws");
    expect(p.storage).toMatchObject({
      provider: "aws",
      region: "eu-west-1",
      credentials: "workload-identity",
      corsOrigins: ["https://annotate.acme.example.com"],
    });
    expect(await resolve(p.storage.bucketName)).toBe(`enclave-acme-prod-data-${ACCOUNT}`);
    expect(await resolve(p.storage.kmsKeyId)).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);
    expect(p.database.sslMode).toBe("verify-full");
    expect(await resolve(p.database.caBundlePem)).toContain("-----BEGIN CERTIFICATE-----");
    expect(p.database.cidrs).toEqual(["10.41.192.0/22", "10.41.196.0/22", "10.41.200.0/22"]);
    expect(p.database.adminCredentials.kind).toBe("aws-secrets-manager");
    expect(await resolve((p.database.adminCredentials as { secretArn: string }).secretArn)).toMatch(
      /^arn:aws:secretsmanager:/,
    );
    expect(await resolve(p.database.host)).toMatch(/^enclave-acme-prod-db\./);
    expect(p.ingress.loadBalancerAnnotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
    });
    expect(p.ingress.clusterCidrs).toEqual(["10.41.0.0/16"]);
    expect(p.ingress.metadataCidrs).toEqual([
      "169.254.169.254/32",
      "fd00:ec2::254/128",
      "169.254.170.23/32",
      "fd00:ec2::23/128",
    ]);
    expect(p.ingress.kubernetesApiCidrs).toEqual([
      "10.41.0.0/19",
      "10.41.32.0/19",
      "10.41.64.0/19",
    ]);
    expect(p.ingress.tls).toEqual({ kind: "cert-manager", issuer: "self-signed" });
    expect(p.kubernetesProvider).toBeDefined();
  });

  it("names where S3, STS and Secrets Manager are reached: their interface endpoints' subnets on 443", async () => {
    const { result } = await reference("aws-prod");
    const p = result.platform!;
    const privateSubnets = ["10.41.0.0/19", "10.41.32.0/19", "10.41.64.0/19"];
    expect(p.storage.network).toEqual({ cidrs: privateSubnets, port: 443 });
    expect(p.ingress.cloudApiCidrs).toEqual(privateSubnets);
    expect(p.ingress.identityEndpoints).toEqual(
      privateSubnets.map((cidr) => ({ cidr, port: 443 })),
    );
  });

  it("gives every app pod egress to named addresses only: the flows of the table, nothing on the internet", async () => {
    const { result } = await reference("aws-prod");
    const { flowRuleContext } = await import("../../components/app/layer");
    const { workloadRules, namespaceWideEgress } =
      await import("../../components/app/network-policies/policies");
    const ctx = flowRuleContext(result.platform!);
    const blocks = (w: Parameters<typeof workloadRules>[0]) =>
      workloadRules(w, ctx).egress.map((r: Loose) => ({
        to: r.to.map(
          (peer: Loose) =>
            peer.ipBlock?.cidr ?? peer.podSelector.matchLabels["app.kubernetes.io/name"],
        ),
        // The database's port is the RDS instance's output: "db" stands for it.
        ports: r.ports.map((port: Loose) => (typeof port.port === "number" ? port.port : "db")),
      }));
    const privateSubnets = ["10.41.0.0/19", "10.41.32.0/19", "10.41.64.0/19"];
    const databaseSubnets = ["10.41.192.0/22", "10.41.196.0/22", "10.41.200.0/22"];
    const port = "db";
    const backend = [
      { to: databaseSubnets, ports: [port] },
      { to: ["rabbitmq"], ports: [5671] },
      { to: privateSubnets, ports: [443] }, // S3 through its interface endpoint
      ...privateSubnets.map((cidr) => ({ to: [cidr], ports: [443] })), // STS (IRSA)
    ];
    for (const w of ["diffgram-default", "diffgram-walrus", "diffgram-eventhandlers"] as const) {
      const rest = { "diffgram-default": 2, "diffgram-walrus": 1, "diffgram-eventhandlers": 0 }[w];
      expect(blocks(w).slice(0, backend.length), w).toEqual(backend);
      expect(blocks(w).length, w).toBe(backend.length + rest);
    }
    expect(blocks("diffgram-default").slice(backend.length)).toEqual([
      { to: ["keycloak"], ports: [8443] },
      { to: ["diffgram-walrus"], ports: [8443] },
    ]);
    expect(blocks("diffgram-walrus").slice(backend.length)).toEqual([
      { to: ["keycloak"], ports: [8443] },
    ]);
    expect(blocks("database-bootstrap")).toEqual([
      { to: databaseSubnets, ports: [port] },
      { to: privateSubnets, ports: [443] }, // Secrets Manager through its interface endpoint
      ...privateSubnets.map((cidr) => ({ to: [cidr], ports: [443] })), // STS (IRSA)
    ]);
    // The proxy reads no Kubernetes API (file provider only): it reaches the app's backends alone.
    expect(blocks("traefik")).toEqual([
      { to: ["diffgram-frontend"], ports: [8443] },
      { to: ["diffgram-default"], ports: [8443] },
      { to: ["diffgram-walrus"], ports: [8443] },
      { to: ["keycloak"], ports: [8443] },
    ]);
    // No address block anywhere reaches outside the VPC (10.41.0.0/16), DNS aside.
    const everyBlock = [
      ...namespaceWideEgress(ctx),
      ...(
        [
          "traefik",
          "diffgram-default",
          "diffgram-walrus",
          "diffgram-eventhandlers",
          "keycloak",
          "keycloak-configure",
          "database-bootstrap",
          "diffgram-migrate",
        ] as const
      ).flatMap((w) => workloadRules(w, ctx).egress),
    ].flatMap((r: Loose) =>
      r.to.flatMap((peer: Loose) => (peer.ipBlock ? [peer.ipBlock.cidr] : [])),
    );
    expect(everyBlock.filter((c: string) => !c.startsWith("10.41."))).toEqual([]);
  });

  it("keeps the load balancer internal when no user network is allowed", async () => {
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: [] }),
    };
    const { result } = await build(parse(raw, "aws-dev"));
    expect(result.platform!.ingress.loadBalancerAnnotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
    });
  });

  it("binds service accounts to roles scoped to the tenant bucket and key, or to nothing", async () => {
    const { resources, result } = await runProgram(() => {
      const t = target.buildAwsTarget(parse(readStackFile("aws-prod"), "aws-prod"));
      const p = t.platform!;
      return {
        t,
        app: p.bindServiceAccount({
          name: "diffgram",
          namespace: "acme",
          serviceAccountName: "diffgram",
          access: "tenant-storage",
        }),
        boot: p.bindServiceAccount({
          name: "db-bootstrap",
          namespace: "acme",
          serviceAccountName: "db-bootstrap",
          access: "database-bootstrap",
        }),
        keycloak: p.bindServiceAccount({
          name: "keycloak",
          namespace: "acme",
          serviceAccountName: "keycloak",
          access: "none",
        }),
        duplicate: (() => {
          try {
            p.bindServiceAccount({
              name: "diffgram",
              namespace: "acme",
              serviceAccountName: "other",
              access: "tenant-storage",
            });
            return "no error";
          } catch (e) {
            return (e as Error).message;
          }
        })(),
      };
    });
    expect(result.keycloak.serviceAccountAnnotations).toEqual({});
    expect(resources.some((r) => r.name.includes("keycloak"))).toBe(false);
    expect(result.duplicate).toContain(
      'AwsFootprint enclave-acme-prod: bindServiceAccount was called twice with name "diffgram". Fix: give each binding its own name',
    );
    const role = named(resources, "aws:iam/role:Role", "enclave-acme-prod-diffgram-role");
    expect(await resolve(result.app.serviceAccountAnnotations["eks.amazonaws.com/role-arn"])).toBe(
      role.state.arn,
    );
    const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
    expect(Object.values(trust.Condition.StringEquals)).toContain(
      "system:serviceaccount:acme:diffgram",
    );
    const policy = JSON.parse(
      named(resources, "aws:iam/rolePolicy:RolePolicy", "enclave-acme-prod-diffgram-policy").inputs
        .policy,
    );
    const storageKey = named(resources, "aws:kms/key:Key", "enclave-acme-prod-storage-key").state
      .arn;
    const resourcesOf = policy.Statement.flatMap((s: { Resource: string | string[] }) =>
      [s.Resource].flat(),
    );
    expect(resourcesOf.sort()).toEqual(
      [
        `arn:aws:s3:::enclave-acme-prod-data-${ACCOUNT}`,
        `arn:aws:s3:::enclave-acme-prod-data-${ACCOUNT}/*`,
        `arn:aws:s3:::enclave-acme-prod-data-${ACCOUNT}/*`,
        storageKey,
      ].sort(),
    );
    expect(await resolve(result.t.outputs["workloadRoleArns"] as Loose)).toEqual({
      diffgram: role.state.arn,
      "db-bootstrap": named(resources, "aws:iam/role:Role", "enclave-acme-prod-db-bootstrap-role")
        .state.arn,
    });
    const bootPolicy = JSON.parse(
      named(resources, "aws:iam/rolePolicy:RolePolicy", "enclave-acme-prod-db-bootstrap-policy")
        .inputs.policy,
    );
    expect(bootPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "MasterSecret",
      "DatabaseKeyThroughSecretsManager",
    ]);
    expect(bootPolicy.Statement[1].Resource).toBe(
      named(resources, "aws:kms/key:Key", "enclave-acme-prod-database-key").state.arn,
    );
  });

  it("reports how to reach the cluster and what protects the data", async () => {
    const { result } = await reference("aws-dev");
    const o = result.outputs as Record<string, Loose>;
    expect(Object.keys(o).sort()).toEqual(
      [
        "accessLogBucketName",
        "adminPlaneAccess",
        "awsRegion",
        "breakGlassRoleArn",
        "bucketName",
        "clusterAdminRoleArn",
        "clusterAdminTrust",
        "clusterEndpoint",
        "clusterName",
        "containerLogGroups",
        "databaseEndpoint",
        "databaseMasterSecretArn",
        "databasePort",
        "flowLogGroup",
        "kmsKeyArns",
        "kubeconfigCommand",
        "trailArn",
        "trailBucketName",
        "vpcEndpointIds",
        "vpcId",
        "workloadRoleArns",
      ].sort(),
    );
    expect(Object.keys(o.kmsKeyArns).sort()).toEqual([
      "cluster",
      "database",
      "logs",
      "storage",
      "volumes",
    ]);
    expect(o.adminPlaneAccess).toBe(
      "EKS API: private endpoint only; connect to the VPC (VPN, Direct Connect or a bastion) from 198.51.100.0/24. IdP admin console: only from 198.51.100.0/24.",
    );
    expect(await resolve(o.kubeconfigCommand)).toBe(
      `aws eks update-kubeconfig --name enclave-acme-dev --region eu-west-1 --role-arn ${await resolve(o.clusterAdminRoleArn)}`,
    );
  });
});

describe("variants", () => {
  it("a 20-character tenant in staging keeps every IAM role name within AWS's 64 characters", async () => {
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:tenant": "a".repeat(20),
      "enclave:environment": "staging",
    };
    const { resources } = await runProgram(() => {
      const t = target.buildAwsTarget(parse(raw, "aws-staging"));
      t.platform!.bindServiceAccount({
        name: "diffgram-eventhandlers",
        namespace: "t",
        serviceAccountName: "x",
        access: "tenant-storage",
      });
      return t;
    });
    const roles = ofType(resources, "aws:iam/role:Role");
    // with the break-glass, database monitoring, backup and container-log agent roles
    expect(roles).toHaveLength(11);
    for (const role of roles) {
      expect(role.inputs.namePrefix.length).toBeLessThanOrEqual(38);
    }
    expect(new Set(roles.map((r) => r.inputs.namePrefix)).size).toBe(roles.length);
  });

  it("client-hosted: no tenant bucket or storage key is created; the app's role reaches only the client's", async () => {
    const KEY = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:isolation": "client-hosted",
      "enclave:clientHosted": JSON.stringify({ bucketName: "client-annotations", kmsKeyArn: KEY }),
    };
    const { resources, result } = await runProgram(() => {
      const t = target.buildAwsTarget(parse(raw, "aws-dev"));
      t.platform!.bindServiceAccount({
        name: "diffgram",
        namespace: "acme",
        serviceAccountName: "diffgram",
        access: "tenant-storage",
      });
      return t;
    });
    expect(count(resources, "aws:s3/bucket:Bucket")).toBe(0);
    expect(ofType(resources, "aws:kms/alias:Alias").map((a) => a.inputs.name)).not.toContain(
      "alias/enclave/acme/dev/storage",
    );
    expect(count(resources, "aws:kms/key:Key")).toBe(4);
    expect(await resolve(result.platform!.storage.bucketName)).toBe("client-annotations");
    expect(await resolve(result.platform!.storage.kmsKeyId)).toBe(KEY);
    const policy = JSON.parse(
      named(resources, "aws:iam/rolePolicy:RolePolicy", "enclave-acme-dev-diffgram-policy").inputs
        .policy,
    );
    expect(
      policy.Statement.find((s: { Sid: string }) => s.Sid === "TenantKeyThroughS3").Resource,
    ).toBe(KEY);
    expect(policy.Statement.find((s: { Sid: string }) => s.Sid === "TenantBucket").Resource).toBe(
      "arn:aws:s3:::client-annotations",
    );
    // Both S3 endpoints reach the client's bucket (and ECR's layers), no other.
    for (const endpoint of [
      "enclave-acme-dev-network-s3-gateway",
      "enclave-acme-dev-network-s3-interface",
    ]) {
      const doc = JSON.parse(
        named(resources, "aws:ec2/vpcEndpoint:VpcEndpoint", endpoint).inputs.policy,
      );
      // The client's account owns it: named exactly, without the own-account condition.
      expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
        "ClientBuckets",
        "EcrImageLayers",
      ]);
      expect(doc.Statement[0].Resource).toEqual([
        "arn:aws:s3:::client-annotations",
        "arn:aws:s3:::client-annotations/*",
      ]);
    }
    const logsKey = named(resources, "aws:kms/key:Key", "enclave-acme-dev-logs-key");
    expect(JSON.parse(logsKey.inputs.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "KeyAdministration",
      "CloudWatchLogsUse",
    ]);
    // The client gets the exact statements for its own bucket and key policies.
    const client = await resolve(result.outputs.clientPolicyStatements as Loose);
    const workloads = `arn:aws:iam::${ACCOUNT}:role/enclave/acme/dev/tenant-storage/*`;
    expect(client.bucketPolicy.map((st: Loose) => st.Sid)).toEqual([
      "EnclaveWorkloadsListBucket",
      "EnclaveWorkloadsObjects",
      "EnclaveDenyOtherPrincipalsOfStackAccount",
      "EnclaveDenyDataOutsideNetworks",
    ]);
    expect(client.bucketPolicy[2].Condition).toEqual({
      StringEquals: { "aws:PrincipalAccount": [ACCOUNT] },
      ArnNotLike: { "aws:PrincipalArn": [workloads] },
    });
    expect(client.bucketPolicy[3].Condition.NotIpAddress).toEqual({
      "aws:SourceIp": ["203.0.113.0/24"],
    });
    expect(client.bucketPolicy[3].Condition.StringNotEquals["aws:SourceVpce"]).toEqual(
      await resolve(result.outputs.vpcEndpointIds as Loose),
    );
    expect(client.keyPolicy[0].Condition).toMatchObject({
      ArnLike: { "aws:PrincipalArn": [workloads] },
      StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] },
    });
    expect(ofType(resources, "aws:iam/role:Role").map((r) => r.name)).not.toContain(
      "enclave-acme-dev-break-glass",
    );
  });

  it("fences the tenant bucket and its key to the workload roles, administrators, deployer and break-glass", async () => {
    const { resources, result } = await runProgram(() => {
      const t = target.buildAwsTarget(parse(readStackFile("aws-dev"), "aws-dev"));
      t.platform!.bindServiceAccount({
        name: "diffgram",
        namespace: "acme",
        serviceAccountName: "diffgram",
        access: "tenant-storage",
      });
      return t;
    });
    const role = (n: string) => named(resources, "aws:iam/role:Role", n).state.arn as string;
    const workloads = `arn:aws:iam::${ACCOUNT}:role/enclave/acme/dev/tenant-storage/*`;
    const breakGlass = role("enclave-acme-dev-break-glass");
    const deployer = [
      `arn:aws:iam::${ACCOUNT}:role/deployer`,
      `arn:aws:iam::${ACCOUNT}:role/*/deployer`,
    ];
    const principals = [workloads, role("enclave-acme-dev-cluster-admin"), breakGlass, ...deployer];
    // The workload role sits on the path the perimeter names, created after the bucket.
    expect(
      named(resources, "aws:iam/role:Role", "enclave-acme-dev-diffgram-role").inputs.path,
    ).toBe("/enclave/acme/dev/tenant-storage/");
    const bucketPolicy = named(
      resources,
      "aws:s3/bucketPolicy:BucketPolicy",
      "enclave-acme-dev-data-policy",
    ).inputs.policy;
    expect(statement(bucketPolicy, "DenyPrincipalsOutsidePerimeter").Condition).toEqual({
      ArnNotLike: { "aws:PrincipalArn": principals },
    });
    expect(statement(bucketPolicy, "DenyProtectionChangesButGuardians").Condition).toEqual({
      ArnNotLike: { "aws:PrincipalArn": [breakGlass, ...deployer] },
    });
    const network = statement(bucketPolicy, "DenyDataOutsideNetworks").Condition;
    expect(network.NotIpAddress).toEqual({ "aws:SourceIp": ["203.0.113.0/24"] });
    expect(network.StringNotEquals["aws:SourceVpce"]).toEqual(
      await resolve(result.outputs.vpcEndpointIds as Loose),
    );
    const keyPolicy = named(resources, "aws:kms/key:Key", "enclave-acme-dev-storage-key").inputs
      .policy;
    for (const sid of ["AccountUseViaS3ForTenantBucket", "AccountDescribeViaS3"]) {
      expect(statement(keyPolicy, sid).Condition.ArnLike).toEqual({
        "aws:PrincipalArn": principals,
      });
    }
    // Break-glass: MFA required, rights on this bucket and key only.
    const trust = JSON.parse(
      named(resources, "aws:iam/role:Role", "enclave-acme-dev-break-glass").inputs.assumeRolePolicy,
    );
    expect(trust.Statement[0].Condition).toEqual({
      Bool: { "aws:MultiFactorAuthPresent": "true" },
    });
    const rights = named(
      resources,
      "aws:iam/rolePolicy:RolePolicy",
      "enclave-acme-dev-break-glass-bucket",
    ).inputs.policy;
    expect(statement(rights, "TenantBucketProtection").Resource).toBe(
      "arn:aws:s3:::enclave-acme-dev-data-111122223333",
    );
    expect(await resolve(result.outputs.breakGlassRoleArn as Loose)).toBe(breakGlass);
  });

  it("air-gapped: no NAT, no internet gateway, an internal load balancer; AWS APIs through endpoints", async () => {
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:aws": JSON.stringify({ nat: "none", ingressScheme: "internal" }),
    };
    const { resources, result } = await build(parse(raw, "aws-dev"));
    expect(count(resources, "aws:ec2/natGateway:NatGateway")).toBe(0);
    expect(count(resources, "aws:ec2/internetGateway:InternetGateway")).toBe(0);
    expect(count(resources, "aws:ec2/vpcEndpoint:VpcEndpoint")).toBe(11);
    expect(
      result.platform!.ingress.loadBalancerAnnotations[
        "service.beta.kubernetes.io/aws-load-balancer-internal"
      ],
    ).toBe("true");
  });

  it("public API endpoint: open only to the admin allowlist, reported in the outputs", async () => {
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:aws": JSON.stringify({ publicApiEndpoint: true }),
    };
    const { resources, result } = await build(parse(raw, "aws-dev"));
    expect(
      named(resources, "aws:eks/cluster:Cluster", "enclave-acme-dev-cluster-eks").inputs.vpcConfig,
    ).toMatchObject({
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.0/24"],
    });
    expect((result.outputs as Record<string, string>).adminPlaneAccess).toBe(
      "EKS API: private endpoint inside the VPC, and public endpoint limited to 198.51.100.0/24. IdP admin console: only from 198.51.100.0/24.",
    );
  });

  it("kmsAdminRoleArns replace the account root as key administrators; cluster admins get access entries", async () => {
    const raw = {
      ...readStackFile("aws-dev"),
      "enclave:aws": JSON.stringify({
        kmsAdminRoleArns: ["arn:aws:iam::111122223333:role/key-admins"],
        clusterAdminRoleArns: ["arn:aws:iam::111122223333:role/platform-admins"],
        createAutoscalingServiceLinkedRole: true,
      }),
    };
    const { resources } = await build(parse(raw, "aws-dev"));
    for (const key of ofType(resources, "aws:kms/key:Key")) {
      expect(JSON.parse(key.inputs.policy).Statement[0].Principal).toEqual({
        AWS: ["arn:aws:iam::111122223333:role/key-admins"],
      });
    }
    expect(
      ofType(resources, "aws:eks/accessEntry:AccessEntry").map((e) => e.inputs.principalArn),
    ).toEqual([
      named(resources, "aws:iam/role:Role", "enclave-acme-dev-cluster-admin").state.arn,
      "arn:aws:iam::111122223333:role/platform-admins",
    ]);
    const slr = named(
      resources,
      "aws:iam/serviceLinkedRole:ServiceLinkedRole",
      "enclave-acme-dev-autoscaling-slr",
    );
    expect(slr.inputs.awsServiceName).toBe("autoscaling.amazonaws.com");
    expect(slr.retainOnDelete).toBe(true);
  });
});
