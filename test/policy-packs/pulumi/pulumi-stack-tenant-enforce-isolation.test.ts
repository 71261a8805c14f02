import { describe, expect, it } from "vitest";
import isolation from "../../../policy-packs/policies/pulumi/pulumi-stack-tenant-enforce-isolation";
import { runStackPolicy, urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";
import {
  ACCOUNT,
  bucketName,
  keyArn,
  roleArn,
  tenantResources,
  twoTenants,
} from "./tenant-isolation-fixtures";

const run = (resources: StackResourceInput[], config: Record<string, unknown> = {}) =>
  runStackPolicy(isolation, resources, config);
const messages = (resources: StackResourceInput[], config: Record<string, unknown> = {}) =>
  run(resources, config).violations.map((v) => v.message);

const REMOVE =
  "A tenant's grants name only its own resources, identities and namespaces: remove the reference.";

describe("pulumi-stack-tenant-enforce-isolation: compliant shapes", () => {
  it("stays silent on two dedicated tenants that keep to themselves", () => {
    expect(run(twoTenants())).toEqual({ violations: [] });
  });
  it("stays silent on one tenant's stack, inferred or named by the parameter", () => {
    expect(run(tenantResources("acme"))).toEqual({ violations: [] });
    expect(run(tenantResources("acme"), { tenant: "acme" })).toEqual({ violations: [] });
  });
  it("is not applicable to a stack without grants or tenant resources", () => {
    const r = run([{ type: "aws:ec2/vpc:Vpc", name: "vpc", props: {} }]);
    expect(r.violations).toEqual([]);
    expect(r.notApplicable).toMatch(/^Policy only applies to stacks with resources of type /);
  });
  it("accepts bindings to shared namespaces (enclave-system by default, or as configured)", () => {
    const resources = twoTenants({
      "acme-operator-binding": (p) =>
        p.subjects.push({ kind: "ServiceAccount", name: "reader", namespace: "enclave-system" }),
    });
    expect(messages(resources)).toEqual([]);
    expect(messages(resources, { sharedNamespaces: [] })).toEqual([
      `RoleBinding "enclave-acme/tenant-operator" of tenant "acme" names tenant "system": namespace "enclave-system" in subjects[2].namespace. ${REMOVE}`,
    ]);
  });
});

describe("pulumi-stack-tenant-enforce-isolation: one tenant reaching the other", () => {
  it("fails when acme's role policy is pointed at beta's bucket", () => {
    const resources = twoTenants({
      "acme-app-policy": (p) => {
        const doc = JSON.parse(p.policy);
        doc.Statement[0].Resource = `arn:aws:s3:::${bucketName("beta")}/*`;
        p.policy = JSON.stringify(doc);
      },
    });
    expect(run(resources).violations).toEqual([
      {
        message: `RolePolicy "acme-app-policy" of tenant "acme" names tenant "beta": "arn:aws:s3:::${bucketName("beta")}/*" in policy, statement "TenantObjects". ${REMOVE}`,
        urn: urnOf("aws:iam/rolePolicy:RolePolicy", "acme-app-policy"),
      },
    ]);
  });

  it("fails when acme's role policy is pointed at beta's key ARN (known from beta's key)", () => {
    const resources = twoTenants({
      "acme-app-policy": (p) => {
        const doc = JSON.parse(p.policy);
        doc.Statement[1].Resource = keyArn("beta");
        p.policy = JSON.stringify(doc);
      },
    });
    expect(messages(resources)).toEqual([
      `RolePolicy "acme-app-policy" of tenant "acme" names tenant "beta": "${keyArn("beta")}" (Key "beta-storage-key") in policy, statement "TenantKeyThroughS3". ${REMOVE}`,
    ]);
  });

  it("fails when the policy is computed from beta's key, even while its value is unknown", () => {
    const resources = twoTenants({ "acme-app-policy": (p) => (p.policy = UNKNOWN) }).map((r) =>
      r.name === "acme-app-policy"
        ? {
            ...r,
            propertyDependencies: { ...r.propertyDependencies, policy: ["beta-storage-key"] },
          }
        : r,
    );
    expect(messages(resources)).toEqual([
      `RolePolicy "acme-app-policy" of tenant "acme" names tenant "beta": Key "beta-storage-key" in policy (computed from it). ${REMOVE}`,
    ]);
  });

  it("fails when acme's role trusts a service account of beta's namespace", () => {
    const resources = twoTenants({
      "acme-app": (p) =>
        (p.assumeRolePolicy = p.assumeRolePolicy.replace("enclave-acme:", "enclave-beta:")),
    });
    expect(messages(resources)).toEqual([
      `Role "acme-app" of tenant "acme" names tenant "beta": "system:serviceaccount:enclave-beta:app" in assumeRolePolicy, statement 1. ${REMOVE}`,
    ]);
  });

  it("fails when acme's key policy admits beta's role", () => {
    const resources = twoTenants({
      "acme-storage-key": (p) =>
        (p.policy = p.policy.replace("enclave/acme/dev", "enclave/beta/dev")),
    });
    expect(messages(resources)).toEqual([
      `Key "acme-storage-key" of tenant "acme" names tenant "beta": "arn:aws:iam::${ACCOUNT}:role/enclave/beta/dev/*" in policy, statement "AccountUseViaS3". ${REMOVE}`,
    ]);
  });

  it("fails when acme's bucket policy lets beta's role through its perimeter", () => {
    const resources = twoTenants({
      "acme-data-policy": (p) => {
        const doc = JSON.parse(p.policy);
        doc.Statement[0].Condition.ArnNotLike["aws:PrincipalArn"].push(roleArn("beta"));
        p.policy = JSON.stringify(doc);
      },
    });
    expect(messages(resources)).toEqual([
      `BucketPolicy "acme-data-policy" of tenant "acme" names tenant "beta": "${roleArn("beta")}" in policy, statement "DenyOutsidePerimeter". ${REMOVE}`,
    ]);
  });

  it("fails when acme's GCS bucket grants beta's service account", () => {
    const resources = twoTenants({
      "acme-gcs-app": (p) => (p.member = p.member.replace("enclave-acme-dev", "enclave-beta-dev")),
    });
    expect(messages(resources)).toEqual([
      `BucketIAMMember "acme-gcs-app" of tenant "acme" names tenant "beta": "serviceAccount:enclave-beta-dev-app@proj.iam.gserviceaccount.com" in member. ${REMOVE}`,
    ]);
  });

  it("fails when a NetworkPolicy admits the other tenant's namespace", () => {
    const resources = twoTenants({
      "acme-app-netpol": (p) =>
        p.spec.ingress[0].from.push({
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "enclave-beta" } },
        }),
    });
    expect(messages(resources)).toEqual([
      `NetworkPolicy "enclave-acme/app" of tenant "acme" names tenant "beta": namespace "enclave-beta" in spec.ingress[0].from[1].namespaceSelector. ${REMOVE}`,
    ]);
  });

  it("fails when a NetworkPolicy selects the other tenant by its label or a name expression", () => {
    const byLabel = twoTenants({
      "acme-app-netpol": (p) =>
        (p.spec.egress[0].to[0].namespaceSelector = {
          matchLabels: {
            "app.kubernetes.io/instance": "beta",
            "app.kubernetes.io/part-of": "enclave",
          },
        }),
    });
    expect(messages(byLabel)).toEqual([
      `NetworkPolicy "enclave-acme/app" of tenant "acme" names tenant "beta": namespaces labelled app.kubernetes.io/instance=beta in spec.egress[0].to[0].namespaceSelector. ${REMOVE}`,
    ]);
    const byExpression = twoTenants({
      "acme-app-netpol": (p) =>
        (p.spec.egress[0].to[0].namespaceSelector = {
          matchExpressions: [
            {
              key: "kubernetes.io/metadata.name",
              operator: "In",
              values: ["kube-system", "enclave-beta"],
            },
          ],
        }),
    });
    expect(messages(byExpression)).toHaveLength(1);
  });

  it("fails when a tenant's NetworkPolicy admits every namespace", () => {
    const resources = twoTenants({
      "acme-app-netpol": (p) => p.spec.ingress[0].from.push({ namespaceSelector: {} }),
    });
    expect(messages(resources)).toEqual([
      `NetworkPolicy "enclave-acme/app" of tenant "acme" admits every namespace, other tenants' included, at spec.ingress[0].from[1].namespaceSelector. Select the namespaces it needs by kubernetes.io/metadata.name.`,
    ]);
    const notIn = twoTenants({
      "acme-app-netpol": (p) =>
        (p.spec.egress[0].to[0].namespaceSelector = {
          matchExpressions: [
            { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["x"] },
          ],
        }),
    });
    expect(messages(notIn)).toHaveLength(1);
  });

  it("fails when a RoleBinding names the other namespace's service account", () => {
    const resources = twoTenants({
      "acme-operator-binding": (p) => (p.subjects[1].namespace = "enclave-beta"),
    });
    expect(messages(resources)).toEqual([
      `RoleBinding "enclave-acme/tenant-operator" of tenant "acme" names tenant "beta": namespace "enclave-beta" in subjects[1].namespace. ${REMOVE}`,
    ]);
    const asUser = twoTenants({
      "acme-operator-binding": (p) =>
        (p.subjects[0] = { kind: "User", name: "system:serviceaccount:enclave-beta:app" }),
    });
    expect(messages(asUser)).toEqual([
      `RoleBinding "enclave-acme/tenant-operator" of tenant "acme" names tenant "beta": "system:serviceaccount:enclave-beta:app" in subjects[0].name. ${REMOVE}`,
    ]);
  });
});

describe("pulumi-stack-tenant-enforce-isolation: tenant tags and labels", () => {
  it("fails when a tenant's bucket lacks the tag (tenant read from its name)", () => {
    const resources = twoTenants({ "beta-data": (p) => delete p.tags });
    expect(messages(resources)).toEqual([
      `Bucket "beta-data" belongs to tenant "beta" (named "${bucketName("beta")}") but does not carry the tag enclave:tenant=beta. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
    ]);
  });

  it("fails when a key without a name lacks the tag in the tenant's own stack", () => {
    const resources = tenantResources("acme").map((r) =>
      r.name === "acme-storage-key" ? { ...r, props: { ...r.props, tags: {} } } : r,
    );
    expect(messages(resources)).toEqual([
      `Key "acme-storage-key" belongs to tenant "acme" (the stack serves tenant "acme") but does not carry the tag enclave:tenant=acme. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
    ]);
  });

  it("fails when a tenant namespace or a Secret in it lacks the tenant labels", () => {
    const resources = twoTenants({
      "beta-namespace": (p) => delete p.metadata.labels,
      "beta-db-secret": (p) => delete p.metadata.labels["app.kubernetes.io/part-of"],
    });
    expect(messages(resources)).toEqual([
      `Namespace "enclave-beta" belongs to tenant "beta" (the namespace of tenant "beta") but does not carry the labels app.kubernetes.io/instance=beta and app.kubernetes.io/part-of=enclave. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
      `Secret "enclave-beta/diffgram-db" belongs to tenant "beta" (in namespace "enclave-beta") but does not carry the labels app.kubernetes.io/instance=beta and app.kubernetes.io/part-of=enclave. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
    ]);
  });

  it("fails when beta's bucket grants acme's GCP service account (the kit's en-<tenant>-<env letter>-<role> id)", () => {
    const resources = twoTenants({
      "beta-gcs-app": (p) =>
        (p.member = "serviceAccount:en-acme-d-dg@proj.iam.gserviceaccount.com"),
    });
    expect(messages(resources)).toEqual([
      `BucketIAMMember "beta-gcs-app" of tenant "beta" names tenant "acme": "serviceAccount:en-acme-d-dg@proj.iam.gserviceaccount.com" in member. ${REMOVE}`,
    ]);
    // A tenant with hyphens and a letter of its own: the role is the last segment.
    const hyphenated = twoTenants({
      "beta-gcs-app": (p) =>
        (p.member = "serviceAccount:en-acme-d-co-p-dbb@proj.iam.gserviceaccount.com"),
    });
    expect(messages(hyphenated)).toEqual([
      `BucketIAMMember "beta-gcs-app" of tenant "beta" names tenant "acme-d-co": "serviceAccount:en-acme-d-co-p-dbb@proj.iam.gserviceaccount.com" in member. ${REMOVE}`,
    ]);
  });

  it("fails when a GCP grant trusts a Workload Identity of another tenant's namespace", () => {
    const resources = twoTenants({
      "acme-gcs-app": (p) => (p.member = "serviceAccount:proj.svc.id.goog[enclave-beta/app]"),
    });
    expect(messages(resources)).toEqual([
      `BucketIAMMember "acme-gcs-app" of tenant "acme" names tenant "beta": "serviceAccount:proj.svc.id.goog[enclave-beta/app]" in member. ${REMOVE}`,
    ]);
  });

  it("fails when a GCP bucket lacks its label", () => {
    const resources = twoTenants({ "acme-gcs": (p) => (p.labels = {}) });
    expect(messages(resources)).toEqual([
      `Bucket "acme-gcs" belongs to tenant "acme" (named "enclave-acme-dev-data") but does not carry the label enclave-tenant=acme. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
    ]);
  });

  it("fails when a resource carries another tenant's tag", () => {
    const resources = twoTenants({ "acme-data": (p) => (p.tags["enclave:tenant"] = "beta") });
    expect(messages(resources)).toEqual([
      `Bucket "acme-data" carries tenant "beta" but belongs to tenant "acme" (named "${bucketName("acme")}"). Set the tag enclave:tenant=acme, or move the resource to tenant "beta"'s stack.`,
    ]);
  });

  it("fails, with the parameter, on another tenant's key in the stack", () => {
    const resources = [
      ...tenantResources("acme"),
      ...tenantResources("beta").filter((r) => r.name === "beta-storage-key"),
    ];
    expect(messages(resources, { tenant: "acme" })).toEqual([
      `Key "beta-storage-key" carries tenant "beta" but belongs to tenant "acme" (the stack serves tenant "acme" (policy parameter tenant)). Set the tag enclave:tenant=acme, or move the resource to tenant "beta"'s stack.`,
    ]);
  });
});

describe("pulumi-stack-tenant-enforce-isolation: unknown and partial inputs", () => {
  it("never throws when any property is unknown or missing", () => {
    for (const base of twoTenants()) {
      for (const key of Object.keys(base.props)) {
        const unknown = twoTenants().map((r) =>
          r.name === base.name ? { ...r, props: { ...r.props, [key]: UNKNOWN } } : r,
        );
        expect(() => run(unknown)).not.toThrow();
        const missing = twoTenants().map((r) => (r.name === base.name ? { ...r, props: {} } : r));
        expect(() => run(missing)).not.toThrow();
      }
    }
    expect(() => run(twoTenants(), { tenant: 7, sharedNamespaces: "x" })).not.toThrow();
  });
});
