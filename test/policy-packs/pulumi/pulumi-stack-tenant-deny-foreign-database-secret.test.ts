import { describe, expect, it } from "vitest";
import policy from "../../../policy-packs/policies/pulumi/pulumi-stack-tenant-deny-foreign-database-secret";
import { runStackPolicy, urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";

/**
 * A tenant stack as the kit builds it on the platform's shared instance (hooli): its bootstrap
 * Job in the platform's namespace; and the same tenant with an instance of its own (the Job and
 * its IRSA role in the tenant namespace, reading the own instance's secret). Each failing case
 * changes one property.
 */
const OWN_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-own-AbCdEf";
const SHARED_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-shared-XyZ";
const OIDC = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF";

function job(name: string, namespace: string, secretArn: string): StackResourceInput {
  return {
    type: "kubernetes:batch/v1:Job",
    name,
    props: {
      metadata: { namespace },
      spec: {
        template: {
          spec: {
            serviceAccountName:
              namespace === "database-admin" ? "database-admin" : "database-bootstrap",
            containers: [
              {
                name: "bootstrap",
                env: [
                  { name: "ADMIN_CREDENTIALS_KIND", value: "aws-secrets-manager" },
                  { name: "ADMIN_SECRET_ID", value: secretArn },
                  { name: "PGHOST", value: "db.example.internal" },
                ],
              },
            ],
          },
        },
      },
    },
  };
}

function irsaRole(name: string, namespace: string, serviceAccount: string): StackResourceInput {
  return {
    type: "aws:iam/role:Role",
    name,
    props: {
      name: `${name}-1234`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` },
            Condition: {
              StringEquals: {
                [`${OIDC}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                [`${OIDC}:aud`]: "sts.amazonaws.com",
              },
            },
          },
        ],
      }),
    },
  };
}

function secretPolicy(
  name: string,
  role: string,
  resource: string,
  action = "secretsmanager:GetSecretValue",
): StackResourceInput {
  return {
    type: "aws:iam/rolePolicy:RolePolicy",
    name,
    props: {
      role: `${role}-1234`,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "MasterSecret",
            Effect: "Allow",
            Action: ["secretsmanager:DescribeSecret", action],
            Resource: resource,
          },
        ],
      }),
    },
    propertyDependencies: { role: [role] },
  };
}

const ownInstance: StackResourceInput = {
  type: "aws:rds/instance:Instance",
  name: "hooli-database",
  props: { identifier: "enclave-hooli-dev-db", masterUserSecrets: [{ secretArn: OWN_SECRET }] },
};

/** The tenant with an instance of its own: Job and IRSA role in its namespace, its own secret. */
const ownShape = (): StackResourceInput[] => [
  ownInstance,
  job("hooli-bootstrap", "enclave-hooli", OWN_SECRET),
  irsaRole("hooli-bootstrap-role", "enclave-hooli", "database-bootstrap"),
  secretPolicy("hooli-bootstrap-policy", "hooli-bootstrap-role", OWN_SECRET),
];

/** The tenant on the shared instance: its Job in the platform's namespace, no role reading it. */
const sharedShape = (): StackResourceInput[] => [
  job("hooli-bootstrap", "database-admin", SHARED_SECRET),
  irsaRole("hooli-storage-role", "enclave-hooli", "diffgram-default"),
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "hooli-storage-policy",
    props: {
      role: "hooli-storage-role-1234",
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::enclave-hooli-dev-data-123456789012/*",
          },
        ],
      }),
    },
    propertyDependencies: { role: ["hooli-storage-role"] },
  },
];

const messages = (resources: StackResourceInput[], config: Record<string, unknown> = {}) =>
  runStackPolicy(policy, resources, config).violations;

describe("pulumi-stack-tenant-deny-foreign-database-secret: the kit's shapes", () => {
  it("stays silent on a tenant with its own instance, reading its own master secret", () => {
    expect(messages(ownShape())).toEqual([]);
  });
  it("stays silent on a tenant on the shared instance, bootstrapped from the platform's namespace", () => {
    expect(messages(sharedShape())).toEqual([]);
  });
  it("stays silent on the platform's own admin role, trusted by its database-admin namespace", () => {
    expect(
      messages([
        irsaRole("platform-database-admin-role", "database-admin", "database-admin"),
        secretPolicy(
          "platform-database-admin-policy",
          "platform-database-admin-role",
          SHARED_SECRET,
        ),
      ]),
    ).toEqual([]);
  });
  it("takes a secret computed from the stack's own instance while its ARN is unknown", () => {
    const resources = ownShape().map((r) =>
      r.name === "hooli-database"
        ? { ...r, props: { ...r.props, masterUserSecrets: UNKNOWN } }
        : r.name === "hooli-bootstrap"
          ? { ...r, propertyDependencies: { spec: ["hooli-database"] } }
          : r.name === "hooli-bootstrap-policy"
            ? {
                ...r,
                propertyDependencies: { ...r.propertyDependencies, policy: ["hooli-database"] },
              }
            : r,
    );
    expect(messages(resources)).toEqual([]);
  });
  it("is not applicable to a stack without workloads or role policies", () => {
    const r = runStackPolicy(policy, [ownInstance]);
    expect(r.violations).toEqual([]);
    expect(r.notApplicable).toMatch(/^Policy only applies to stacks with resources of type /);
  });
});

describe("pulumi-stack-tenant-deny-foreign-database-secret: a tenant reaching the platform's administrator", () => {
  it("fails when the bootstrap Job runs in the tenant's namespace with the shared instance's secret", () => {
    const resources = sharedShape().map((r) =>
      r.name === "hooli-bootstrap" ? job("hooli-bootstrap", "enclave-hooli", SHARED_SECRET) : r,
    );
    expect(messages(resources)).toEqual([
      {
        message: `Job "enclave-hooli/hooli-bootstrap" in tenant "hooli"'s namespace names the secret "${SHARED_SECRET}" (env ADMIN_SECRET_ID of container bootstrap), which this stack does not create: a database administrator's secret of another stack (a platform's shared instance) is read only from the platform's own namespace. Remove it from the tenant's workload (enclave:aws.database.instance: platform bootstraps from there).`,
        urn: urnOf("kubernetes:batch/v1:Job", "hooli-bootstrap"),
      },
    ]);
  });

  it("fails when the tenant's own Job is pointed at another instance's secret", () => {
    const resources = ownShape().map((r) =>
      r.name === "hooli-bootstrap" ? job("hooli-bootstrap", "enclave-hooli", SHARED_SECRET) : r,
    );
    expect(messages(resources).map((v) => v.urn)).toEqual([
      urnOf("kubernetes:batch/v1:Job", "hooli-bootstrap"),
    ]);
  });

  it("fails when a tenant's IRSA role may read the shared instance's secret", () => {
    const resources = ownShape().map((r) =>
      r.name === "hooli-bootstrap-policy"
        ? secretPolicy("hooli-bootstrap-policy", "hooli-bootstrap-role", SHARED_SECRET)
        : r,
    );
    expect(messages(resources)).toEqual([
      {
        message: `RolePolicy "hooli-bootstrap-policy" lets role "hooli-bootstrap-role", trusted by service accounts of namespace "enclave-hooli", read the secret "${SHARED_SECRET}", which this stack does not create (statement "MasterSecret"). A tenant's identities never read another stack's database administrator (a platform's shared instance is administered only from the platform's namespace): grant only the stack's own instance's secret.`,
        urn: urnOf("aws:iam/rolePolicy:RolePolicy", "hooli-bootstrap-policy"),
      },
    ]);
  });

  it("fails when a tenant's IRSA role may read every secret", () => {
    const resources = ownShape().map((r) =>
      r.name === "hooli-bootstrap-policy"
        ? secretPolicy("hooli-bootstrap-policy", "hooli-bootstrap-role", "*")
        : r,
    );
    expect(messages(resources).map((v) => v.message)).toEqual([
      `RolePolicy "hooli-bootstrap-policy" lets role "hooli-bootstrap-role", trusted by service accounts of namespace "enclave-hooli", read every secret (statement "MasterSecret"). A tenant's identities never read another stack's database administrator (a platform's shared instance is administered only from the platform's namespace): grant only the stack's own instance's secret.`,
    ]);
  });

  it("fails on secretsmanager:* as on GetSecretValue, and finds the role by name without a dependency", () => {
    const bad = secretPolicy(
      "hooli-bootstrap-policy",
      "hooli-bootstrap-role",
      SHARED_SECRET,
      "secretsmanager:*",
    );
    const resources = ownShape().map((r) =>
      r.name === "hooli-bootstrap-policy" ? { ...bad, propertyDependencies: {} } : r,
    );
    expect(messages(resources).map((v) => v.urn)).toEqual([
      urnOf("aws:iam/rolePolicy:RolePolicy", "hooli-bootstrap-policy"),
    ]);
  });

  it("stays silent on a namespace listed as shared (sharedNamespaces)", () => {
    const resources = [job("ops-bootstrap", "enclave-system", SHARED_SECRET)];
    expect(messages(resources)).toEqual([]);
    expect(messages(resources, { sharedNamespaces: [] }).map((v) => v.urn)).toEqual([
      urnOf("kubernetes:batch/v1:Job", "ops-bootstrap"),
    ]);
  });

  it("never throws on partial or unknown inputs", () => {
    const resources: StackResourceInput[] = [
      { type: "kubernetes:batch/v1:Job", name: "a", props: {} },
      {
        type: "kubernetes:batch/v1:Job",
        name: "b",
        props: { metadata: { namespace: "enclave-x" }, spec: UNKNOWN },
      },
      {
        type: "aws:iam/rolePolicy:RolePolicy",
        name: "c",
        props: { role: UNKNOWN, policy: "not json" },
      },
      { type: "aws:iam/rolePolicy:RolePolicy", name: "d", props: {} },
      { type: "aws:rds/instance:Instance", name: "e", props: { masterUserSecrets: "x" } },
    ];
    expect(messages(resources)).toEqual([]);
  });
});
