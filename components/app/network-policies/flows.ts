/**
 * The network flows the platform needs, as data. The NetworkPolicies of the tenant namespace are
 * generated from this table (policies.ts) on top of a default deny of all ingress and egress, and
 * a test checks that the generated policies allow exactly these flows and nothing else. Cloud
 * metadata endpoints appear in no flow, so no pod reaches them (identity endpoints excepted, for the
 * pods that hold a cloud identity, when the platform names them).
 */

/** Pods of the tenant namespace, by their `app.kubernetes.io/name` label. */
export const WORKLOADS = [
  "traefik",
  "diffgram-frontend",
  "diffgram-default",
  "diffgram-walrus",
  "diffgram-eventhandlers",
  "keycloak",
  "keycloak-configure",
  "rabbitmq",
  "database-bootstrap",
  "diffgram-migrate",
] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Peers outside the namespace; policies.ts turns each into selectors or address blocks. */
export const EXTERNALS = [
  /** enclave:allowlist users + admin, reaching the ingress load balancer. */
  "clients",
  /** The platform's PostgreSQL server. */
  "database",
  /** The platform's object store (S3, GCS, MinIO). */
  "object-storage",
  /** The Kubernetes API server. */
  "kubernetes-api",
  /** Credential endpoints of the cloud's workload identity (Pod Identity agent, GKE metadata server). */
  "identity-endpoints",
  /** The cloud's secret store API (AWS Secrets Manager, Google Secret Manager). */
  "cloud-apis",
  /** The cluster DNS (kube-dns / CoreDNS in kube-system). */
  "dns",
  /** Corporate identity upstreams (OIDC/SAML provider, LDAP / AD), as enclave:app.keycloak.federation names them. */
  "identity-upstreams",
] as const;
export type External = (typeof EXTERNALS)[number];

export type Peer = Workload | External;

/**
 * A port: a number, or a port that depends on the platform (the database's, the object store's,
 * each identity endpoint's own).
 */
export type PortSpec =
  number | "database" | "object-storage" | "identity-endpoint" | "identity-upstream";

/** When a flow exists: always, or only on platforms that need it. */
export type Condition =
  /** The platform names identity endpoints (Pod Identity agent, GKE metadata server). */
  | "identity-endpoints"
  /** The database administrator's credentials live in the cloud's secret store. */
  | "cloud-secret-store"
  /** The tenant realm federates users from upstreams Keycloak must reach. */
  | "identity-upstreams";

export interface Flow {
  /** `*` is every pod of the namespace. */
  readonly from: Peer | "*";
  readonly to: Peer;
  readonly ports: readonly PortSpec[];
  readonly protocol?: "TCP" | "UDP";
  /** Every condition must hold for the flow to exist. */
  readonly when?: readonly Condition[];
  readonly why: string;
}

const backends = ["diffgram-default", "diffgram-walrus", "diffgram-eventhandlers"] as const;

export const FLOWS: readonly Flow[] = [
  { from: "*", to: "dns", ports: [53], protocol: "UDP", why: "name resolution" },
  { from: "*", to: "dns", ports: [53], protocol: "TCP", why: "name resolution (large answers)" },

  {
    from: "clients",
    to: "traefik",
    ports: [8000, 8443],
    why: "allowlisted users and operators reach the ingress (HTTP only redirects)",
  },
  {
    from: "traefik",
    to: "diffgram-frontend",
    ports: [8443],
    why: "the single-page app (TLS to the pod)",
  },
  { from: "traefik", to: "diffgram-default", ports: [8443], why: "the API under /api" },
  {
    from: "traefik",
    to: "diffgram-walrus",
    ports: [8443],
    why: "uploads and media under /api/walrus",
  },
  {
    from: "traefik",
    to: "keycloak",
    ports: [8443],
    why: "the tenant realm, and the admin console for the admin allowlist",
  },

  ...backends.flatMap((b): Flow[] => [
    { from: b, to: "database", ports: ["database"], why: "Diffgram's database (TLS, verify-full)" },
    { from: b, to: "rabbitmq", ports: [5671], why: "the message bus (AMQPS)" },
    {
      from: b,
      to: "object-storage",
      ports: ["object-storage"],
      why: "media and exports in the tenant bucket",
    },
    {
      from: b,
      to: "identity-endpoints",
      ports: ["identity-endpoint"],
      when: ["identity-endpoints"],
      why: "credentials of the pod's cloud identity for the bucket",
    },
  ]),
  {
    from: "diffgram-default",
    to: "keycloak",
    ports: [8443],
    why: "OIDC code exchange, userinfo and realm bootstrap (in-cluster, TLS)",
  },
  {
    from: "diffgram-walrus",
    to: "keycloak",
    ports: [8443],
    why: "session token refresh (in-cluster, TLS)",
  },
  {
    from: "diffgram-default",
    to: "diffgram-walrus",
    ports: [8443],
    why: "inter-service calls, kept off the public ingress",
  },

  {
    from: "keycloak",
    to: "database",
    ports: ["database"],
    why: "Keycloak's own database (TLS, verify-full)",
  },
  {
    from: "keycloak",
    to: "keycloak",
    ports: [7800, 57800],
    why: "cache cluster of the replicas (JGroups and failure detection)",
  },
  {
    from: "keycloak",
    to: "identity-upstreams",
    ports: ["identity-upstream"],
    when: ["identity-upstreams"],
    why: "the brokered identity provider's token, JWKS and userinfo endpoints; LDAPS to the directory (each upstream's own addresses and port only)",
  },
  {
    from: "keycloak-configure",
    to: "keycloak",
    ports: [8443],
    why: "the admin API, to harden the master realm and create Diffgram's account",
  },

  {
    from: "diffgram-migrate",
    to: "database",
    ports: ["database"],
    why: "schema migrations (alembic)",
  },
  {
    from: "database-bootstrap",
    to: "database",
    ports: ["database"],
    why: "creates the per-application databases and roles",
  },
  {
    from: "database-bootstrap",
    to: "cloud-apis",
    ports: [443],
    when: ["cloud-secret-store"],
    why: "reads the administrator's credentials from the cloud's secret store",
  },
  {
    from: "database-bootstrap",
    to: "identity-endpoints",
    ports: ["identity-endpoint"],
    when: ["cloud-secret-store", "identity-endpoints"],
    why: "credentials of the job's cloud identity, to read that secret store",
  },
];

/** What decides the conditional flows and platform ports. */
export interface FlowContext {
  readonly identityEndpoints: readonly { readonly cidr: string; readonly port: number }[];
  /** The federation upstreams Keycloak reaches (none: no flow). */
  readonly identityUpstreams?: readonly {
    readonly cidrs: readonly string[];
    readonly port: number;
  }[];
  readonly cloudSecretStore: boolean;
  readonly databasePort: number;
  readonly objectStoragePort: number;
}

/** One allowed connection: `from` may open TCP/UDP `port` to `to`. */
export interface ConcreteFlow {
  readonly from: Peer;
  readonly to: Peer;
  readonly port: number;
  readonly protocol: "TCP" | "UDP";
}

export function flowApplies(
  flow: Flow,
  ctx: Pick<FlowContext, "identityEndpoints" | "cloudSecretStore" | "identityUpstreams">,
): boolean {
  return (flow.when ?? []).every((condition) =>
    condition === "identity-endpoints"
      ? ctx.identityEndpoints.length > 0
      : condition === "identity-upstreams"
        ? (ctx.identityUpstreams ?? []).length > 0
        : ctx.cloudSecretStore,
  );
}

/** The table, expanded for one platform: every (from, to, port, protocol) that must be allowed. */
export function expandFlows(ctx: FlowContext, flows: readonly Flow[] = FLOWS): ConcreteFlow[] {
  const out: ConcreteFlow[] = [];
  for (const flow of flows.filter((f) => flowApplies(f, ctx))) {
    const sources: Peer[] = flow.from === "*" ? [...WORKLOADS] : [flow.from];
    const ports = flow.ports.flatMap((p): number[] =>
      p === "database"
        ? [ctx.databasePort]
        : p === "object-storage"
          ? [ctx.objectStoragePort]
          : p === "identity-endpoint"
            ? ctx.identityEndpoints.map((e) => e.port)
            : p === "identity-upstream"
              ? (ctx.identityUpstreams ?? []).map((u) => u.port)
              : [p],
    );
    for (const from of sources) {
      for (const port of new Set(ports)) {
        out.push({ from, to: flow.to, port, protocol: flow.protocol ?? "TCP" });
      }
    }
  }
  return out;
}

export const isWorkload = (peer: string): peer is Workload =>
  (WORKLOADS as readonly string[]).includes(peer);
