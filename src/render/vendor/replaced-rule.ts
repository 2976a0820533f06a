/**
 * Stands in for the markdown-it inline rules the renderer does not run, so
 * their code does not ship (the builds swap it in: scripts/markdown-it-aliases.mjs):
 * `linkify`, which needs linkify-it and is off (GFM autolink literals are
 * gfm-autolink.ts's job), and `text`, which parse-markdown.ts replaces with
 * gfm-autolink.ts's `gfmText`.
 */
export default function replacedRule(): boolean {
  return false;
}
