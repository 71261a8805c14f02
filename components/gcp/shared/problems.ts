import * as pulumi from "@pulumi/pulumi";
import { formatProblem, type Problem } from "../../shared/problems";

/** A component used directly with bad arguments stops with every problem, each on its path. */
export function throwIfProblems(
  type: string,
  name: string,
  problems: readonly Problem[],
  resource: pulumi.Resource,
): void {
  if (problems.length > 0) {
    throw new pulumi.ResourceError(
      problems.map((p) => `${type} ${name}: ${formatProblem(p)}`).join("\n"),
      resource,
    );
  }
}
