// ESLint flat config, kept in .ci/ so the project's top level stays as the product card fixes it.
// Run with `npm run lint` (eslint -c .ci/eslint.config.mjs). Type-aware: the Pulumi rules need types.
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export default tseslint.config(
  { ignores: ["node_modules/**", "**/node_modules/**", "test/vitest.config.mts", ".ci/**"] },
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
  {
    // Tests mutate arbitrary, deeply nested manifest fixtures one property at a time.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
