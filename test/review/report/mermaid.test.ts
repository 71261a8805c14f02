import { describe, expect, it } from "vitest";
import { networkFlows } from "../../../review/flows";
import { flowchart, mermaidText } from "../../../review/report/mermaid";

const np = (name: string, spec: Record<string, unknown>) => ({
  type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  name,
  inputs: { metadata: { name, namespace: "t" }, spec },
});
const app = (name: string) => ({
  podSelector: { matchLabels: { "app.kubernetes.io/name": name } },
});

describe("flowchart", () => {
  it("draws one subgraph per trust boundary and one labelled arrow per pair of peers", () => {
    const graph = networkFlows([
      np("api", {
        podSelector: app("api").podSelector,
        ingress: [{ from: [app("web")], ports: [{ port: 8443 }, { port: 9000, protocol: "UDP" }] }],
        egress: [
          {
            to: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.1.0/24"] } }],
            ports: [{ port: 5432 }],
          },
        ],
      }),
      {
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: "db",
        inputs: {
          ingress: [{ cidrBlocks: ["10.0.0.0/16"], fromPort: 5432, toPort: 5432, protocol: "tcp" }],
        },
      },
    ]);
    expect(flowchart(graph)).toBe(
      [
        "flowchart LR",
        '  subgraph z0["namespace t"]',
        '    n0["api"]',
        '    n1["web"]',
        "  end",
        '  subgraph z1["networks"]',
        '    n2["10.0.0.0/16"]',
        '    n3["10.0.0.0/16 except 10.0.1.0/24"]',
        "  end",
        '  subgraph z2["security groups"]',
        '    n4["db"]',
        "  end",
        '  n0 -->|"5432/TCP"| n3',
        '  n1 -->|"8443/TCP, 9000/UDP"| n0',
        '  n2 -->|"5432/TCP"| n4',
      ].join("\n"),
    );
  });

  it("draws nothing for a stack that declares no flow, and keeps labels from breaking the chart", () => {
    expect(flowchart(networkFlows([]))).toBeUndefined();
    expect(mermaidText('a "b" <c> | [d]\nе')).toBe("a #34;b#34; #60;c#62; #124; #91;d#93; е");
  });
});
