// Lint: the recommended JavaScript and type-aware TypeScript rules, nothing exotic.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "data", "coverage", ".scratch"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // One-way rule: the core and the commands know no platform; adapters render and send for them.
    files: ["src/core/**/*.ts", "commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**"], message: "The core and commands never import an adapter: put the platform fact on the card or the command context." },
            { group: ["discord.js", "discord.js/*", "@slack/*"], message: "The core and commands never import a platform library." },
            { group: ["**/store/**"], message: "The core and commands never import a storage engine: they use the contracts in src/core/storage." },
          ],
        },
      ],
    },
  },
);
