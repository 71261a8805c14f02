import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { statements } from "../../lib/aws/iam";
import { arr, get, isRecord, str } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";
import { namespaceOf, namespaceTenant } from "../../lib/tenancy/tenant";

interface Config {
  /** Namespaces named `enclave-*` that belong to no tenant. */
  readonly sharedNamespaces: string[];
}

const DEFAULT_SHARED_NAMESPACES = ["enclave-system"];

/** A Secrets Manager secret ARN (any partition); `*` and `?` may stand in its name. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[^:]*:[^:]*:secret:.+$/;

/** What the stack itself creates a secret with: an RDS instance (its managed master secret) or a secret. */
const SECRET_SOURCES = ["aws:rds/instance:Instance", "aws:secretsmanager/secret:Secret"] as const;

const WORKLOADS: Readonly<Record<string, string>> = {
  "kubernetes:core/v1:Pod": "spec",
  "kubernetes:batch/v1:Job": "spec.template.spec",
  "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec",
  "kubernetes:apps/v1:Deployment": "spec.template.spec",
  "kubernetes:apps/v1:StatefulSet": "spec.template.spec",
  "kubernetes:apps/v1:DaemonSet": "spec.template.spec",
  "kubernetes:apps/v1:ReplicaSet": "spec.template.spec",
};
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE = "aws:iam/role:Role";

/** Actions that read a secret's value. */
const READS_SECRET = (action: string) =>
  ["*", "secretsmanager:*", "secretsmanager:getsecretvalue", "secretsmanager:get*"].includes(
    action.toLowerCase(),
  );

/** The secret ARNs a source resource holds (its outputs), or UNKNOWN during a preview. */
function secretArnsOf(r: PolicyResource): string[] | typeof UNKNOWN {
  const read = tryRead(() =>
    r.type === "aws:secretsmanager/secret:Secret"
      ? [str(r.props["arn"])]
      : arr(r.props["masterUserSecrets"]).map((s) => str(get(s, "secretArn"))),
  );
  return read === UNKNOWN ? UNKNOWN : read.filter((a): a is string => a !== undefined);
}

/** `Job "enclave-acme/bootstrap"`, `RolePolicy "acme-bootstrap-policy"`. */
function describe(r: PolicyResource): string {
  const kind = r.type.split(":")[2] ?? r.type;
  const ns = str(get(r.props, "metadata.namespace"));
  const name = str(get(r.props, "metadata.name")) ?? r.name;
  return r.type.startsWith("kubernetes:")
    ? `${kind} "${ns ? `${ns}/` : ""}${name}"`
    : `${kind} "${r.name}"`;
}

/** Tenant namespaces whose service accounts a role trust policy admits (`system:serviceaccount:<ns>:<sa>`). */
function trustedTenantNamespaces(trust: unknown, shared: readonly string[]): string[] {
  const found = new Set<string>();
  for (const s of statements(trust)) {
    for (const block of Object.values(s.condition)) {
      for (const value of Object.values(block)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          const m = typeof v === "string" ? /^system:serviceaccount:([^:]+):/.exec(v) : null;
          if (m && namespaceTenant(m[1], shared) !== undefined) {
            found.add(m[1]!);
          }
        }
      }
    }
  }
  return [...found];
}

export default stackPolicy<Config>({
  name: "pulumi-stack-tenant-deny-foreign-database-secret",
  description:
    "A tenant's namespace never reaches a database administrator's secret the stack did not create itself: no workload in a tenant namespace (enclave-<tenant>) may name, in its environment, a Secrets Manager secret other than the master secret of the stack's own RDS instance (or a secret of the stack), and no IAM role trusted by a tenant namespace's service account (IRSA) may read such a secret, or every secret. A platform's shared instance is administered only from the platform's own namespace: a tenant pod holding its master secret could read and change every tenant's database on it.",
  severity: "critical",
  remediation:
    "Take a database and role on a shared instance with enclave:aws.database.instance: platform, which runs the bootstrap Job in the platform's database-admin namespace with the platform's service account (PlatformDatabase.bootstrap) and gives the tenant's own service accounts no access to the master secret. Otherwise remove the secret ARN from the workload and the secretsmanager:GetSecretValue grant from the tenant's role, or name the stack's own instance's secret only.",
  controls: { nist: ["AC-3", "AC-4", "AC-6", "IA-5"] },
  concern: "least-privilege",
  resourceTypes: [...Object.keys(WORKLOADS), ROLE_POLICY],
  configSchema: {
    properties: {
      sharedNamespaces: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_SHARED_NAMESPACES,
      },
    },
  },
  check(resources, report, config) {
    const shared = Array.isArray(config.sharedNamespaces)
      ? config.sharedNamespaces
      : DEFAULT_SHARED_NAMESPACES;
    const sources = ofTypes(resources, SECRET_SOURCES);
    const own = new Set<string>();
    const unknownSources = new Set<string>();
    for (const s of sources) {
      const arns = secretArnsOf(s);
      if (arns === UNKNOWN) {
        unknownSources.add(s.urn);
      } else {
        arns.forEach((a) => own.add(a));
      }
    }
    /** The ARN is the stack's own: a known ARN of its sources, or computed from one still unknown. */
    const isOwn = (arn: string, deps: readonly PolicyResource[]) =>
      own.has(arn) || deps.some((d) => unknownSources.has(d.urn));

    // Workloads in a tenant namespace naming a secret in their environment.
    forEachKnown(
      resources.filter((r) => WORKLOADS[r.type] !== undefined),
      (r) => {
        const ns = namespaceOf(r.type, r.props);
        const tenant = namespaceTenant(ns, shared);
        if (tenant === undefined) {
          return;
        }
        const pod = get(r.props, WORKLOADS[r.type]!);
        const deps = r.propertyDependencies?.["spec"] ?? [];
        for (const list of ["initContainers", "containers"]) {
          for (const c of arr(get(pod, list))) {
            for (const e of arr(get(c, "env"))) {
              const value = isRecord(e) ? str(e["value"]) : undefined;
              if (value === undefined || !SECRET_ARN.test(value) || isOwn(value, deps)) {
                continue;
              }
              report(
                `${describe(r)} in tenant "${tenant}"'s namespace names the secret "${value}" (env ${str(get(e, "name")) ?? "?"} of container ${str(get(c, "name")) ?? "?"}), which this stack does not create: a database administrator's secret of another stack (a platform's shared instance) is read only from the platform's own namespace. Remove it from the tenant's workload (enclave:aws.database.instance: platform bootstraps from there).`,
                r.urn,
              );
            }
          }
        }
      },
    );

    // IAM roles trusted by a tenant namespace's service accounts, allowed to read such a secret.
    const roles = ofTypes(resources, [ROLE]);
    forEachKnown(ofTypes(resources, [ROLE_POLICY]), (r) => {
      const byDependency = (r.propertyDependencies?.["role"] ?? []).find((d) => d.type === ROLE);
      const roleName = str(r.props["role"]);
      const role =
        byDependency ??
        roles.find(
          (x) => roleName !== undefined && [x.props["name"], x.props["id"]].includes(roleName),
        );
      if (role === undefined) {
        return;
      }
      const namespaces = trustedTenantNamespaces(role.props["assumeRolePolicy"], shared);
      if (namespaces.length === 0) {
        return;
      }
      const deps = r.propertyDependencies?.["policy"] ?? [];
      for (const s of statements(r.props["policy"])) {
        if (!s.allow || !s.actions.some(READS_SECRET)) {
          continue;
        }
        for (const resource of s.resources) {
          const everySecret = resource === "*" || /:secret:\*?$/.test(resource);
          const foreign = SECRET_ARN.test(resource) && !isOwn(resource, deps);
          if (!everySecret && !foreign) {
            continue;
          }
          report(
            `${describe(r)} lets role "${role.name}", trusted by service accounts of ${namespaces.map((n) => `namespace "${n}"`).join(", ")}, read ${everySecret ? "every secret" : `the secret "${resource}", which this stack does not create`} (${s.label}). A tenant's identities never read another stack's database administrator (a platform's shared instance is administered only from the platform's namespace): grant only the stack's own instance's secret.`,
            r.urn,
          );
        }
      }
    });
  },
});
