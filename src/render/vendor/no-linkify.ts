/**
 * Stands in for markdown-it's `linkify` inline rule, which needs linkify-it
 * and is off here anyway: GFM autolink literals are gfm-autolink.ts's job.
 * Swapped in by the builds (scripts/markdown-it-aliases.mjs) so its code does
 * not ship.
 */
export default function linkify(): boolean {
  return false;
}
