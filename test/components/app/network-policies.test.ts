import { Address4, Address6 } from "ip-address";
import { beforeAll, describe, expect, it } from "vitest";
import { networkFlows, type FlowGraph } from "../../../review/flows";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { LDAP, OIDC_BROKER } from "../../helpers/federation";

type Loose = h.Loose;
let k8s: typeof import("@pulumi/kubernetes");
let layerModule: typeof import("../../../components/app");
let flows: typeof import("../../../components/app/network-policies/flows");
let peers: typeof import("../../../components/app/network-policies/peers");

beforeAll(async () => {
  await h.setKubernetesMocks();
  k8s = await import("@pulumi/kubernetes");
  layerModule = await import("../../../components/app");
  flows = await import("../../../components/app/network-policies/flows");
  peers = await import("../../../components/app/network-policies/peers");
});

/** The fake platforms' address blocks, written out independently of the generator. */
/** Every block is one the Platform named: no "any address" block exists any more. */
const KNOWN_BLOCKS: Record<string, string> = {
  "203.0.113.0/24": "clients",
  "2001:db8::/48": "clients",
  "198.51.100.0/24": "clients",
  "10.42.32.0/20": "database",
  "10.42.96.0/24": "object-storage",
  "10.42.97.0/24": "kubernetes-api",
  "10.42.98.0/24": "cloud-apis",
  "169.254.170.23/32": "identity-endpoints",
  "203.0.113.20/32": "object-storage",
  "192.0.2.16/28": "identity-upstreams",
  "10.20.0.10/32": "identity-upstreams",
};

/** Corporate identity upstreams (enclave:app.keycloak.federation): an OIDC provider and AD. */
const UPSTREAMS = [
  { cidrs: ["192.0.2.16/28"], port: 443 },
  { cidrs: ["10.20.0.10/32"], port: 636 },
];

function peerName(peer: Loose): string {
  if (peer.podSelector && !peer.namespaceSelector) {
    return peer.podSelector.matchLabels["app.kubernetes.io/name"];
  }
  if (
    peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "kube-system" &&
    peer.podSelector?.matchLabels?.["k8s-app"] === "kube-dns"
  ) {
    return "dns";
  }
  const key = peer.ipBlock.except
    ? `${peer.ipBlock.cidr} except ${peer.ipBlock.except.join(",")}`
    : peer.ipBlock.cidr;
  const name = KNOWN_BLOCKS[key];
  if (!name) {
    throw new Error(`unexpected peer ${JSON.stringify(peer)}`);
  }
  return name;
}

/** Reads the NetworkPolicies back into flows "from -> to port/protocol". */
function decompile(policies: Loose[]): string[] {
  const out = new Set<string>();
  for (const np of policies) {
    const selected: string[] =
      Object.keys(np.spec.podSelector).length === 0
        ? [...flows.WORKLOADS]
        : [np.spec.podSelector.matchLabels["app.kubernetes.io/name"]];
    for (const workload of selected) {
      for (const rule of np.spec.ingress ?? []) {
        for (const peer of rule.from) {
          for (const p of rule.ports) {
            out.add(`${peerName(peer)} -> ${workload} ${p.port}/${p.protocol}`);
          }
        }
      }
      for (const rule of np.spec.egress ?? []) {
        for (const peer of rule.to) {
          for (const p of rule.ports) {
            out.add(`${workload} -> ${peerName(peer)} ${p.port}/${p.protocol}`);
          }
        }
      }
    }
  }
  return [...out].sort();
}

const asStrings = (list: { from: string; to: string; port: number; protocol: string }[]) =>
  [...new Set(list.map((f) => `${f.from} -> ${f.to} ${f.port}/${f.protocol}`))].sort();

async function render(options: h.FakePlatformOptions, federation?: unknown) {
  return (await renderAll(options, federation)).filter(
    (r) => r.kind === "NetworkPolicy" && r.metadata.namespace === "enclave-acme",
  );
}

/** Every Kubernetes object the layer emits on a fake platform, as plain inputs. */
async function renderAll(options: h.FakePlatformOptions, federation?: unknown) {
  const settings = resolveLayerSettings(
    {
      images: h.DIFFGRAM_IMAGES,
      keycloak: {
        admins: h.MASTER_ADMINS,
        ...(federation ? { federation: federation as never } : {}),
      },
    },
    {
      tenant: "acme",
      environment: "prod",
      ...(federation ? { brokerClientSecret: "s1", ldapBindCredential: "s2" } : {}),
    },
  ).settings!;
  const { resources } = await h.render(
    () =>
      new layerModule.AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod", ...options }),
        settings,
      }),
  );
  return resources.map((r) => ({ type: r.type, name: r.name, ...h.plain(r.inputs) })) as Loose[];
}

/** The reviewer's diagram edges, named as the flow table names its peers. */
function diagramFlows(graph: FlowGraph): string[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const peersOf = (id: string): string[] => {
    const n = nodes.get(id)!;
    if (n.zone === "namespace enclave-acme") {
      return n.label === "all pods" ? [...flows.WORKLOADS] : [n.label];
    }
    if (n.zone === "namespace kube-system" && n.label === "k8s-app=kube-dns") {
      return ["dns"];
    }
    const name = n.zone === "networks" ? KNOWN_BLOCKS[n.label.replace(/, /g, ",")] : undefined;
    if (!name) {
      throw new Error(`unexpected node ${n.zone}: ${n.label}`);
    }
    return [name];
  };
  return [
    ...new Set(
      graph.edges.flatMap((e) =>
        peersOf(e.from).flatMap((f) => peersOf(e.to).map((t) => `${f} -> ${t} ${e.port}`)),
      ),
    ),
  ].sort();
}

const asFlowResources = (objects: Loose[]) =>
  objects.map((o) => ({
    type: `kubernetes:${o.apiVersion.includes("/") ? o.apiVersion : `core/${o.apiVersion}`}:${o.kind}`,
    name: o.metadata?.name ?? "",
    inputs: o,
  }));

function contains(outer: string, inner: string): boolean {
  const v6 = outer.includes(":");
  if (v6 !== inner.includes(":")) {
    return false;
  }
  const a = v6 ? new Address6(inner) : new Address4(inner);
  const b = v6 ? new Address6(outer) : new Address4(outer);
  return a.subnetMask >= b.subnetMask && (a as Address4).isInSubnet(b as Address4);
}

describe("NetworkPolicies implement exactly the flow table", () => {
  it("on a cloud platform (admin secret in the cloud's store, identity endpoints)", async () => {
    const policies = await render({
      ingress: { identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }] },
    });
    const expected = flows.expandFlows({
      identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }],
      cloudSecretStore: true,
      databasePort: 5432,
      objectStoragePort: 443,
    });
    expect(decompile(policies)).toEqual(asStrings(expected));
    // The conditional flows are in this expansion.
    expect(asStrings(expected)).toContain("database-bootstrap -> cloud-apis 443/TCP");
    expect(asStrings(expected)).toContain("diffgram-walrus -> identity-endpoints 80/TCP");
  });

  it("on an existing cluster (admin secret in Kubernetes, store addresses given, no cloud identity)", async () => {
    h.setExistingSecret("enclave-system/minio", { accessKeyId: "a", secretAccessKey: "b" });
    h.setExistingSecret("enclave-system/pg", { username: "u", password: "p" });
    const policies = await render({
      storage: {
        provider: "minio",
        endpoint: "https://minio.example.com:9000",
        credentials: { secretName: "minio", namespace: "enclave-system" },
        network: { cidrs: ["203.0.113.20/32"], port: 9000 },
      },
      database: {
        adminCredentials: {
          kind: "kubernetes-secret",
          secretName: "pg",
          namespace: "enclave-system",
        },
      },
    });
    const expected = asStrings(
      flows.expandFlows({
        identityEndpoints: [],
        cloudSecretStore: false,
        databasePort: 5432,
        objectStoragePort: 9000,
      }),
    );
    expect(decompile(policies)).toEqual(expected);
    expect(
      expected.filter((f) => f.includes("cloud-apis") || f.includes("identity-endpoints")),
    ).toEqual([]);
    expect(expected).toContain("diffgram-default -> object-storage 9000/TCP");
  });

  it("with corporate identity: Keycloak, and only Keycloak, reaches each upstream on its port", async () => {
    const policies = await render(
      { ingress: { identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }] } },
      {
        broker: { ...OIDC_BROKER, network: UPSTREAMS[0] },
        ldap: { ...LDAP, network: UPSTREAMS[1] },
      },
    );
    const expected = asStrings(
      flows.expandFlows({
        identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }],
        identityUpstreams: UPSTREAMS,
        cloudSecretStore: true,
        databasePort: 5432,
        objectStoragePort: 443,
      }),
    );
    expect(decompile(policies)).toEqual(expected);
    expect(expected.filter((f) => f.includes("identity-upstreams"))).toEqual([
      "keycloak -> identity-upstreams 443/TCP",
      "keycloak -> identity-upstreams 636/TCP",
    ]);
    // Each upstream's blocks on its own port only: the directory is not reachable on 443.
    const keycloak = policies.find((p) => p.metadata.name === "keycloak")!;
    const upstreamRules = keycloak.spec.egress
      .filter((r: Loose) =>
        r.to.some((p: Loose) => KNOWN_BLOCKS[p.ipBlock?.cidr] === "identity-upstreams"),
      )
      .map(
        (r: Loose) =>
          `${r.to.map((p: Loose) => p.ipBlock.cidr).join(",")}:${r.ports.map((p: Loose) => p.port).join(",")}`,
      );
    expect(upstreamRules).toEqual(["192.0.2.16/28:443", "10.20.0.10/32:636"]);
  });

  it("without federation, no flow to an upstream exists", async () => {
    const expected = asStrings(
      flows.expandFlows({
        identityEndpoints: [],
        cloudSecretStore: true,
        databasePort: 5432,
        objectStoragePort: 443,
      }),
    );
    expect(expected.filter((f) => f.includes("identity-upstreams"))).toEqual([]);
  });

  it("has a default deny for the namespace and one policy for each workload of the table", async () => {
    const policies = await render({});
    const names = policies.map((p) => p.metadata.name).sort();
    expect(names).toEqual(["allow-dns", "default-deny", ...flows.WORKLOADS].sort());
    for (const p of policies) {
      expect(p.spec.policyTypes).toEqual(
        p.metadata.name === "allow-dns" ? ["Egress"] : ["Ingress", "Egress"],
      );
    }
  });

  it("keeps cloud metadata endpoints unreachable, except identity endpoints for the pods with a cloud identity", async () => {
    const policies = await render({
      ingress: { identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }] },
    });
    const metadata = ["169.254.169.254/32", "169.254.170.23/32"];
    const reached: string[] = [];
    for (const np of policies) {
      for (const rule of np.spec.egress ?? []) {
        for (const peer of rule.to) {
          const blockSpec = peer.ipBlock;
          for (const m of blockSpec ? metadata : []) {
            const excepted = (blockSpec.except ?? []).some((e: string) => contains(e, m));
            if (contains(blockSpec.cidr, m) && !excepted) {
              reached.push(
                `${np.metadata.name} -> ${m}:${rule.ports.map((p: Loose) => p.port).join(",")}`,
              );
            }
          }
        }
      }
    }
    expect(reached.sort()).toEqual([
      "database-bootstrap -> 169.254.170.23/32:80",
      "diffgram-default -> 169.254.170.23/32:80",
      "diffgram-eventhandlers -> 169.254.170.23/32:80",
      "diffgram-walrus -> 169.254.170.23/32:80",
    ]);
  });
});

describe("the reviewer's flow diagram (review/flows.ts), read back from the resources", () => {
  it.each([
    [
      "a cloud platform",
      { ingress: { identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }] } },
      {
        identityEndpoints: [{ cidr: "169.254.170.23/32", port: 80 }],
        cloudSecretStore: true,
        databasePort: 5432,
        objectStoragePort: 443,
      },
    ],
    [
      "a platform without cloud identity",
      {},
      { identityEndpoints: [], cloudSecretStore: true, databasePort: 5432, objectStoragePort: 443 },
    ],
  ] as const)("has exactly the flow table's edges on %s", async (_name, options, ctx) => {
    const policies = await render(options as h.FakePlatformOptions);
    const graph = networkFlows(asFlowResources(policies));
    expect(diagramFlows(graph)).toEqual(asStrings(flows.expandFlows(ctx)));
  });

  it("draws the ingress routes from the allowlists' ranges only, each route to its Service", async () => {
    const all = await renderAll({});
    const graph = networkFlows(asFlowResources(all.filter((o) => o.kind && o.metadata)));
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    const into = graph.edges.filter((e) => nodes.get(e.to)!.zone === "ingress");
    const sources = new Set(into.map((e) => nodes.get(e.from)!.label));
    expect(into.length).toBeGreaterThan(0);
    // The clients' ranges, and loopback for the deny-all route: never anywhere.
    for (const s of sources) {
      expect(["203.0.113.0/24", "2001:db8::/48", "198.51.100.0/24", "127.0.0.1/32"]).toContain(s);
    }
    expect(sources).toContain("203.0.113.0/24");
    const routes = new Set(into.map((e) => e.to));
    for (const route of routes) {
      expect(
        graph.edges.some((e) => e.from === route && nodes.get(e.to)!.label.startsWith("service ")),
        nodes.get(route)!.label,
      ).toBe(true);
    }
  });
});

describe("flow table", () => {
  it("lists only known workloads and peers, each flow with a reason", () => {
    const known = new Set<string>([...flows.WORKLOADS, ...flows.EXTERNALS, "*"]);
    for (const f of flows.FLOWS) {
      expect(known.has(f.from) && known.has(f.to), `${f.from} -> ${f.to}`).toBe(true);
      expect(f.why.length).toBeGreaterThan(5);
    }
  });

  it("never lets the frontend or RabbitMQ open connections (besides DNS)", () => {
    const out = flows.FLOWS.filter((f) => f.from === "diffgram-frontend" || f.from === "rabbitmq");
    expect(out).toEqual([]);
  });

  it("cuts metadata and private ranges out of address blocks, never across families", () => {
    expect(
      peers.block("0.0.0.0/0", [
        "10.0.0.0/8",
        "10.42.0.0/16",
        "169.254.169.254/32",
        "fd00:ec2::254/128",
      ]),
    ).toEqual({
      ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "169.254.169.254/32"] },
    });
    expect(peers.block("10.42.32.0/20", ["169.254.169.254/32"])).toEqual({
      ipBlock: { cidr: "10.42.32.0/20" },
    });
    expect(peers.strictlyInside("10.42.0.0/16", "10.42.0.0/16")).toBe(false);
    expect(peers.strictlyInside("2001:db8::/64", "2001:db8::/48")).toBe(true);
  });
});
