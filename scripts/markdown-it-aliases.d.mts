// Types for scripts/markdown-it-aliases.mjs, which vite.config.ts imports.
export const MARKDOWN_IT_ALIASES: Record<string, string>;
