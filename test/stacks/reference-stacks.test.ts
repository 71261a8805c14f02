import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { expandFlows, isWorkload, WORKLOADS } from "../../components/app/network-policies/flows";
import { controlStandings, policyEvidence } from "../../review/evidence";
import { networkFlows } from "../../review/flows";
import type { ReviewedResource, StackReview } from "../../review/model";
import { renderMarkdown } from "../../review/report/markdown";
import { listStacks, loadProgram } from "../../review/program";
import { discoverPacks, runReview } from "../../review/review";
import clusterAdmin from "../../policy-packs/policies/aws/aws-eks-accesspolicyassociation-restrict-cluster-admin";
import rootTrust from "../../policy-packs/policies/aws/aws-iam-role-disallow-unconditional-root-trust";
import { stackViolationsOf, violationsOf, withValue } from "../helpers/aws-policies";
import { resourcePolicyNamed } from "../helpers/kubernetes-policy";
import { PLATFORM_OUTPUTS } from "../../stacks/targets/platform-outputs";
import { GCP_PLATFORM_OUTPUTS } from "../../stacks/targets/gcp-platform-outputs";

/**
 * Every reference stack in stacks/ reviews clean, offline, through the real reviewer: the
 * program under the mock engine and every enclave pack over the analyzer protocol, at the
 * levels the packs ship (mandatory).
 */
const ROOT = path.resolve(__dirname, "../..");
let reviews: StackReview[];

beforeAll(async () => {
  reviews = await runReview({
    programDir: ROOT,
    stacks: { kind: "all" },
    packDirs: discoverPacks(),
    awsAccountId: "123456789012",
    organization: "organization",
    today: new Date().toISOString().slice(0, 10),
  });
}, 240_000);

const ofType = (r: StackReview, type: string) => r.resources.filter((x) => x.type === type);
const review = (stack: string) => reviews.find((r) => r.stack === stack)!;
/** Stacks that run the app (every stack but a platform: enclave:stackRole platform). */
const appStacks = () => reviews.filter((r) => r.outputs["stackRole"] !== "platform");

describe("reference stacks", () => {
  it("are the stacks in stacks/, each reviewed", () => {
    expect(reviews.map((r) => r.stack)).toEqual(listStacks(loadProgram(ROOT)));
    expect(reviews.map((r) => r.stack)).toEqual([
      "aws-client-hosted",
      "aws-dev",
      "aws-platform",
      "aws-prod",
      "aws-tenant-dedicated",
      "aws-tenant-shared-db",
      "gcp-dev",
      "gcp-platform",
      "gcp-prod",
      "gcp-tenant-dedicated",
      "onprem-dev",
      "onprem-shared",
    ]);
    expect(appStacks().map((r) => r.stack)).toEqual([
      "aws-client-hosted",
      "aws-dev",
      "aws-prod",
      "aws-tenant-dedicated",
      "aws-tenant-shared-db",
      "gcp-dev",
      "gcp-prod",
      "gcp-tenant-dedicated",
      "onprem-dev",
      "onprem-shared",
    ]);
  });

  it("review clean with every pack at mandatory: no error, no violation, nothing waived but GCP's storage keys", () => {
    for (const r of reviews) {
      // On GCP, Diffgram's two rotating storage keys (docs/gcp.md), waived by name and expiring;
      // a tenant on a GCP platform also waives the project's storage audit config (the platform's).
      const keys = (prefix: string) =>
        ["key-a", "key-b"].map((slot) => [
          "gcp-serviceaccount-key-disallow-user-managed",
          `${prefix}-diffgram-storage-${slot}`,
        ]);
      const expectedWaived: Record<string, string[][]> = {
        "gcp-dev": keys("enclave-acme-dev"),
        "gcp-prod": keys("enclave-acme-prod"),
        "gcp-tenant-dedicated": [
          ["gcp-storage-bucket-require-data-access-logs", "enclave-globex-dev-storage-data"],
          ...keys("enclave-globex-dev"),
        ],
      };
      expect({
        stack: r.stack,
        errors: r.errors,
        violations: r.violations,
        waived: r.waived.map((w) => [w.policy, (w.urn ?? "").split("::").pop()]),
      }).toEqual({
        stack: r.stack,
        errors: [],
        violations: [],
        waived: expectedWaived[r.stack] ?? [],
      });
      expect(r.packs.map((p) => p.name)).toEqual([
        "enclave-data-protection",
        "enclave-encryption",
        "enclave-least-privilege",
        "enclave-workload-security",
      ]);
      // Mandatory, except the one policy that only says what the packs could not see.
      expect(
        r.packs
          .flatMap((p) => p.policies)
          .filter((p) => p.enforcementLevel !== "mandatory")
          .map((p) => [p.name, p.enforcementLevel]),
      ).toEqual([["kubernetes-helm-release-require-visible-workloads", "advisory"]]);
    }
  });

  it.each(["gcp-dev", "gcp-prod"])(
    "%s holds the cluster, the keys, the buckets, Cloud SQL and the VPC, every stateful part protected, and the same app layer",
    (stack) => {
      const r = review(stack);
      const env = stack.slice(4);
      expect(ofType(r, "gcp:container/cluster:Cluster")).toHaveLength(1);
      expect(ofType(r, "gcp:kms/cryptoKey:CryptoKey").length).toBeGreaterThanOrEqual(3);
      expect(
        ofType(r, "gcp:storage/bucket:Bucket")
          .map((b) => b.name)
          .sort(),
      ).toEqual([`enclave-acme-${env}-storage-access-logs`, `enclave-acme-${env}-storage-data`]);
      expect(ofType(r, "gcp:sql/databaseInstance:DatabaseInstance")).toHaveLength(1);
      expect(ofType(r, "gcp:compute/network:Network")).toHaveLength(1);
      const stateful = [
        "gcp:container/cluster:Cluster",
        "gcp:kms/keyRing:KeyRing",
        "gcp:kms/cryptoKey:CryptoKey",
        "gcp:storage/bucket:Bucket",
        "gcp:sql/databaseInstance:DatabaseInstance",
        "gcp:secretmanager/secret:Secret",
      ];
      expect(
        r.resources.filter((x) => stateful.includes(x.type) && !x.protect).map((x) => x.name),
      ).toEqual([]);
      // Nothing of another cloud; Cloud Storage's Data Access audit logs are on.
      expect(r.resources.filter((x) => x.type.startsWith("aws:"))).toEqual([]);
      expect(ofType(r, "gcp:projects/iAMAuditConfig:IAMAuditConfig")[0]!.inputs).toMatchObject({
        service: "storage.googleapis.com",
      });
      // The app layer, unchanged, on the GKE cluster.
      const deployments = ofType(r, "kubernetes:apps/v1:Deployment").map((x) => x.name);
      expect(deployments).toContain("enclave-diffgram-default");
      expect(deployments).toContain("enclave-keycloak-deployment");
      expect(ofType(r, "kubernetes:apps/v1:StatefulSet").map((x) => x.name)).toContain(
        "enclave-rabbitmq-statefulset",
      );
    },
  );

  it.each(["aws-dev", "aws-prod"])(
    "%s holds the AWS footprint of issue 3, stateful parts protected",
    (stack) => {
      const r = review(stack);
      const protectedAll = (xs: ReviewedResource[]) => xs.every((x) => x.protect);
      const clusters = ofType(r, "aws:eks/cluster:Cluster");
      const keys = ofType(r, "aws:kms/key:Key");
      const buckets = ofType(r, "aws:s3/bucket:Bucket").concat(
        ofType(r, "aws:s3/bucketV2:BucketV2"),
      );
      const databases = ofType(r, "aws:rds/instance:Instance");
      expect(clusters).toHaveLength(1);
      expect(keys.length).toBeGreaterThanOrEqual(4);
      expect(buckets).toHaveLength(3);
      expect(databases).toHaveLength(1);
      // The stack's trail, delivering into its own Object Lock bucket (COMPLIANCE in prod).
      const trails = ofType(r, "aws:cloudtrail/trail:Trail");
      expect(trails).toHaveLength(1);
      expect(trails[0]!.inputs).toMatchObject({
        enableLogFileValidation: true,
        isMultiRegionTrail: true,
      });
      const trailBucket = buckets.find((b) => b.name.endsWith("-audit-logs-bucket"))!;
      expect(trailBucket.inputs["objectLockEnabled"]).toBe(true);
      const locks = ofType(
        r,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      ).filter((l) => l.name.endsWith("-audit-logs-object-lock"));
      expect(locks).toHaveLength(1);
      expect(locks[0]!.inputs["rule"]).toMatchObject({
        defaultRetention: { mode: stack === "aws-prod" ? "COMPLIANCE" : "GOVERNANCE" },
      });
      expect(ofType(r, "aws:ec2/vpcEndpoint:VpcEndpoint").length).toBeGreaterThanOrEqual(2);
      expect(ofType(r, "aws:ec2/flowLog:FlowLog")).toHaveLength(1);
      expect(protectedAll([...clusters, ...keys, ...buckets, ...databases, ...trails])).toBe(true);
    },
  );

  it.each(["aws-dev", "aws-prod"])(
    "%s: cert-manager is resources the packs judge, its pods by the workload-security pack",
    (stack) => {
      const r = review(stack);
      expect(r.resources.filter((x) => x.type.startsWith("kubernetes:helm.sh/"))).toEqual([]);
      const meta = (x: ReviewedResource) =>
        x.inputs["metadata"] as { name: string; namespace?: string };
      const deployments = ofType(r, "kubernetes:apps/v1:Deployment").filter(
        (d) => meta(d).namespace === "cert-manager",
      );
      expect(deployments.map((d) => meta(d).name).sort()).toEqual([
        "cert-manager",
        "cert-manager-cainjector",
        "cert-manager-webhook",
      ]);
      // Every pod policy of the workload-security pack judged the stack's pod owners, these
      // among them, and passed.
      const judged = policyEvidence(r).filter(
        (p) =>
          p.pack === "enclave-workload-security" && p.policy.startsWith("kubernetes-core-pod-"),
      );
      expect(judged.length).toBeGreaterThanOrEqual(20);
      const podOwners = r.resources.filter((x) =>
        /^kubernetes:(apps\/v1:(Deployment|StatefulSet)|batch\/v1:Job)$/.test(x.type),
      ).length;
      for (const p of judged) {
        expect([p.policy, p.status]).toEqual([p.policy, "passed"]);
        expect(p.resourcesJudged, p.policy).toBeGreaterThanOrEqual(podOwners);
      }
      // The same inputs the packs saw, judged again in-process: clean as reviewed, and each
      // Deployment flagged once one property is changed.
      const privileged = resourcePolicyNamed("kubernetes-core-pod-disallow-privileged");
      const escalation = resourcePolicyNamed("kubernetes-core-pod-disallow-privilege-escalation");
      const digest = resourcePolicyNamed("kubernetes-core-pod-require-image-digest");
      const container = "spec.template.spec.containers.0";
      for (const d of deployments) {
        const inputs = d.inputs as Record<string, unknown>;
        const spec = inputs["spec"] as { template: { spec: { containers: { image: string }[] } } };
        const image = spec.template.spec.containers[0]!.image;
        const changed = (path: string, value: unknown) =>
          withValue(inputs, `${container}.${path}`, value);
        for (const p of [privileged, escalation, digest]) {
          expect(violationsOf(p, d.type, inputs), `${meta(d).name} ${p.name}`).toEqual([]);
        }
        expect(
          violationsOf(privileged, d.type, changed("securityContext.privileged", true)),
        ).toHaveLength(1);
        expect(
          violationsOf(
            escalation,
            d.type,
            changed("securityContext.allowPrivilegeEscalation", true),
          ),
        ).toHaveLength(1);
        expect(violationsOf(digest, d.type, changed("image", image.split("@")[0]))).toHaveLength(1);
      }
    },
  );

  it("every stack but the platform carries the app layer: restricted namespace, Keycloak, Diffgram, RabbitMQ", () => {
    for (const r of appStacks()) {
      const namespaces = ofType(r, "kubernetes:core/v1:Namespace");
      const tenant = namespaces.find(
        (n) =>
          (n.inputs["metadata"] as { labels?: Record<string, string> })?.labels?.[
            "pod-security.kubernetes.io/enforce"
          ] === "restricted",
      );
      expect(tenant, r.stack).toBeDefined();
      const workloads = [
        ...ofType(r, "kubernetes:apps/v1:Deployment"),
        ...ofType(r, "kubernetes:apps/v1:StatefulSet"),
      ].map((d) => d.name);
      for (const part of [
        "keycloak",
        "rabbitmq",
        "default",
        "walrus",
        "eventhandlers",
        "frontend",
      ]) {
        expect(
          workloads.some((n) => n.includes(part)),
          `${r.stack}: ${part} in ${workloads.join(", ")}`,
        ).toBe(true);
      }
    }
  });

  it("aws-prod: operators reach the tenant namespace only, through the group the RoleBinding names; cluster admin is break-glass", () => {
    const r = review("aws-prod");
    const entries = ofType(r, "aws:eks/accessEntry:AccessEntry");
    const operator = entries.filter((e) => e.inputs["kubernetesGroups"] !== undefined);
    expect(operator.map((e) => [e.inputs["principalArn"], e.inputs["kubernetesGroups"]])).toEqual([
      ["arn:aws:iam::123456789012:role/acme-operators", ["enclave:tenant-operators"]],
    ]);
    const binding = ofType(r, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").find(
      (b) => (b.inputs["metadata"] as { name?: string }).name === "tenant-operator",
    );
    expect(binding?.inputs["subjects"]).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "enclave:tenant-operators" },
    ]);
    expect((binding?.inputs["metadata"] as { namespace?: string }).namespace).toBe("enclave-acme");
    // The one cluster-wide association is the break-glass role's.
    const associations = ofType(r, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-cluster-admin"))!;
    expect(associations.map((a) => a.outputs["principalArn"])).toEqual([role.outputs["arn"]]);
    expect(role.outputs["tags"]).toMatchObject({ "enclave:break-glass": "true" });
  });

  it("aws-prod: the two operator policies judge the reviewed resources and fire once the marks are gone", () => {
    const r = review("aws-prod");
    const asStack = (strip: boolean) =>
      r.resources
        .filter((x) => x.custom)
        .map((x) => {
          const tags = { ...(x.outputs["tags"] as Record<string, string> | undefined) };
          const tagsAll = { ...(x.outputs["tagsAll"] as Record<string, string> | undefined) };
          if (strip) {
            delete tags["enclave:break-glass"];
            delete tagsAll["enclave:break-glass"];
          }
          return { type: x.type, name: x.name, props: { ...x.outputs, tags, tagsAll } };
        });
    expect(stackViolationsOf(clusterAdmin, asStack(false))).toEqual([]);
    expect(stackViolationsOf(clusterAdmin, asStack(true)).map((v) => v.urn)).toEqual([
      expect.stringContaining("AccessPolicyAssociation::enclave-acme-prod-cluster-admin-0"),
    ]);
    const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-cluster-admin"))!;
    expect(violationsOf(rootTrust, "aws:iam/role:Role", { ...role.inputs })).toEqual([]);
    const preFix = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountPrincipals",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    expect(
      violationsOf(rootTrust, "aws:iam/role:Role", { ...role.inputs, assumeRolePolicy: preFix }),
    ).toHaveLength(1);
  });

  it("cite as evidence only policies that judged their resources, each stack on its own (--all)", () => {
    /** Policies named as passing in the evidenced rows of the stack's Markdown. */
    const cited = (r: StackReview) => {
      const rows = renderMarkdown([r])
        .split("\n")
        .filter((l) => /^\| [A-Z]{2}-\d[^|]*\| evidenced \|/.test(l));
      return new Set(
        rows.flatMap((l) =>
          [...l.matchAll(/`([a-z0-9-]+)` \(\d+ resources?\)/g)].map((m) => m[1]!),
        ),
      );
    };
    const providers = (r: StackReview) => new Set([...cited(r)].map((p) => p.split("-")[0]));
    expect(providers(review("aws-dev"))).toEqual(new Set(["aws", "kubernetes", "pulumi"]));
    expect(providers(review("aws-prod"))).toEqual(new Set(["aws", "kubernetes", "pulumi"]));
    expect(providers(review("onprem-dev"))).toEqual(new Set(["kubernetes", "pulumi"]));
    expect(providers(review("gcp-dev"))).toEqual(new Set(["gcp", "kubernetes", "pulumi"]));
    for (const r of reviews) {
      for (const c of controlStandings(r)) {
        const ran = c.policies.filter((p) => p.status === "passed");
        // A waived finding (GCP's storage keys) makes its controls "waived", never "evidenced".
        const waived = c.policies.some((p) => p.status === "waived");
        expect([r.stack, c.control, c.status === "evidenced"]).toEqual([
          r.stack,
          c.control,
          ran.length > 0 && !waived,
        ]);
        expect(ran.every((p) => p.resourcesJudged > 0)).toBe(true);
      }
    }
    // One run, one pack process per pack: the statuses still belong to each stack.
    const status = (stack: string, policy: string) =>
      policyEvidence(review(stack)).find((e) => e.policy === policy)!.status;
    expect(status("aws-dev", "aws-kms-key-enable-rotation")).toBe("passed");
    expect(status("onprem-dev", "aws-kms-key-enable-rotation")).toBe("not applicable");
    expect(status("aws-dev", "aws-rds-database-enable-multi-az")).toBe("passed");
    expect(status("onprem-dev", "aws-rds-database-enable-multi-az")).toBe("not applicable");
    for (const r of reviews) {
      const gcp = r.stack.startsWith("gcp-");
      expect(status(r.stack, "gcp-kms-cryptokey-enable-rotation")).toBe(
        gcp ? "passed" : "not applicable",
      );
      if (gcp) {
        expect(status(r.stack, "aws-kms-key-enable-rotation")).toBe("not applicable");
      }
      expect(status(r.stack, "kubernetes-core-pod-disallow-privileged")).toBe("passed");
    }
  });

  it("each Markdown holds the flow diagram; its pod-to-pod edges are the flow table's", () => {
    const table = expandFlows({
      identityEndpoints: [],
      cloudSecretStore: false,
      databasePort: 5432,
      objectStoragePort: 443,
    })
      .filter((f) => isWorkload(f.from) && isWorkload(f.to))
      .map((f) => `${f.from} -> ${f.to} ${f.port}/${f.protocol}`);
    for (const r of appStacks()) {
      const markdown = renderMarkdown([r]);
      expect(markdown, r.stack).toMatch(/\n```mermaid\nflowchart LR\n[\s\S]+?\n```\n/);
      const graph = networkFlows(r.resources);
      const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
      const tenant = graph.nodes.find((n) => n.label === "traefik")!.zone;
      const pods = (id: string): string[] => {
        const n = nodes.get(id)!;
        if (n.zone !== tenant) {
          return [];
        }
        return n.label === "all pods" ? [...WORKLOADS] : isWorkload(n.label) ? [n.label] : [];
      };
      const drawn = graph.edges.flatMap((e) =>
        pods(e.from).flatMap((f) => pods(e.to).map((t) => `${f} -> ${t} ${e.port}`)),
      );
      expect([...new Set(drawn)].sort(), r.stack).toEqual([...new Set(table)].sort());
    }
  });
});

describe("reference stacks: a platform and a dedicated tenant on it (--all)", () => {
  const types = (r: StackReview) => new Set(r.resources.map((x) => x.type));

  it("aws-platform builds the network, the cluster, cert-manager and the shared database, and nothing of a tenant", () => {
    const r = review("aws-platform");
    expect(ofType(r, "aws:eks/cluster:Cluster")).toHaveLength(1);
    expect(ofType(r, "aws:ec2/vpc:Vpc")).toHaveLength(1);
    const namespaces = ofType(r, "kubernetes:core/v1:Namespace").map(
      (n) => (n.inputs["metadata"] as { name: string }).name,
    );
    // enclave:aws.sharedDatabase: the instance its tenants may share, administered from its own namespace.
    expect(namespaces.sort()).toEqual(["cert-manager", "database-admin"]);
    expect(ofType(r, "aws:rds/instance:Instance").map((i) => i.inputs["identifier"])).toEqual([
      "enclave-platform-dev-db",
    ]);
    for (const tenantType of [
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucket:Bucket",
      "aws:cloudtrail/trail:Trail",
      "kubernetes:apps/v1:StatefulSet",
    ]) {
      expect(types(r).has(tenantType), tenantType).toBe(false);
    }
    const deployments = ofType(r, "kubernetes:apps/v1:Deployment").map(
      (d) => (d.inputs["metadata"] as { name: string }).name,
    );
    expect(deployments.sort()).toEqual([
      "cert-manager",
      "cert-manager-cainjector",
      "cert-manager-webhook",
    ]);
    // What tenants read, the kubeconfig a secret.
    expect(Object.keys(r.outputs)).toEqual(expect.arrayContaining([...PLATFORM_OUTPUTS]));
    expect(r.outputs["kubeconfig"]).toBe("[secret]");
    expect(r.outputs["stackRole"]).toBe("platform");
    // Tenants' buckets come later, from their own stacks: the S3 endpoints admit this account's
    // enclave buckets by name (this account's only), the client bucket it lists, and no other.
    const s3 = ofType(r, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) =>
      String(e.inputs["serviceName"]).endsWith(".s3"),
    );
    expect(s3).toHaveLength(2);
    for (const endpoint of s3) {
      const policy = JSON.parse(String(endpoint.inputs["policy"])) as {
        Statement: { Sid: string; Resource: string[]; Condition: unknown }[];
      };
      const own = policy.Statement.find((x) => x.Sid === "ThisStacksBuckets")!;
      expect(own.Resource).toEqual([
        "arn:aws:s3:::enclave-*-123456789012",
        "arn:aws:s3:::enclave-*-123456789012/*",
      ]);
      expect(own.Condition).toEqual({
        StringEquals: {
          "aws:PrincipalAccount": "123456789012",
          "aws:ResourceAccount": "123456789012",
        },
      });
      expect(policy.Statement.find((x) => x.Sid === "ClientBuckets")!.Resource).toEqual([
        "arn:aws:s3:::initech-training-data",
        "arn:aws:s3:::initech-training-data/*",
      ]);
    }
  });

  it("aws-tenant-dedicated creates no cluster and no VPC, and runs its app on the platform's", () => {
    const r = review("aws-tenant-dedicated");
    const platform = review("aws-platform");
    for (const platformType of [
      "aws:eks/cluster:Cluster",
      "aws:eks/nodeGroup:NodeGroup",
      "aws:ec2/vpc:Vpc",
      "aws:ec2/subnet:Subnet",
      "aws:ec2/vpcEndpoint:VpcEndpoint",
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    ]) {
      expect(types(r).has(platformType), platformType).toBe(false);
    }
    expect(r.errors).toEqual([]);
    expect(r.outputs["platformStack"]).toBe("aws-platform");
    expect(r.outputs["clusterName"]).toBe(platform.outputs["clusterName"]);
    // Its own data: one database (in the platform's database subnets), its buckets, its trail.
    expect(ofType(r, "aws:rds/instance:Instance")).toHaveLength(1);
    const [subnetGroup] = ofType(r, "aws:rds/subnetGroup:SubnetGroup");
    expect(subnetGroup!.inputs["subnetIds"]).toEqual(platform.outputs["databaseSubnetIds"]);
    const databaseSg = ofType(r, "aws:ec2/securityGroup:SecurityGroup").find((g) =>
      g.name.endsWith("-database-sg"),
    );
    expect(databaseSg!.inputs["vpcId"]).toBe(platform.outputs["vpcId"]);
    expect(databaseSg!.inputs["ingress"]).toMatchObject([
      { fromPort: 5432, securityGroups: [platform.outputs["clusterSecurityGroupId"]] },
    ]);
    // Its bucket admits requests through the platform's VPC endpoints.
    const [bucketPolicy] = ofType(r, "aws:s3/bucketPolicy:BucketPolicy").filter((p) =>
      p.name.endsWith("-data-policy"),
    );
    for (const vpce of platform.outputs["vpcEndpointIds"] as string[]) {
      expect(String(bucketPolicy!.inputs["policy"])).toContain(vpce);
    }
    expect(ofType(r, "aws:cloudtrail/trail:Trail")).toHaveLength(1);
    expect(
      ofType(r, "aws:kms/key:Key")
        .map((k) => k.name)
        .sort(),
    ).toEqual([
      "enclave-globex-dev-database-key",
      "enclave-globex-dev-logs-key",
      "enclave-globex-dev-storage-key",
    ]);
    // Its IRSA roles trust the platform's OIDC provider, for its own namespace only.
    const irsa = ofType(r, "aws:iam/role:Role").filter((x) =>
      String(x.inputs["assumeRolePolicy"]).includes("AssumeRoleWithWebIdentity"),
    );
    expect(irsa.length).toBeGreaterThanOrEqual(4);
    for (const role of irsa) {
      const trust = String(role.inputs["assumeRolePolicy"]);
      expect(trust).toContain(String(platform.outputs["oidcProviderArn"]));
      expect(trust).toContain("system:serviceaccount:enclave-globex:");
    }
    // Kubernetes objects go to the platform's cluster, through the tenant's own provider.
    const [provider] = ofType(r, "pulumi:providers:kubernetes");
    expect(provider!.inputs["kubeconfig"]).toBe("[secret]");
    // Its namespace only: cert-manager is the platform's.
    expect(
      ofType(r, "kubernetes:core/v1:Namespace").map(
        (n) => (n.inputs["metadata"] as { name: string }).name,
      ),
    ).toEqual(["enclave-globex"]);
  });

  it("aws-tenant-shared-db takes a database and role on the platform's shared instance: no instance, key or backup of its own, no master secret in its namespace", () => {
    const r = review("aws-tenant-shared-db");
    const platform = review("aws-platform");
    const shared = platform.outputs["sharedDatabase"] as Record<string, string>;
    expect(r.errors).toEqual([]);
    for (const type of [
      "aws:rds/instance:Instance",
      "aws:rds/parameterGroup:ParameterGroup",
      "aws:backup/vault:Vault",
      "aws:backup/plan:Plan",
      "aws:eks/cluster:Cluster",
    ]) {
      expect(types(r).has(type), type).toBe(false);
    }
    expect(
      ofType(r, "aws:kms/key:Key")
        .map((k) => k.name)
        .sort(),
    ).toEqual(["enclave-hooli-dev-logs-key", "enclave-hooli-dev-storage-key"]);
    expect(r.outputs["databaseEndpoint"]).toBe(shared["host"]);
    expect(r.outputs["databaseMasterSecretArn"]).toBeUndefined();
    // The bootstrap Job runs in the platform's namespace, as the platform's service account.
    const inputs = (x: ReviewedResource) =>
      x.inputs as { metadata: { namespace?: string; name?: string }; spec?: Record<string, any> };
    const bootstrap = ofType(r, "kubernetes:batch/v1:Job").filter((j) =>
      JSON.stringify(j.inputs).includes("ADMIN_SECRET_ID"),
    );
    expect(bootstrap).toHaveLength(1);
    const job = inputs(bootstrap[0]!);
    expect(job.metadata.namespace).toBe("database-admin");
    expect(job.spec!["template"].spec.serviceAccountName).toBe("database-admin");
    const env = job.spec!["template"].spec.containers[0].env as { name: string; value?: string }[];
    expect(env.find((e) => e.name === "ADMIN_SECRET_ID")!.value).toBe(shared["masterSecretArn"]);
    expect(env.find((e) => e.name === "PGHOST")!.value).toBe(shared["host"]);
    // Nothing in the tenant's namespace names the master secret; no IRSA role of the tenant may read it.
    const inTenant = r.resources.filter(
      (x) => x.type.startsWith("kubernetes:") && inputs(x).metadata?.namespace === "enclave-hooli",
    );
    expect(inTenant.length).toBeGreaterThan(10);
    for (const x of inTenant) {
      expect(JSON.stringify(x.inputs), x.name).not.toContain(shared["masterSecretArn"]);
      expect(JSON.stringify(x.inputs), x.name).not.toContain("ADMIN_SECRET_ID");
    }
    for (const x of r.resources.filter((x) => x.type.startsWith("aws:iam/"))) {
      expect(JSON.stringify(x.inputs), x.name).not.toContain("secretsmanager:GetSecretValue");
    }
    expect(
      ofType(r, "kubernetes:core/v1:ServiceAccount").map((x) => inputs(x).metadata.name),
    ).not.toContain("database-bootstrap");
    // In the platform's namespace, the tenant's objects carry the tenant.
    const inAdmin = r.resources.filter(
      (x) => x.type.startsWith("kubernetes:") && inputs(x).metadata?.namespace === "database-admin",
    );
    expect(
      inAdmin
        .map((x) => `${x.type.split(":")[2]} ${inputs(x).metadata.name ?? "(generated)"}`)
        .sort(),
    ).toEqual([
      "ConfigMap database-bootstrap-hooli",
      "ConfigMap database-ca-hooli",
      "Job (generated)",
      "Secret hooli-diffgram-db",
      "Secret hooli-keycloak-db",
    ]);
  });
});

describe("reference stacks: a GCP platform and a dedicated tenant on it (--all)", () => {
  const types = (r: StackReview) => new Set(r.resources.map((x) => x.type));

  it("gcp-platform builds the VPC, the PSA range, the cluster and cert-manager, and nothing of a tenant", () => {
    const r = review("gcp-platform");
    for (const type of [
      "gcp:compute/network:Network",
      "gcp:compute/globalAddress:GlobalAddress",
      "gcp:servicenetworking/connection:Connection",
      "gcp:container/cluster:Cluster",
      "gcp:container/nodePool:NodePool",
      "gcp:binaryauthorization/policy:Policy",
      "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    ]) {
      expect(ofType(r, type), type).toHaveLength(1);
    }
    for (const tenantType of [
      "gcp:storage/bucket:Bucket",
      "gcp:sql/databaseInstance:DatabaseInstance",
      "gcp:serviceaccount/key:Key",
      "kubernetes:apps/v1:StatefulSet",
    ]) {
      expect(types(r).has(tenantType), tenantType).toBe(false);
    }
    expect(
      ofType(r, "kubernetes:core/v1:Namespace").map(
        (n) => (n.inputs["metadata"] as { name: string }).name,
      ),
    ).toEqual(["cert-manager"]);
    expect(Object.keys(r.outputs)).toEqual(expect.arrayContaining([...GCP_PLATFORM_OUTPUTS]));
    expect(r.outputs["kubeconfig"]).toBe("[secret]");
    expect(r.outputs["stackRole"]).toBe("platform");
    // The project's Binary Authorization policy admits the tenant's mirror.
    expect(r.outputs["admittedImages"]).toContain(
      "europe-west1-docker.pkg.dev/annotate-fleet-dev/mirror/**",
    );
  });

  it("gcp-tenant-dedicated creates no VPC, subnet, cluster or node pool, and runs its app on the platform's", () => {
    const r = review("gcp-tenant-dedicated");
    const platform = review("gcp-platform");
    for (const platformType of [
      "gcp:compute/network:Network",
      "gcp:compute/subnetwork:Subnetwork",
      "gcp:compute/globalAddress:GlobalAddress",
      "gcp:servicenetworking/connection:Connection",
      "gcp:container/cluster:Cluster",
      "gcp:container/nodePool:NodePool",
      "gcp:binaryauthorization/policy:Policy",
      "gcp:projects/iAMAuditConfig:IAMAuditConfig",
      "gcp:projects/service:Service",
    ]) {
      expect(types(r).has(platformType), platformType).toBe(false);
    }
    expect(r.errors).toEqual([]);
    expect(r.outputs["platformStack"]).toBe("gcp-platform");
    expect(r.outputs["clusterName"]).toBe(platform.outputs["clusterName"]);
    // Its Cloud SQL instance takes an address from the platform's PSA range, in its VPC.
    const [instance] = ofType(r, "gcp:sql/databaseInstance:DatabaseInstance");
    expect(
      (instance!.inputs["settings"] as { ipConfiguration: Record<string, unknown> })
        .ipConfiguration,
    ).toMatchObject({
      privateNetwork: platform.outputs["networkId"],
      allocatedIpRange: platform.outputs["serviceAccessRangeName"],
    });
    expect(
      ofType(r, "gcp:kms/cryptoKey:CryptoKey")
        .map((k) => k.inputs["name"])
        .sort(),
    ).toEqual(["database", "logs", "storage"]);
    // Its bootstrap Job federates through the platform's pool, for its own namespace.
    const members = ofType(r, "gcp:serviceaccount/iAMMember:IAMMember").map((m) =>
      String(m.inputs["member"]),
    );
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) {
      expect(member).toContain(
        `${String(platform.outputs["workloadIdentityPool"])}[enclave-globex/`,
      );
    }
    const [provider] = ofType(r, "pulumi:providers:kubernetes");
    expect(provider!.inputs["kubeconfig"]).toBe("[secret]");
    expect(
      ofType(r, "kubernetes:core/v1:Namespace")
        .map((n) => (n.inputs["metadata"] as { name: string }).name)
        .sort(),
    ).toEqual(["credentials-globex-dev", "enclave-globex"]);
  });
});
