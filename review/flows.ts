/**
 * The allowed network flows of a stack, read from its own resources (not from the code that made
 * them): Kubernetes NetworkPolicies (who may open which port to whom), Ingress routes and Traefik
 * file-provider routers (from its dynamic configuration held in a ConfigMap) with the
 * allowlists they name (ipAllowList middlewares of that configuration),
 * and AWS security groups where the stack declares them. Zones are the trust
 * boundaries: a namespace, the networks outside the cluster, the ingress, the security groups.
 */
import { parse } from "yaml";

export interface FlowNode {
  readonly id: string;
  readonly label: string;
  /** The trust boundary the node sits in, e.g. `namespace enclave-acme`, `networks`. */
  readonly zone: string;
}

/** `from` may open `port` to `to` (a port is `8443/TCP`, a range `1024-2048/TCP`, or `any`). */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly port: string;
}

export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

/** What the graph reads of a resource: its type, name and inputs. */
export interface FlowResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const kindOf = (type: string) => type.split(":")[2] ?? "";

/** The `app.kubernetes.io/name` label, else the labels as `k=v,...`, else `all pods`. */
function selectorLabel(selector: unknown): string {
  const s = obj(selector);
  const labels = obj(s.matchLabels);
  const name = str(labels["app.kubernetes.io/name"]);
  if (name) {
    return name;
  }
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of list(s.matchExpressions)) {
    const x = obj(e);
    parts.push(
      `${String(x.key)} ${String(x.operator)} ${list(x.values).map(String).join("|")}`.trim(),
    );
  }
  return parts.length > 0 ? parts.sort().join(",") : "all pods";
}

class Builder {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly edges = new Map<string, FlowEdge>();

  node(zone: string, label: string): string {
    const id = `${zone}\u0000${label}`;
    if (!this.nodes.has(id)) {
      this.nodes.set(id, { id, label, zone });
    }
    return id;
  }

  edge(from: string, to: string, port: string): void {
    this.edges.set(`${from}\u0001${to}\u0001${port}`, { from, to, port });
  }

  graph(): FlowGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

const namespaceZone = (ns: string) => `namespace ${ns}`;
const NETWORKS = "networks";

/** A NetworkPolicy peer as a node: pods of a namespace, an address block, or anywhere. */
function peerNode(b: Builder, peer: unknown, ownNamespace: string): string {
  const p = obj(peer);
  const block = obj(p.ipBlock);
  if (str(block.cidr)) {
    const except = list(block.except).map(String);
    return b.node(
      NETWORKS,
      except.length > 0 ? `${String(block.cidr)} except ${except.join(", ")}` : String(block.cidr),
    );
  }
  if (p.namespaceSelector !== undefined) {
    const nsLabels = obj(obj(p.namespaceSelector).matchLabels);
    const ns =
      str(nsLabels["kubernetes.io/metadata.name"]) ??
      (Object.keys(nsLabels).length > 0
        ? Object.entries(nsLabels)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(",")
        : "every namespace");
    return b.node(namespaceZone(ns), selectorLabel(p.podSelector));
  }
  return b.node(namespaceZone(ownNamespace), selectorLabel(p.podSelector));
}

function portsOf(rule: Obj): string[] {
  const ports = list(rule.ports).map(obj);
  if (ports.length === 0) {
    return ["any"];
  }
  return ports.map((p) => {
    const protocol = str(p.protocol) ?? "TCP";
    const port = p.port === undefined ? "any" : String(p.port);
    return p.endPort !== undefined
      ? `${port}-${String(p.endPort)}/${protocol}`
      : `${port}/${protocol}`;
  });
}

function networkPolicy(b: Builder, inputs: Obj): void {
  const ns = str(obj(inputs.metadata).namespace) ?? "default";
  const spec = obj(inputs.spec);
  const selected = b.node(namespaceZone(ns), selectorLabel(spec.podSelector));
  for (const rule of list(spec.ingress).map(obj)) {
    const peers = list(rule.from);
    const sources =
      peers.length > 0 ? peers.map((p) => peerNode(b, p, ns)) : [b.node(NETWORKS, "anywhere")];
    for (const from of sources) {
      portsOf(rule).forEach((port) => b.edge(from, selected, port));
    }
  }
  for (const rule of list(spec.egress).map(obj)) {
    const peers = list(rule.to);
    const targets =
      peers.length > 0 ? peers.map((p) => peerNode(b, p, ns)) : [b.node(NETWORKS, "anywhere")];
    for (const to of targets) {
      portsOf(rule).forEach((port) => b.edge(selected, to, port));
    }
  }
}

/** Traefik file-provider documents (dynamic configuration) held in the stack's ConfigMaps. */
function traefikDocuments(resources: readonly FlowResource[]): Obj[] {
  const out: Obj[] = [];
  for (const r of resources.filter((x) => kindOf(x.type) === "ConfigMap")) {
    for (const text of Object.values(obj(r.inputs.data))) {
      if (typeof text !== "string" || !/routers|ipAllowList/.test(text)) {
        continue;
      }
      try {
        const http = obj(obj(parse(text)).http);
        if (Object.keys(http).length > 0) {
          out.push(http);
        }
      } catch {
        continue;
      }
    }
  }
  return out;
}

/** Traefik's file-provider middlewares: name -> ipAllowList source ranges. */
function allowlists(documents: readonly Obj[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const http of documents) {
    for (const [name, mw] of Object.entries(obj(http.middlewares))) {
      const ranges = obj(obj(mw).ipAllowList).sourceRange;
      if (Array.isArray(ranges)) {
        out.set(name, ranges.map(String));
      }
    }
  }
  return out;
}

/** A request passes every allowlist of a middleware chain: the ranges they have in common. */
function sourcesOf(chain: readonly string[], allowed: Map<string, string[]>): string[] {
  const lists = chain.map((m) => allowed.get(m)).filter((l): l is string[] => l !== undefined);
  const sources =
    lists.length === 0 ? ["anywhere"] : lists.reduce((a, l) => a.filter((x) => l.includes(x)));
  return sources.length > 0 ? sources : ["nobody"];
}

/** `Host(`h`) && PathPrefix(`/p`)`-style rules: the host and the first path they name. */
function routeLabel(rule: string): string {
  const host = /Host\(`([^`]*)`\)/.exec(rule)?.[1] ?? "*";
  const path = /Path(?:Prefix)?\(`([^`]*)`\)/.exec(rule)?.[1] ?? "/";
  return `${host}${path}`;
}

/** File-provider routers: clients (the allowlists' ranges) reach each route; it reaches its Service. */
function fileRouters(b: Builder, documents: readonly Obj[], allowed: Map<string, string[]>): void {
  for (const http of documents) {
    const services = obj(http.services);
    for (const router of Object.values(obj(http.routers)).map(obj)) {
      const rule = str(router.rule);
      if (!rule) {
        continue;
      }
      const chain = list(router.middlewares).map((m) => String(m).replace(/@file$/, ""));
      const route = b.node("ingress", routeLabel(rule));
      sourcesOf(chain, allowed).forEach((cidr) => b.edge(b.node(NETWORKS, cidr), route, "HTTPS"));
      const name = str(router.service);
      const servers = list(obj(obj(services[name ?? ""]).loadBalancer).servers).map(obj);
      for (const url of servers.map((x) => str(x.url)).filter((u): u is string => !!u)) {
        // In-cluster backends: https://<service>.<namespace>.svc:<port>
        const m = /^\w+:\/\/([^.:/]+)\.([^.:/]+)\.svc(?:\.[^:/]*)?(?::(\d+))?/.exec(url);
        if (m) {
          b.edge(route, b.node(namespaceZone(m[2]), `service ${m[1]}`), `${m[3] ?? "443"}/TCP`);
        }
      }
    }
  }
}

const ROUTER_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares";

/** Clients (the allowlist's ranges, or anywhere) reach each route; each route reaches its Service. */
function ingress(b: Builder, inputs: Obj, allowed: Map<string, string[]>): void {
  const metadata = obj(inputs.metadata);
  const ns = str(metadata.namespace) ?? "default";
  const chain = (str(obj(metadata.annotations)[ROUTER_MIDDLEWARES]) ?? "")
    .split(",")
    .map((m) => m.trim().replace(/@file$/, ""))
    .filter(Boolean);
  const sources = sourcesOf(chain, allowed);
  for (const rule of list(obj(inputs.spec).rules).map(obj)) {
    for (const path of list(obj(rule.http).paths).map(obj)) {
      const route = b.node("ingress", `${str(rule.host) ?? "*"}${str(path.path) ?? "/"}`);
      sources.forEach((cidr) => b.edge(b.node(NETWORKS, cidr), route, "HTTPS"));
      const service = obj(obj(path.backend).service);
      const port = obj(service.port);
      if (str(service.name)) {
        b.edge(
          route,
          b.node(namespaceZone(ns), `service ${String(service.name)}`),
          `${String(port.number ?? port.name ?? "any")}/TCP`,
        );
      }
    }
  }
}

function sgPort(rule: Obj): string {
  const protocol = String(rule.protocol ?? rule.ipProtocol ?? "-1");
  if (protocol === "-1" || protocol === "all") {
    return "any";
  }
  const from = rule.fromPort;
  const to = rule.toPort;
  return `${from === to ? String(from) : `${String(from)}-${String(to)}`}/${protocol.toUpperCase()}`;
}

/** Security groups: who may reach each group, by address block or by another group. */
function securityGroups(b: Builder, resources: readonly FlowResource[]): void {
  const groups = resources.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
  const byId = new Map(groups.map((g) => [str(g.outputs?.id) ?? "", g.name]));
  const groupNode = (idOrName: string) => b.node("security groups", byId.get(idOrName) ?? idOrName);
  const source = (rule: Obj): string[] => [
    ...[...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks)].map((c) =>
      b.node(NETWORKS, String(c)),
    ),
    ...list(rule.securityGroups).map((g) => groupNode(String(g))),
    ...(rule.self === true ? ["self"] : []),
  ];
  for (const g of groups) {
    const target = groupNode(g.name);
    for (const rule of list(g.inputs.ingress).map(obj)) {
      source(rule).forEach((from) => b.edge(from === "self" ? target : from, target, sgPort(rule)));
    }
  }
  for (const r of resources.filter(
    (x) => x.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  )) {
    const i = r.inputs;
    const target = groupNode(String(i.securityGroupId ?? r.name));
    const from = str(i.cidrIpv4) ?? str(i.cidrIpv6);
    const sources = [
      ...(from ? [b.node(NETWORKS, from)] : []),
      ...(str(i.referencedSecurityGroupId) ? [groupNode(String(i.referencedSecurityGroupId))] : []),
    ];
    sources.forEach((s) => b.edge(s, target, sgPort(i)));
  }
}

/** Every allowed flow the stack's resources declare. */
export function networkFlows(resources: readonly FlowResource[]): FlowGraph {
  const b = new Builder();
  for (const r of resources) {
    if (kindOf(r.type) === "NetworkPolicy") {
      networkPolicy(b, r.inputs);
    }
  }
  const documents = traefikDocuments(resources);
  const allowed = allowlists(documents);
  for (const r of resources) {
    if (kindOf(r.type) === "Ingress") {
      ingress(b, r.inputs, allowed);
    }
  }
  fileRouters(b, documents, allowed);
  securityGroups(b, resources);
  return b.graph();
}
