import { hex } from "../ids";
import { awsOutputs } from "./aws";
import type { ComputedState, OutputContext } from "./context";
import { gcpOutputs } from "./gcp";
import { kubernetesOutputs } from "./kubernetes";
import { randomOutputs } from "./random";

export type { ComputedState, OutputContext } from "./context";

/** What the mock engine answers for a registered custom resource. */
export function computeOutputs(ctx: OutputContext): ComputedState {
  const pkg = ctx.type.startsWith("pulumi:providers:") ? "provider" : ctx.type.split(":")[0];
  switch (pkg) {
    case "provider":
      return { id: hex(ctx.urn, 8, "provider") + "-" + hex(ctx.urn, 4, "p2"), state: {} };
    case "aws":
      return awsOutputs(ctx);
    case "gcp":
      return gcpOutputs(ctx);
    case "kubernetes":
      return kubernetesOutputs(ctx);
    case "random":
      return randomOutputs(ctx);
    default:
      return { id: `${ctx.name}-${hex(ctx.urn, 7, "autoname")}`, state: {} };
  }
}
