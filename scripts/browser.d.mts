// Types for scripts/browser.mjs, which the TypeScript benchmarks import too.
export const CHROMIUM_ARGS: string[];
export const HINT: string;
/** The path of a usable Chromium, or undefined. Never installs anything. */
export function findChromium(): string | undefined;
/** Finds a Chromium, installing one if it has to; undefined when all ways fail. */
export function ensureChromium(): string | undefined;
