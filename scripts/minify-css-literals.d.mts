// Types for scripts/minify-css-literals.mjs, which vite.config.ts imports.
import type { Plugin } from 'vite';
export function minifyCssLiterals(): Plugin;
export function minifyCss(css: string): string;
