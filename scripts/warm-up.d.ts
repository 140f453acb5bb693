// Types of scripts/warm-up.js, for the tests that read its warm-ups.
export interface WarmUp {
  /** The entry point whose bundle's code cache the warm-up writes, such as "src/cli.ts". */
  entry: string;
  /** The CLI arguments that fill the warm-up's store, run from dist/src without a code cache. */
  fill: string[];
  /** The CLI arguments of the command whose run writes the code cache. */
  run: string[];
}
export const WARM_UPS: WarmUp[];
export function warmUp(): void;
