// Lint: the recommended JavaScript and type-aware TypeScript rules, nothing exotic, and the one-way
// rules between the layers (ARCHITECTURE.md): the core and commands/ know no platform and no storage
// engine, and no adapter knows another.
import fs from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Each platform's folder under src/adapters. */
const ADAPTERS = fs.readdirSync(`${import.meta.dirname}/src/adapters`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
/** What an adapter may use of another: the webhook posts in the Slack and Discord message formats,
 * so it renders with their renderers (pure functions of a card; no connection, no platform library). */
const SHARED_WITH = { webhook: ["slack/render.js", "discord/render.js"] };

/** A lookahead that lets through the files of `other` that `adapter` may import. */
function allowed(adapter, other) {
  const files = (SHARED_WITH[adapter] ?? []).filter((f) => f.startsWith(`${other}/`)).map((f) => f.slice(other.length + 1).replaceAll(".", "\\."));
  return files.length ? `(?!(${files.join("|")})$)` : "";
}

export default tseslint.config(
  { ignores: ["node_modules", "data", "coverage", ".scratch", "dist"] },
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
            { group: ["**/store/**", "pg", "pg/*", "better-sqlite3"], message: "The core and commands never import a storage engine: they use the contracts in src/core/storage." },
          ],
        },
      ],
    },
  },
  // One-way rule: an adapter is one platform's folder and imports no other platform's (but what
  // SHARED_WITH allows); what platforms share lives in the core or in src/adapters/*.ts.
  ...ADAPTERS.map((adapter) => ({
    files: [`src/adapters/${adapter}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ADAPTERS.filter((other) => other !== adapter).map((other) => ({
            // ../slack/x.js, or src/adapters/slack/x.js from further away; an allowed file excepted.
            regex: `^(\\.\\./|.*/adapters/)${other}(/|$)${allowed(adapter, other)}`,
            message: `An adapter imports no other adapter: share it through the core or src/adapters/*.ts (${adapter} imports ${other}).`,
          })),
        },
      ],
    },
  })),
);
