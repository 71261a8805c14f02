// ESLint flat config, kept in .ci/ so the project's top level stays as the product card fixes it.
// Run with `npm run lint` (eslint -c .ci/eslint.config.mjs). Type-aware: the Pulumi rules need types.
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Layering (docs: architecture, "Layering"): config -> target -> Platform -> app layer, one way.
// Each ban is a relative import that names the forbidden folder; packages (@pulumi/aws) are not
// relative and stay allowed.
const relative = (folders) => `^\\.{1,2}/(.*/)?(${folders.join("|")})(/|$)`;
const BANS = {
  stacks: {
    regex: relative(["stacks"]),
    message: "components never import stacks/: take what you need as typed arguments.",
  },
  clouds: (except) => ({
    regex: relative(["aws", "gcp", "existing-cluster"].filter((c) => c !== except)),
    message: except
      ? "a cloud's components never import another cloud's: share through components/shared/."
      : "the app layer never imports a cloud's components: read what it needs from the Platform.",
  }),
  reviewKit: {
    regex: relative(["stacks", "components"]),
    message: "the reviewer knows no kit: it takes any program and its own options.",
  },
  packsKit: {
    regex: relative(["stacks", "components", "review"]),
    message: "policy packs import nothing of the kit or the reviewer: they judge resources only.",
  },
};
const layer = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "**/node_modules/**",
      "test/vitest.config.mts",
      ".ci/**",
      ".bench/**",
      // npm run packs:build output (git-ignored): bundles of the packs, not sources.
      "dist/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: root },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      curly: "error",
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  layer(["components/**/*.ts"], [BANS.stacks]),
  layer(["components/app/**/*.ts"], [BANS.stacks, BANS.clouds()]),
  layer(["components/aws/**/*.ts"], [BANS.stacks, BANS.clouds("aws")]),
  layer(["components/gcp/**/*.ts"], [BANS.stacks, BANS.clouds("gcp")]),
  layer(["components/existing-cluster/**/*.ts"], [BANS.stacks, BANS.clouds("existing-cluster")]),
  layer(["review/**/*.ts"], [BANS.reviewKit]),
  layer(["policy-packs/**/*.ts"], [BANS.packsKit]),
  {
    // Tests mutate arbitrary, deeply nested manifest fixtures one property at a time.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
