import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { RawConfig } from "../../stacks/config";

/** Reads stacks/Pulumi.<stack>.yaml into raw config as Pulumi hands it over (objects as JSON). */
export function readStackFile(stack: string): RawConfig {
  const file = path.resolve(__dirname, "../../stacks", `Pulumi.${stack}.yaml`);
  const doc = parseYaml(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}
