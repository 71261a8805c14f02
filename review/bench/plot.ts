import { Resvg } from "@resvg/resvg-js";
import type { Row } from "./table";
import type { Spec as VegaSpec } from "vega";

const VEGA_LITE = "vega-lite";

/**
 * Two panels as one PNG: review time against resources (synthetic programs, the kit's packs,
 * awsguard alone and the program alone) and against stacks (`--all`). vega-lite compiles the
 * spec, vega renders SVG without a canvas, resvg turns it into PNG; all offline.
 */
export async function plotPng(rows: readonly Row[]): Promise<Buffer> {
  // vega's packages are ES modules with top-level await: import them, never require them.
  const vega = await import("vega");
  // vega-lite's types resolve only under node16 module resolution; its one call is typed here.
  const vl = (await import(VEGA_LITE)) as { compile(spec: unknown): { spec: VegaSpec } };
  const points = rows.flatMap((r) => [
    {
      group: r.group,
      x: r.group === "fleet" ? r.stacks : r.resources,
      seconds: r.seconds,
      run: r.packs === "kit" ? "enclave packs" : "@pulumi/awsguard",
    },
    {
      group: r.group,
      x: r.group === "fleet" ? r.stacks : r.resources,
      seconds: r.noPacksSeconds,
      run: "program alone (--no-packs)",
    },
  ]);
  const panel = (group: string, title: string, axis: string) => ({
    title,
    width: 320,
    height: 240,
    transform: [{ filter: `datum.group === '${group}'` }],
    mark: { type: "line" as const, point: true },
    encoding: {
      x: { field: "x", type: "quantitative" as const, title: axis, axis: { format: "," } },
      y: { field: "seconds", type: "quantitative" as const, title: "wall clock (s)" },
      color: {
        field: "run",
        type: "nominal" as const,
        title: null,
        legend: { labelLimit: 400, orient: "bottom" as const },
      },
    },
  });
  const spec = vl.compile({
    data: { values: points },
    hconcat: [
      panel("synthetic", "Time against resources", "resources"),
      panel("fleet", "Time against stacks (--all)", "stacks"),
    ],
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, {
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
}
