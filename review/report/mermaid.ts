/**
 * The allowed network flows as a Mermaid flowchart (GitHub renders it in Markdown and PR comments):
 * one subgraph per trust boundary, one arrow per pair of peers labelled with the ports.
 */
import type { FlowGraph } from "../flows";
import { compareStrings } from "./common";

/** Text inside a quoted Mermaid label: quotes and markup as entity codes. */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[#"<>&|`[\]{}]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** The flowchart, or undefined when the stack declares no flow. */
export function flowchart(graph: FlowGraph): string | undefined {
  if (graph.edges.length === 0) {
    return undefined;
  }
  const used = new Set(graph.edges.flatMap((e) => [e.from, e.to]));
  const nodes = graph.nodes
    .filter((n) => used.has(n.id))
    .sort((a, b) => compareStrings(a.zone, b.zone) || compareStrings(a.label, b.label));
  const id = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  const zones = [...new Set(nodes.map((n) => n.zone))];
  zones.forEach((zone, z) => {
    lines.push(`  subgraph z${z}["${mermaidText(zone)}"]`);
    for (const n of nodes.filter((x) => x.zone === zone)) {
      lines.push(`    ${id.get(n.id)!}["${mermaidText(n.label)}"]`);
    }
    lines.push("  end");
  });
  const pairs = new Map<string, { from: string; to: string; ports: string[] }>();
  for (const e of graph.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const pair = pairs.get(key) ?? { from: e.from, to: e.to, ports: [] };
    pair.ports.push(e.port);
    pairs.set(key, pair);
  }
  const sorted = [...pairs.values()].sort(
    (a, b) =>
      compareStrings(id.get(a.from)!, id.get(b.from)!) ||
      compareStrings(id.get(a.to)!, id.get(b.to)!),
  );
  for (const p of sorted) {
    const ports = [...new Set(p.ports)].sort(compareStrings).join(", ");
    lines.push(`  ${id.get(p.from)!} -->|"${mermaidText(ports)}"| ${id.get(p.to)!}`);
  }
  return lines.join("\n");
}
