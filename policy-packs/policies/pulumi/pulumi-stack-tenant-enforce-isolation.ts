import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";
import { GRANT_TOKENS, GRANT_TYPES } from "../../lib/tenancy/grants";
import { KUBERNETES_GRANT_TOKENS, kubernetesGrants } from "../../lib/tenancy/kubernetes";
import { identifierIndex, leaves, namedResources, type Owned } from "../../lib/tenancy/references";
import {
  declaredTenant,
  nameTenant,
  namespaceOf,
  namespaceTenant,
  ownerTenant,
  providerOf,
  tenantsNamedIn,
} from "../../lib/tenancy/tenant";
import { TENANT_RESOURCE_TOKENS } from "../../lib/tenancy/tenant-resources";

interface Config {
  /** The tenant this stack serves; empty: the one tenant its resources' tags name. */
  readonly tenant: string;
  /** Namespaces named `enclave-*` that belong to no tenant. */
  readonly sharedNamespaces: string[];
}

const DEFAULT_SHARED_NAMESPACES = ["enclave-system"];

/** `RolePolicy "acme-app-policy"`, `NetworkPolicy "enclave-acme/traefik"`. */
function describe(r: PolicyResource): string {
  const kind = r.type.split(":")[2] ?? r.type;
  if (providerOf(r.type) === "kubernetes") {
    const ns = str(get(r.props, "metadata.namespace"));
    const name = str(get(r.props, "metadata.name")) ?? r.name;
    return `${kind} "${ns ? `${ns}/` : ""}${name}"`;
  }
  return `${kind} "${r.name}"`;
}

/** The tag or labels that name tenant `t` on a resource of this type. */
function mark(type: string, t: string): string {
  switch (providerOf(type)) {
    case "gcp":
      return `the label enclave-tenant=${t}`;
    case "kubernetes":
      return `the labels app.kubernetes.io/instance=${t} and app.kubernetes.io/part-of=enclave`;
    default:
      return `the tag enclave:tenant=${t}`;
  }
}

interface Finding {
  readonly evidence: string;
  readonly where: string;
}

export default stackPolicy<Config>({
  name: "pulumi-stack-tenant-enforce-isolation",
  description:
    "Tenants never meet: a tenant's IAM policies, role trust, KMS key policies and grants, bucket policies, GCP IAM bindings, Kubernetes role bindings and NetworkPolicies must not name or admit another tenant's resources, identities or namespaces, and every resource that holds a tenant's data or keys (and the tenant's namespace and the data objects in it) must carry that tenant's tag or label. A tenant is read from the kit's marks: the tag enclave:tenant, the label enclave-tenant, the labels app.kubernetes.io/instance with app.kubernetes.io/part-of=enclave, the namespace enclave-<tenant>, names following enclave-<tenant>-<environment>, and GCP service account ids en-<tenant>-<d|s|p>-<role>; the stack's own tenant is the parameter tenant, or else the one tenant its resources' tags name.",
  severity: "critical",
  remediation:
    "Point every grant only at the tenant's own bucket, keys, roles and namespace (the kit's components derive them from enclave:tenant; a hand-written ARN, namespace or selector is the usual cause). Select namespaces in NetworkPolicies by kubernetes.io/metadata.name, never with an empty namespaceSelector. Tag or label every tenant resource with its tenant (enclave:tenant on AWS, enclave-tenant on GCP, app.kubernetes.io/instance with app.kubernetes.io/part-of=enclave on Kubernetes); set the policy parameter tenant when the stack's tags cannot tell which tenant it serves.",
  controls: { nist: ["AC-3", "AC-4", "AC-6", "SC-4", "CM-8"] },
  concern: "least-privilege",
  resourceTypes: [
    ...new Set([...GRANT_TOKENS, ...KUBERNETES_GRANT_TOKENS, ...TENANT_RESOURCE_TOKENS]),
  ],
  configSchema: {
    properties: {
      tenant: { type: "string", default: "" },
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
    const index = identifierIndex(resources, shared);
    const declared = new Set<string>();
    for (const r of resources) {
      const t = tryRead(() => ownerTenant(r.type, r.props, shared));
      if (typeof t === "string") {
        declared.add(t);
      }
    }
    const param = typeof config.tenant === "string" && config.tenant !== "" ? config.tenant : "";
    const stackTenant = param || (declared.size === 1 ? [...declared][0] : undefined);
    const stackReason = param
      ? `the stack serves tenant "${param}" (policy parameter tenant)`
      : `the stack serves tenant "${stackTenant}"`;

    const nsTenant = (r: PolicyResource) => namespaceTenant(namespaceOf(r.type, r.props), shared);
    const tenantOf = (r: PolicyResource) => ownerTenant(r.type, r.props, shared);

    /** The tenant of the role, bucket or key a grant attaches to. */
    const attachedTenant = (r: PolicyResource): string | undefined => {
      const prop = GRANT_TYPES[r.type]?.attach;
      if (prop === undefined) {
        return undefined;
      }
      for (const d of r.propertyDependencies?.[prop] ?? []) {
        const t = tenantOf(d);
        if (t !== undefined) {
          return t;
        }
      }
      const value = r.props[prop];
      if (typeof value !== "string") {
        return undefined;
      }
      return namedResources(value, index)[0]?.tenant ?? [...tenantsNamedIn(value, shared)][0];
    };

    const reportFindings = (
      r: PolicyResource,
      owner: string,
      findings: ReadonlyMap<string, Finding>,
    ) => {
      for (const [other, f] of findings) {
        report(
          `${describe(r)} of tenant "${owner}" names tenant "${other}": ${f.evidence} in ${f.where}. A tenant's grants name only its own resources, identities and namespaces: remove the reference.`,
          r.urn,
        );
      }
    };

    // IAM, key and bucket policies, key grants, GCP IAM bindings.
    forEachKnown(ofTypes(resources, GRANT_TOKENS), (r) => {
      const owner = ownerTenant(r.type, r.props, shared) ?? attachedTenant(r) ?? stackTenant;
      if (owner === undefined) {
        return;
      }
      const findings = new Map<string, Finding>();
      const add = (t: string, f: Finding) => {
        if (t !== owner && !findings.has(t)) {
          findings.set(t, f);
        }
      };
      for (const prop of GRANT_TYPES[r.type]!.scan) {
        for (const d of r.propertyDependencies?.[prop] ?? []) {
          const t = tryRead(() => tenantOf(d));
          if (typeof t === "string") {
            add(t, { evidence: describe(d), where: `${prop} (computed from it)` });
          }
        }
        const value = tryRead(() => leaves(r.props[prop], prop));
        if (value === UNKNOWN) {
          continue;
        }
        for (const leaf of value) {
          for (const t of tenantsNamedIn(leaf.text, shared)) {
            add(t, { evidence: `"${leaf.text}"`, where: leaf.where });
          }
          namedResources(leaf.text, index).forEach((o: Owned) =>
            add(o.tenant, {
              evidence: `"${leaf.text}" (${describe(o.resource)})`,
              where: leaf.where,
            }),
          );
        }
      }
      reportFindings(r, owner, findings);
    });

    // Kubernetes role bindings and NetworkPolicies.
    forEachKnown(ofTypes(resources, KUBERNETES_GRANT_TOKENS), (r) => {
      const inTenantNamespace = nsTenant(r);
      const owner = ownerTenant(r.type, r.props, shared) ?? stackTenant;
      if (owner === undefined) {
        return;
      }
      const grants = kubernetesGrants(r.type, r.props, shared);
      const findings = new Map<string, Finding>();
      for (const n of grants.named) {
        if (n.tenant !== owner && !findings.has(n.tenant)) {
          findings.set(n.tenant, { evidence: n.evidence, where: n.where });
        }
      }
      reportFindings(r, owner, findings);
      if (inTenantNamespace !== undefined && grants.admitsAll.length > 0) {
        report(
          `${describe(r)} of tenant "${owner}" admits every namespace, other tenants' included, at ${grants.admitsAll.join(", ")}. Select the namespaces it needs by kubernetes.io/metadata.name.`,
          r.urn,
        );
      }
    });

    // Every tenant resource carries its tenant's tag or label.
    forEachKnown(ofTypes(resources, TENANT_RESOURCE_TOKENS), (r) => {
      let expected: string | undefined;
      let reason = "";
      if (providerOf(r.type) === "kubernetes") {
        expected = nsTenant(r);
        reason = `in namespace "enclave-${expected}"`;
        if (r.type.endsWith(":Namespace")) {
          reason = `the namespace of tenant "${expected}"`;
        }
      } else {
        const named = nameTenant(r.type, r.props, shared);
        if (named !== undefined) {
          expected = named.tenant;
          reason = `named "${named.name}"`;
        }
        if (expected === undefined && stackTenant !== undefined) {
          expected = stackTenant;
          reason = stackReason;
        }
      }
      if (expected === undefined) {
        return;
      }
      const has = declaredTenant(r.type, r.props);
      if (has === undefined) {
        report(
          `${describe(r)} belongs to tenant "${expected}" (${reason}) but does not carry ${mark(r.type, expected)}. Add it: every resource that holds a tenant's data, keys or identities is marked with its tenant.`,
          r.urn,
        );
      } else if (has !== expected) {
        report(
          `${describe(r)} carries tenant "${has}" but belongs to tenant "${expected}" (${reason}). Set ${mark(r.type, expected)}, or move the resource to tenant "${has}"'s stack.`,
          r.urn,
        );
      }
    });
  },
});
