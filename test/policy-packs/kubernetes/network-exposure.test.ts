import { describe, expect, it } from "vitest";
import { resourcePolicyNamed, stackPolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy, runStackPolicy, urnOf } from "../../helpers/policy";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";

const SERVICE = "kubernetes:core/v1:Service";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const loadBalancer = (): Record<string, any> => ({
  metadata: { name: "ingress", namespace: "ingress" },
  spec: {
    type: "LoadBalancer",
    ports: [{ port: 443, targetPort: 8443 }],
    loadBalancerSourceRanges: ["203.0.113.0/24", "2001:db8::/32"],
  },
});
const run = (name: string, props: Record<string, unknown>) =>
  runResourcePolicy(resourcePolicyNamed(name), { type: SERVICE, props });

describe("kubernetes-core-service-restrict-load-balancer-source-ranges", () => {
  const name = "kubernetes-core-service-restrict-load-balancer-source-ranges";
  itRefusesTheInternetInPieces((ranges) => {
    const svc = loadBalancer();
    svc.spec.loadBalancerSourceRanges = ranges;
    return run(name, svc).violations;
  });

  it("passes the compliant LoadBalancer and ClusterIP services", () => {
    expect(run(name, loadBalancer()).violations).toEqual([]);
    const clusterIp = loadBalancer();
    clusterIp.spec = { type: "ClusterIP", ports: [{ port: 80 }] };
    expect(run(name, clusterIp).violations).toEqual([]);
  });
  it("flags a LoadBalancer without source ranges", () => {
    const svc = loadBalancer();
    delete svc.spec.loadBalancerSourceRanges;
    expect(run(name, svc).violations).toEqual([
      "LoadBalancer Service sets no spec.loadBalancerSourceRanges, so it accepts clients from any address",
    ]);
  });
  it("flags the whole address space", () => {
    const svc = loadBalancer();
    svc.spec.loadBalancerSourceRanges = ["10.0.0.0/8", "0.0.0.0/0", "::/0"];
    expect(run(name, svc).violations).toEqual([
      "spec.loadBalancerSourceRanges: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network), so the LoadBalancer accepts clients from the internet",
      "spec.loadBalancerSourceRanges: ::/0 is broader than IPv6 /32 (a share of the internet, not a network), so the LoadBalancer accepts clients from the internet",
    ]);
  });
  it("reads the source-ranges annotation when the field is absent", () => {
    const svc = loadBalancer();
    delete svc.spec.loadBalancerSourceRanges;
    svc.metadata.annotations = {
      "service.beta.kubernetes.io/load-balancer-source-ranges": "203.0.113.0/24",
    };
    expect(run(name, svc).violations).toEqual([]);
    svc.metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] =
      "203.0.113.0/24, 0.0.0.0/0";
    expect(run(name, svc).violations).toEqual([
      "The service.beta.kubernetes.io/load-balancer-source-ranges annotation: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network), so the LoadBalancer accepts clients from the internet",
    ]);
  });
});

describe("kubernetes-core-service-disallow-node-port", () => {
  const name = "kubernetes-core-service-disallow-node-port";
  it("passes the compliant service", () =>
    expect(run(name, loadBalancer()).violations).toEqual([]));
  it("flags a NodePort service", () => {
    const svc = loadBalancer();
    svc.spec = { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] };
    expect(run(name, svc).violations).toEqual([
      "Service of type NodePort opens node ports 30080 on every node",
    ]);
    svc.spec.ports = [{ port: 80 }];
    expect(run(name, svc).violations).toEqual([
      "Service of type NodePort opens a port on every node",
    ]);
  });
});

describe("kubernetes-core-service-disallow-external-ips", () => {
  const name = "kubernetes-core-service-disallow-external-ips";
  it("passes the compliant service", () =>
    expect(run(name, loadBalancer()).violations).toEqual([]));
  it("flags externalIPs", () => {
    const svc = loadBalancer();
    svc.spec.externalIPs = ["198.51.100.7"];
    expect(run(name, svc).violations).toEqual(["Service sets spec.externalIPs: 198.51.100.7"]);
  });
});

describe("kubernetes-core-namespace-require-default-deny", () => {
  const policy = stackPolicyNamed("kubernetes-core-namespace-require-default-deny");
  const namespace = (name: string) => ({ type: NAMESPACE, name, props: { metadata: { name } } });
  const denyAll = (namespace: string) => ({
    type: NETWORK_POLICY,
    name: `${namespace}-deny`,
    props: {
      metadata: { name: "default-deny", namespace },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
  });
  const allowWeb = (namespace: string) => ({
    type: NETWORK_POLICY,
    name: `${namespace}-web`,
    props: {
      metadata: { name: "web", namespace },
      spec: {
        podSelector: { matchLabels: { app: "web" } },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: 8080 }] }],
      },
    },
  });

  it("passes namespaces with a default deny for both directions", () => {
    expect(
      runStackPolicy(policy, [namespace("app"), denyAll("app"), allowWeb("app")]).violations,
    ).toEqual([]);
  });
  it("accepts the deny split across two policies", () => {
    const ingress = denyAll("app");
    ingress.props.spec = { podSelector: {}, policyTypes: ["Ingress"] };
    const egress = {
      ...denyAll("app"),
      name: "app-deny-egress",
      props: {
        metadata: { name: "e", namespace: "app" },
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: [] },
      },
    };
    expect(runStackPolicy(policy, [namespace("app"), ingress, egress]).violations).toEqual([]);
  });
  it("flags a namespace without any NetworkPolicy", () => {
    expect(
      runStackPolicy(policy, [namespace("app"), namespace("data"), denyAll("app")]).violations,
    ).toEqual([
      {
        message: 'namespace "data" has no default-deny NetworkPolicy for Ingress and Egress',
        urn: urnOf(NAMESPACE, "data"),
      },
    ]);
  });
  it("flags a namespace whose policies select only some pods or allow traffic", () => {
    expect(runStackPolicy(policy, [namespace("app"), allowWeb("app")]).violations).toEqual([
      {
        message: 'namespace "app" has no default-deny NetworkPolicy for Ingress and Egress',
        urn: urnOf(NAMESPACE, "app"),
      },
    ]);
  });
  it("flags a missing egress deny (a policy without policyTypes denies ingress only)", () => {
    const ingressOnly = denyAll("app");
    ingressOnly.props.spec = { podSelector: {} } as any;
    expect(runStackPolicy(policy, [namespace("app"), ingressOnly]).violations).toEqual([
      {
        message: 'namespace "app" has no default-deny NetworkPolicy for Egress',
        urn: urnOf(NAMESPACE, "app"),
      },
    ]);
    expect(
      runStackPolicy(policy, [namespace("app"), ingressOnly], { requireEgress: false }).violations,
    ).toEqual([]);
  });
});

describe("kubernetes-core-service-restrict-load-balancer-source-ranges on internal load balancers", () => {
  const name = "kubernetes-core-service-restrict-load-balancer-source-ranges";
  const internal = (annotations: Record<string, string>) => {
    const svc = loadBalancer();
    delete svc.spec.loadBalancerSourceRanges;
    svc.metadata.annotations = annotations;
    return svc;
  };
  it.each<Record<string, string>>([
    { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
    { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
    { "networking.gke.io/load-balancer-type": "Internal" },
    { "cloud.google.com/load-balancer-type": "Internal" },
    { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
  ])("stays silent on an internal load balancer without source ranges (%o)", (annotations) => {
    expect(run(name, internal(annotations)).violations).toEqual([]);
  });
  it.each<Record<string, string>>([
    { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
    {
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    },
    { "service.beta.kubernetes.io/aws-load-balancer-internal": "false" },
    { "networking.gke.io/load-balancer-type": "External" },
  ])("still asks an internet-facing load balancer for source ranges (%o)", (annotations) => {
    expect(run(name, internal(annotations)).violations).toEqual([
      "LoadBalancer Service sets no spec.loadBalancerSourceRanges, so it accepts clients from any address",
    ]);
  });
});
