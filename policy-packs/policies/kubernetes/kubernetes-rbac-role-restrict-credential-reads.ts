import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import {
  ALLOWED_ROLES_SCHEMA,
  describeGrants,
  matchesRolePattern,
  roleId,
  secretReadGrants,
} from "../../lib/kubernetes/rbac";
import { ROLE_TOKENS } from "../../lib/kubernetes/types";
import { bool, get, str } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";

interface Config {
  readonly allowedRoles: string[];
}

const SECRET_TOKENS = ["kubernetes:core/v1:Secret"];
const CERTIFICATE_TOKENS = ["kubernetes:cert-manager.io/v1:Certificate"];
const ISSUER_TOKENS = ["kubernetes:cert-manager.io/v1:Issuer"];

/** What makes a namespace's Secrets worth more than TLS serving certificates. */
interface Holdings {
  readonly credentials: string[];
  readonly cas: string[];
}

const namespaceOf = (props: unknown) => str(get(props, "metadata.namespace")) ?? "default";

/**
 * Per namespace of the stack: the Secrets that are not kubernetes.io/tls (credentials, keys,
 * configuration with passwords), and the CA keys cert-manager keeps there (a Certificate with
 * isCA, whose Secret lands in its namespace, or a CA Issuer, which reads its Secret there).
 */
function holdings(all: readonly PolicyResource[]): Map<string, Holdings> {
  const byNs = new Map<string, { credentials: Set<string>; cas: Set<string> }>();
  const at = (ns: string) => {
    if (!byNs.has(ns)) {
      byNs.set(ns, { credentials: new Set(), cas: new Set() });
    }
    return byNs.get(ns)!;
  };
  forEachKnown(ofTypes(all, SECRET_TOKENS), (s) => {
    const type = str(get(s.props, "type")) ?? "Opaque";
    if (type !== "kubernetes.io/tls") {
      at(namespaceOf(s.props)).credentials.add(str(get(s.props, "metadata.name")) ?? s.name);
    }
  });
  forEachKnown(ofTypes(all, CERTIFICATE_TOKENS), (c) => {
    if (bool(get(c.props, "spec.isCA")) === true) {
      at(namespaceOf(c.props)).cas.add(
        `Certificate ${str(get(c.props, "metadata.name")) ?? c.name} (isCA)`,
      );
    }
  });
  forEachKnown(ofTypes(all, ISSUER_TOKENS), (i) => {
    const secret = str(get(i.props, "spec.ca.secretName"));
    if (secret !== undefined) {
      at(namespaceOf(i.props)).cas.add(`CA Issuer ${str(get(i.props, "metadata.name")) ?? i.name}`);
    }
  });
  return new Map(
    [...byNs].map(([ns, h]) => [
      ns,
      { credentials: [...h.credentials].sort(), cas: [...h.cas].sort() },
    ]),
  );
}

function describeHoldings(ns: string, h: Holdings): string {
  const parts = [
    ...(h.credentials.length > 0 ? [`non-TLS Secrets (${h.credentials.join(", ")})`] : []),
    ...(h.cas.length > 0 ? [`a CA key (${h.cas.join(", ")})`] : []),
  ];
  return `namespace "${ns}" holds ${parts.join(" and ")}`;
}

export default stackPolicy<Config>({
  name: "kubernetes-rbac-role-restrict-credential-reads",
  description:
    "A Role or ClusterRole that reads Secrets without resourceNames (see kubernetes-rbac-role-restrict-secret-reads) is critical when a namespace it reaches holds credentials: Secrets other than kubernetes.io/tls, or a CA key (a cert-manager Certificate with isCA, or a CA Issuer's Secret). Its subject then holds every password of that namespace and can mint certificates the workloads trust. A Role reaches its own namespace; a ClusterRole, bound by a ClusterRoleBinding or by a RoleBinding anywhere, reaches any namespace.",
  severity: "critical",
  remediation:
    "Remove the Secret read from the role (mount the Secrets the workload needs), or move what that role must read, and only that, to a namespace of its own. Keep CA keys out of workload namespaces: a cert-manager ClusterIssuer reads its CA Secret from cert-manager's cluster resource namespace.",
  controls: { nist: ["AC-3", "AC-6", "SC-12"], cis: cisKubernetes("5.1.2") },
  concern: "least-privilege",
  resourceTypes: ROLE_TOKENS,
  configSchema: { properties: { allowedRoles: ALLOWED_ROLES_SCHEMA } },
  check(resources, report, config) {
    const held = holdings(resources);
    const credentialNamespaces = [...held].filter(
      ([, h]) => h.credentials.length > 0 || h.cas.length > 0,
    );
    if (credentialNamespaces.length === 0) {
      return;
    }
    forEachKnown(ofTypes(resources, ROLE_TOKENS), (role) => {
      const grants = secretReadGrants(role.props);
      if (grants.length === 0) {
        return;
      }
      const id = roleId(role.type, role.props);
      if (matchesRolePattern(id, config.allowedRoles ?? [])) {
        return;
      }
      const cluster = role.type.includes(":ClusterRole");
      const ns = cluster ? undefined : tryRead(() => namespaceOf(role.props));
      if (ns === UNKNOWN) {
        return;
      }
      const reached = cluster
        ? credentialNamespaces
        : credentialNamespaces.filter(([name]) => name === ns);
      if (reached.length === 0) {
        return;
      }
      report(
        `${cluster ? "ClusterRole" : "Role"} "${id}" reads Secrets it does not name (${describeGrants(grants)}), and ${reached.map(([name, h]) => describeHoldings(name, h)).join("; ")}.`,
        role.urn,
      );
    });
  },
});
