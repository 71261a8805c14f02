import { ESLint } from "eslint";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layering rules of .ci/eslint.config.mjs, run through ESLint's own API on source text placed
 * at a real path of the tree (the config's `files` globs choose the bans by path). Only the rule
 * under test runs, and the parser is not given the TypeScript program: an import's syntax tree does
 * not depend on types, and building the program takes seconds alone, minutes on a loaded machine
 * (`npm run lint` runs every rule, type-aware, over the tree).
 */
const root = path.resolve(__dirname, "../..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: ".ci/eslint.config.mjs",
    overrideConfig: { languageOptions: { parserOptions: { project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports",
  });
});

async function importProblems(filePath: string, specifier: string) {
  const code = `import * as imported from "${specifier}";\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.fatal)
    .map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

const refused = (specifier: string, why: string) => ({
  ruleId: "no-restricted-imports",
  message: `'${specifier}' import is restricted from being used by a pattern. ${why}`,
});

describe("layering lint", () => {
  it.each([
    [
      "components/app/layer.ts",
      "../../stacks/config",
      "components never import stacks/: take what you need as typed arguments.",
    ],
    [
      "components/aws/footprint/footprint.ts",
      "../../../stacks/config/aws-settings",
      "components never import stacks/: take what you need as typed arguments.",
    ],
    [
      "components/app/layer.ts",
      "../aws/footprint/defaults",
      "the app layer never imports a cloud's components: read what it needs from the Platform.",
    ],
    [
      "components/app/tls/certificates.ts",
      "../../existing-cluster/cluster",
      "the app layer never imports a cloud's components: read what it needs from the Platform.",
    ],
    [
      "components/aws/footprint/footprint.ts",
      "../../existing-cluster/cluster",
      "a cloud's components never import another cloud's: share through components/shared/.",
    ],
    [
      "components/existing-cluster/cluster.ts",
      "../aws/shared/tags",
      "a cloud's components never import another cloud's: share through components/shared/.",
    ],
    [
      "review/review.ts",
      "../components/shared/platform",
      "the reviewer knows no kit: it takes any program and its own options.",
    ],
    [
      "review/engine/run.ts",
      "../../stacks/config",
      "the reviewer knows no kit: it takes any program and its own options.",
    ],
    [
      "policy-packs/lib/props.ts",
      "../../review/model",
      "policy packs import nothing of the kit or the reviewer: they judge resources only.",
    ],
    [
      "policy-packs/lib/aws/common.ts",
      "../../../components/shared/cidr",
      "policy packs import nothing of the kit or the reviewer: they judge resources only.",
    ],
  ])("%s may not import %s", async (file, specifier, why) => {
    expect(await importProblems(file, specifier)).toEqual([refused(specifier, why)]);
  });

  it.each([
    ["components/app/layer.ts", "../shared/platform"],
    ["components/aws/footprint/footprint.ts", "../shared/iam"],
    ["components/aws/footprint/footprint.ts", "@pulumi/aws"],
    ["components/app/layer.ts", "@pulumi/kubernetes"],
    ["stacks/targets/aws.ts", "../../components/aws/footprint/footprint"],
    ["policy-packs/lib/aws/common.ts", "../props"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await importProblems(file, specifier)).toEqual([]);
  });
});
