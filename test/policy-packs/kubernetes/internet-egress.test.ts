import { describe, expect, it } from "vitest";
import { coversTheInternet } from "../../../policy-packs/lib/cidr";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const NAME = "kubernetes-networking-networkpolicy-disallow-internet-egress";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The kit's walrus NetworkPolicy on AWS: named addresses and selectors only. */
const compliant = (): Record<string, any> => ({
  metadata: { name: "diffgram-walrus", namespace: "enclave-acme" },
  spec: {
    podSelector: { matchLabels: { "app.kubernetes.io/name": "diffgram-walrus" } },
    policyTypes: ["Ingress", "Egress"],
    ingress: [],
    egress: [
      { to: [{ ipBlock: { cidr: "10.40.192.0/22" } }], ports: [{ protocol: "TCP", port: 5432 }] },
      {
        to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "rabbitmq" } } }],
        ports: [{ protocol: "TCP", port: 5671 }],
      },
      {
        to: [{ ipBlock: { cidr: "10.40.0.0/19" } }, { ipBlock: { cidr: "10.40.32.0/19" } }],
        ports: [{ protocol: "TCP", port: 443 }],
      },
    ],
  },
});
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
  runResourcePolicy(resourcePolicyNamed(NAME), { type: NETWORK_POLICY, props, config });
const withEgress = (...rules: unknown[]) => {
  const np = compliant();
  np.spec.egress.push(...rules);
  return np;
};
const https = [{ protocol: "TCP", port: 443 }];

describe(NAME, () => {
  it("passes the kit's NetworkPolicies: named blocks, selectors, a public /8 at most", () => {
    expect(run(compliant()).violations).toEqual([]);
    expect(
      run(withEgress({ to: [{ ipBlock: { cidr: "3.0.0.0/8" } }], ports: https })).violations,
    ).toEqual([]);
  });

  it("fires on the kit's pre-fix shape: 0.0.0.0/0 on 443 minus the private, cluster and metadata ranges", () => {
    // components/app/network-policies/peers.ts before the fix (object-storage fallback on AWS).
    const preFix = withEgress({
      to: [
        {
          ipBlock: {
            cidr: "0.0.0.0/0",
            except: [
              "10.0.0.0/8",
              "172.16.0.0/12",
              "192.168.0.0/16",
              "169.254.169.254/32",
              "169.254.170.23/32",
            ],
          },
        },
      ],
      ports: https,
    });
    expect(run(preFix).violations).toEqual([
      "The egress ipBlocks (10.40.192.0/22; 10.40.0.0/19; 10.40.32.0/19; 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32, 169.254.170.23/32) together cover more than a /8 of public IPv4 addresses: that is egress to the internet. Allow only the addresses of the services the pods need.",
    ]);
  });

  it("fires on 0.0.0.0/0 and on ::/0", () => {
    const v4 = run(withEgress({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: https }));
    expect(v4.violations).toHaveLength(1);
    const v6 = run(withEgress({ to: [{ ipBlock: { cidr: "::/0" } }], ports: https }));
    // ::/0 holds the IPv4-mapped prefix ::ffff:0:0/96, so it carries all of IPv4 too (the rule of
    // policy-packs/lib/cidr.ts judges embedded IPv4 as IPv4).
    expect(v6.violations).toEqual([
      "The egress ipBlocks (10.40.192.0/22; 10.40.0.0/19; 10.40.32.0/19; ::/0) together cover more than a /8 of public IPv4 addresses: that is egress to the internet (IPv4 and IPv6). Allow only the addresses of the services the pods need.",
    ]);
    const global = run(withEgress({ to: [{ ipBlock: { cidr: "2000::/3" } }], ports: https }));
    expect(global.violations).toEqual([
      "The egress ipBlocks (10.40.192.0/22; 10.40.0.0/19; 10.40.32.0/19; 2000::/3) together cover more than a /32 of public IPv6 addresses: that is egress to the internet. Allow only the addresses of the services the pods need.",
    ]);
  });

  it("fires on the internet in pieces: two /1 halves in separate rules, or a /7", () => {
    const halves = withEgress(
      { to: [{ ipBlock: { cidr: "0.0.0.0/1" } }], ports: https },
      { to: [{ ipBlock: { cidr: "128.0.0.0/1" } }], ports: [{ protocol: "TCP", port: 80 }] },
    );
    expect(run(halves).violations).toHaveLength(1);
    expect(
      run(withEgress({ to: [{ ipBlock: { cidr: "2.0.0.0/7" } }], ports: https })).violations,
    ).toHaveLength(1);
  });

  it("fires on an egress rule without destinations (to omitted or empty), with or without ports", () => {
    expect(run(withEgress({ ports: https })).violations).toEqual([
      "egress[3] has no `to`, so it allows every destination, the internet included (443/TCP). Name the destinations.",
    ]);
    expect(run(withEgress({ to: [], ports: https })).violations).toHaveLength(1);
    expect(run(withEgress({})).violations).toEqual([
      "egress[3] has no `to`, so it allows every destination, the internet included (every port). Name the destinations.",
    ]);
  });

  it("ignores egress rules of a policy that does not govern egress", () => {
    const np = withEgress({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] });
    np.spec.policyTypes = ["Ingress"];
    expect(run(np).violations).toEqual([]);
  });

  it("accepts a NetworkPolicy the stack lists in allowedPolicies, and only that one", () => {
    const np = withEgress({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: https });
    expect(run(np, { allowedPolicies: ["enclave-acme/diffgram-walrus"] }).violations).toEqual([]);
    expect(run(np, { allowedPolicies: ["cert-manager/cert-manager"] }).violations).toHaveLength(1);
  });
});

describe("coversTheInternet (stand-in for policy-packs/lib/cidr.ts)", () => {
  it("measures public space only, exceptions cut out, families apart", () => {
    expect(coversTheInternet([{ cidr: "10.0.0.0/8" }, { cidr: "172.16.0.0/12" }])).toEqual([]);
    expect(coversTheInternet([{ cidr: "0.0.0.0/0", except: ["0.0.0.0/1"] }])).toEqual(["IPv4"]);
    expect(
      coversTheInternet([{ cidr: "0.0.0.0/0", except: ["0.0.0.0/1", "128.0.0.0/1"] }]),
    ).toEqual([]);
    expect(coversTheInternet([{ cidr: "2001:db8::/32" }, { cidr: "fd00::/8" }])).toEqual([]);
    expect(coversTheInternet([{ cidr: "2600::/12" }, { cidr: "0.0.0.0/0" }])).toEqual([
      "IPv4",
      "IPv6",
    ]);
    expect(coversTheInternet([{ cidr: "2600::/32" }])).toEqual([]);
    expect(coversTheInternet([{ cidr: "3.0.0.0/8" }, { cidr: "4.0.0.0/8" }])).toEqual(["IPv4"]);
    expect(coversTheInternet([{ cidr: "0.0.0.0/00" }])).toEqual(["IPv4"]);
  });
  it("ignores blocks that do not parse, never throwing", () => {
    expect(
      coversTheInternet([{ cidr: "not-a-cidr" }, { cidr: "300.0.0.0/1" }, { cidr: "::1::/0" }]),
    ).toEqual([]);
    expect(coversTheInternet([{ cidr: "0.0.0.0/0", except: ["junk", "::/0"] }])).toEqual(["IPv4"]);
  });
});
